"""The executed course as a site (stack/build_site.py, make site), built and opened in the real headless Chromium.

The site is built from the executed lessons in build/notebooks/ (make test executes them first: pytest runs this
file after tests/test_notebooks.py); when there are none, from lessons 00 and 03 executed here. It is served over
HTTP on a free port (the search runs in a web worker, which a file:// page may not start) and checked: every
internal link and picture resolves, every page carries the stamp of what produced it, Java is highlighted, a chart
and a table are on the pages, the search index holds the lessons and the search box finds a lesson's word. Chromium
screenshots the home page and one lesson to build/site-shots/.
"""
from __future__ import annotations

import base64
import binascii
import functools
import http.server
import importlib.util
import json
import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest
from bs4 import BeautifulSoup
from stack_env import ROOT
# The same Chromium, flags and waiting as the chat app's browser test.
from test_chat_browser import CHROMEDRIVER, CHROMIUM, CHROMIUM_FLAGS, wait

SHOTS = ROOT / "build" / "site-shots"
# Where the executed lessons are (make test's; another folder for a site from another run).
EXECUTED = Path(os.environ.get("COURSE_EXECUTED_NOTEBOOKS") or ROOT / "build" / "notebooks")
SMALL_SET = ("00-setup-check", "03-embeddings")


def load_builder():
    return importlib.import_module("stack.build_site")


def execute_small_set(folder: Path) -> Path:
    """Lessons 00 and 03 executed with the Java kernel, as tests/test_notebooks.py does, into folder."""
    from nbclient import NotebookClient
    folder.mkdir(parents=True, exist_ok=True)
    for name in SMALL_SET:
        nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        NotebookClient(nb, kernel_name="java", timeout=600, startup_timeout=120,
                       resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    builder = load_builder()
    notebooks = EXECUTED if any(EXECUTED.glob("[0-9][0-9]-*.ipynb")) else execute_small_set(tmp_path_factory.mktemp("executed"))
    out = ROOT / "build" / "site"
    built = builder.build(notebooks, out)
    print(f"site: {len(built['pages'])} lessons, {built['bytes'] / 1e6:.1f} MB, built in {built['seconds']:.1f} s")
    pages = {p.name: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in out.glob("*.html")}
    return {"out": out, "built": built, "pages": pages}


def internal_targets(soup):
    """(attribute value, is a picture) for each reference that stays inside the site."""
    for tag, attribute in (("a", "href"), ("img", "src"), ("link", "href"), ("script", "src")):
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if not value or value.startswith(("#", "mailto:", "javascript:")):
                continue
            if urlparse(value).scheme in ("http", "https") or value.startswith("//"):
                continue
            yield value, tag == "img"


def broken_references(out: Path, pages: dict) -> tuple[list, list]:
    """(links or pictures to files the site lacks, pictures whose data: URL holds no picture), per page."""
    broken, empty = [], []
    for name, soup in pages.items():
        for value, picture in internal_targets(soup):
            if value.startswith("data:"):
                payload = value.split(",", 1)[1] if "," in value else ""
                try:
                    if picture and not base64.b64decode(payload, validate=True):
                        empty.append((name, value[:40]))
                except binascii.Error:
                    empty.append((name, value[:40]))
                continue
            target = (out / unquote(urlparse(value).path).lstrip("/")).resolve()  # every page is at the root
            if not target.is_file() and not (target / "index.html").is_file():
                broken.append((name, value))
    return broken, empty


def test_a_broken_link_and_a_missing_picture_are_caught(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "there.png").write_bytes(b"png")
    (tmp_path / "01-a.html").write_text("x")
    page = BeautifulSoup('<a href="01-a.html#top">ok</a> <a href="02-gone.html">gone</a> <a href="https://example.org/">out</a>'
                         '<img src="images/there.png"><img src="images/lost.png"><img src="data:image/png;base64,">', "html.parser")
    broken, empty = broken_references(tmp_path, {"index.html": page})
    assert broken == [("index.html", "02-gone.html"), ("index.html", "images/lost.png")]
    assert empty == [("index.html", "data:image/png;base64,")]


def test_every_internal_link_and_picture_resolves(site):
    broken, empty = broken_references(site["out"], site["pages"])
    assert not broken, f"links and pictures to files the site does not have: {broken[:10]}"
    assert not empty, f"pictures with no data: {empty[:10]}"


def test_the_home_page_is_the_lesson_table_linking_every_executed_lesson(site):
    home = site["pages"]["index.html"]
    table = home.find("table")
    assert table is not None, "the home page has no lesson table"
    linked = {a["href"] for a in table.find_all("a")}
    assert set(site["built"]["pages"]) <= linked, f"lessons missing from the home page's table: {set(site['built']['pages']) - linked}"
    nav = {a.get("href") for a in home.select("nav a")}
    assert set(site["built"]["pages"]) <= nav, "the navigation does not list every lesson"


def test_every_page_carries_the_stamp(site):
    for name, soup in site["pages"].items():
        if name == "404.html":
            continue
        stamp = soup.find(id="course-stamp")
        assert stamp is not None, f"{name} has no stamp"
        text = stamp.get_text(" ")
        for needed in ("course commit", "Ollama", "models", "sha256", "LangChain4j", "cores", "lessons executed"):
            assert needed in text, f"{name}'s stamp lacks {needed!r}: {text[:300]}"
    rows = dict(site["built"]["stamp"])
    assert rows["LangChain4j"][0].isdigit() and "cores" in rows["machine that built the site"]


def test_lessons_show_highlighted_java_charts_and_tables(site):
    lessons = {name: soup for name, soup in site["pages"].items() if re.match(r"\d\d-", name)}
    assert lessons, "no lesson page was built"
    for name, soup in lessons.items():
        java = soup.select(".hl-java")
        assert java, f"{name}: no code cell highlighted as Java"
        assert any(block.select("span.k, span.kd, span.kt") for block in java), f"{name}: the Java has no highlighted keywords"
    pictures = [img for soup in lessons.values() for img in soup.find_all("img") if img.get("src", "").startswith("data:image/png")]
    assert pictures, "no lesson page shows a chart (a PNG output)"
    assert all(img.get("alt") for img in pictures), "a chart on the site has no alt text"
    assert any(soup.select(".jp-OutputArea table, .output_html table, table") for soup in lessons.values()), "no lesson page shows a table"


def test_the_search_index_holds_the_lessons(site):
    index = json.loads((site["out"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert set(site["built"]["pages"]) <= locations, f"lessons missing from the search index: {set(site['built']['pages']) - locations}"


@pytest.fixture(scope="module")
def served(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site["out"]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    assert not missing, f"{', '.join(missing)} not installed: run 'bash stack/install-browser.sh' (make test does)"
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    tmp = tmp_path_factory.mktemp("site-browser")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER), log_output=str(tmp / "chromedriver.log")))
    yield driver
    driver.quit()


UNLOADED_PICTURES = "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))"


def open_page(driver, url):
    driver.get(url)
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete", 60, f"{url} to load")
    wait(driver, lambda d: not d.execute_script(UNLOADED_PICTURES), 30, f"every picture of {url} to load")


def test_chromium_shows_the_home_page_and_a_lesson_and_finds_a_word(site, served, chromium):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(chromium, served + "index.html")
    assert chromium.find_elements("css selector", "#course-stamp"), "Chromium shows no stamp on the home page"
    assert chromium.save_screenshot(str(SHOTS / "home.png")), "Chromium took no screenshot of the home page"

    lesson = next((p for p in ("03-embeddings.html", "00-setup-check.html") if p in site["built"]["pages"]), site["built"]["pages"][0])
    open_page(chromium, served + lesson)
    pictures = chromium.execute_script("return document.images.length")
    assert chromium.save_screenshot(str(SHOTS / lesson.replace(".html", ".png"))), f"Chromium took no screenshot of {lesson}"
    assert pictures > 0 or lesson != "03-embeddings.html", "lesson 03 shows no picture in Chromium"
    charts = chromium.find_elements("css selector", "img[src^='data:image/png']")
    if charts:  # the first chart on screen, as a learner scrolls to it
        chromium.execute_script("arguments[0].scrollIntoView({block: 'center'})", charts[0])
        assert chromium.save_screenshot(str(SHOTS / lesson.replace(".html", "-chart.png"))), f"Chromium took no screenshot of {lesson}'s chart"

    # The search box: mkdocs-material's index, loaded by a web worker, finds a word every lesson page has.
    from selenium.webdriver.common.keys import Keys
    box = chromium.find_element("css selector", "input.md-search__input")
    box.click()
    box.send_keys("kernel")  # no Enter: that would open the first result
    wait(chromium, lambda d: d.find_elements("css selector", ".md-search-result__item"), 60, "the search to list results for 'kernel'")
    box.send_keys(Keys.ESCAPE)
