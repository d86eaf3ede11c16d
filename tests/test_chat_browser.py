"""The chat app of lesson 09 in a real browser: Debian's Chromium, headless, driven by Selenium.

The test starts its own Ollama (the course's binary and models, on a free port) so that it can stop it and start it
again without touching the shared one, and the app itself (the contract's command line with CHAT_PORT=0), pointed at
that Ollama and the shared Chroma. In one page, as a user would:

1. a question answered by one menu streams in more than one piece, and the sources name that menu;
2. an uploaded PDF (a menu none of data/menus covers) is cited when asked about;
3. an uploaded Markdown menu whose title and dishes contain <b>, <i> and <script> shows them as literal text;
4. uploads that are not a readable PDF (an image-only page, a PNG named .pdf, a file over the size limit) get one
   sentence, and the chat stays;
5. with Ollama stopped, a question gets one sentence and the earlier messages stay; with Ollama back, it answers;

and saves a screenshot to build/site-shots/chat-app.png (the course site shows it). Chromium and chromedriver come from stack/install-browser.sh
(make test runs it); Selenium is given both paths, and SE_OFFLINE keeps Selenium Manager from fetching anything.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from chat_client import PrivateOllama, one_sentence, start_app
from stack_env import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FIXTURES = ROOT / "tests" / "fixtures" / "chat"
SCREENSHOT = ROOT / "build" / "site-shots" / "chat-app.png"
# A closed network: no QUIC, no background fetches, no component or sync updates, a fresh profile.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,1000"]
REPLY_TIMEOUT = float(os.environ.get("CHAT_TEST_REPLY_TIMEOUT", "600"))  # 2 busy cores, a 135M model: minutes
UPLOAD_LIMIT_MB = 1


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    assert not missing, f"{', '.join(missing)} not installed: run 'bash stack/install-browser.sh' (make test does)"
    assert PrivateOllama.missing() is None, PrivateOllama.missing()
    tmp = tmp_path_factory.mktemp("chat-browser")
    ollama = PrivateOllama(tmp / "ollama.log").start()
    try:
        app = start_app(tmp / "app.log", ollama_url=ollama.url, CHAT_MAX_UPLOAD_MB=UPLOAD_LIMIT_MB)
    except BaseException:
        ollama.stop()
        raise
    yield {"ollama": ollama, "app": app, "tmp": tmp}
    app.stop()
    ollama.stop()


@pytest.fixture(scope="module")
def page(stack):
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={stack['tmp'] / 'chromium-profile'}"]:
        options.add_argument(flag)
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(stack["tmp"] / "chromedriver.log"))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.get(stack["app"].url)
        yield driver
    finally:
        driver.quit()


def wait(driver, condition, timeout, what):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.25).until(lambda d: condition(d))
    except TimeoutException:
        pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}", pytrace=False)


def assistant_messages(driver):
    return driver.find_elements("css selector", "#messages .message.assistant")


def ask(driver, question: str):
    """Types a question, sends it, and returns the new assistant message once its data-state is done or error."""
    before = len(assistant_messages(driver))
    box = driver.find_element("id", "question")
    box.clear()
    box.send_keys(question)
    driver.find_element("id", "send").click()
    wait(driver, lambda d: len(assistant_messages(d)) > before, 30, "the assistant's message to appear")
    message = assistant_messages(driver)[before]
    wait(driver, lambda d: message.get_attribute("data-state") in ("done", "error"), REPLY_TIMEOUT,
         f"the reply to {question!r} to finish (data-state done or error)")
    return message


def upload(driver, path: Path) -> tuple[str, bool]:
    """Chooses a file in #upload; returns #upload-status's text once it shows a result, and whether it is an error."""
    status = driver.find_element("id", "upload-status")
    before = status.text
    driver.find_element("id", "upload").send_keys(str(path))

    def settled(_):
        text = status.text.strip()
        return text if text and text != before and not text.endswith(("…", "...")) else None
    text = wait(driver, settled, 300, f"#upload-status to report on {path.name}")
    return text, "error" in (status.get_attribute("class") or "").split()


def source_names(message) -> list[str]:
    return [a.text for a in message.find_elements("css selector", ".sources a")]


def names(source: list[str], *menu: str) -> bool:
    return any(m.lower() in s.lower() for s in source for m in menu)


def transcript(driver) -> list[str]:
    return [m.text for m in driver.find_elements("css selector", "#messages .message")]


def test_a_question_about_one_menu_streams_in_pieces_and_cites_that_menu(page):
    message = ask(page, "Where can I eat a gluten-free pizza?")
    assert message.get_attribute("data-state") == "done", message.text
    assert int(message.get_attribute("data-chunks")) > 1, "the reply arrived in one piece: it was not streamed"
    assert message.find_element("css selector", ".text").text.strip(), "the reply is empty"
    sources = source_names(message)
    assert names(sources, "Trattoria Lucerna", "trattoria-lucerna"), f"the sources do not name the menu: {sources}"


def test_an_uploaded_pdf_is_cited_when_asked_about(page):
    status, failed = upload(page, FIXTURES / "hanok-grill.pdf")
    assert not failed and ("hanok-grill" in status.lower() or "hanok grill" in status.lower()), status
    message = ask(page, "What does Hanok Grill serve at its table barbecue?")
    assert message.get_attribute("data-state") == "done", message.text
    sources = source_names(message)
    assert names(sources, "Hanok Grill", "hanok-grill"), f"the sources do not name the uploaded menu: {sources}"


def test_tags_in_an_uploaded_menu_show_as_literal_text(page, stack):
    status, failed = upload(page, FIXTURES / "tagged-menu.md")
    assert not failed and ("tagged-menu" in status or "Bold" in status), status
    message = ask(page, "What dishes are on the menu of The Bold Spoon?")
    assert message.get_attribute("data-state") == "done", message.text
    messages = page.find_element("id", "messages")
    # Had any tag been inserted as HTML, it would be an element here instead of text.
    for tag in ("b", "i", "script"):
        assert not messages.find_elements("tag name", tag), f"a <{tag}> element inside #messages: text went in as HTML"
    # That check only means something if a reply or a source of this turn really carried a tag: the upload's
    # title is "The <b>Bold</b> Spoon", and a source link names its menu, so the literal "<b>" must be visible.
    replies_and_sources = [message.find_element("css selector", ".text").text, *source_names(message)]
    tagged = [t for t in replies_and_sources if "<b>" in t or "<script>" in t or "<i>" in t]
    assert tagged, f"no reply or source of this turn shows a tag as text: {replies_and_sources}"
    links = message.find_elements("css selector", ".sources a")
    passages = [a.get_attribute("href") for a in links if "<b>" in a.text]
    chat_window = page.current_window_handle
    for href in passages:  # the passage page a source links to shows the dish names with their tags as text
        page.switch_to.new_window("tab")
        try:
            page.get(href)
            body = page.find_element("tag name", "body")
            assert "<b>" in body.text or "<script>" in body.text or "<i>" in body.text, body.text[:500]
            assert not body.find_elements("css selector", "b, i, script"), "the passage page inserted a tag as HTML"
        finally:
            page.close()
            page.switch_to.window(chat_window)


@pytest.mark.parametrize("make", ["scanned", "not-a-pdf", "too-big"])
def test_an_upload_that_cannot_be_read_gets_one_sentence_and_the_chat_stays(page, stack, make):
    path = {"scanned": FIXTURES / "scanned-menu.pdf", "not-a-pdf": FIXTURES / "photo-not-a-pdf.pdf"}.get(make)
    if make == "too-big":
        path = stack["tmp"] / "menu-too-big.md"
        path.write_text("# Too big\n\n" + "A dish with far too long a description. " * 40_000, encoding="utf-8")
        assert path.stat().st_size > UPLOAD_LIMIT_MB * 1024 * 1024
    before = transcript(page)
    status, failed = upload(page, path)
    assert failed, f"{path.name} was not refused: {status!r}"
    assert one_sentence(status) and path.name in status, f"not one readable sentence naming {path.name}: {status!r}"
    assert transcript(page) == before, "a refused upload changed the chat"


def test_with_ollama_stopped_the_page_says_so_in_one_sentence_and_recovers(page, stack):
    before = transcript(page)
    assert before, "the earlier tests left no messages to keep"
    stack["ollama"].stop()
    try:
        message = ask(page, "Which restaurant is open on Mondays?")
        assert message.get_attribute("data-state") == "error", f"no error with Ollama stopped: {message.text}"
        error = message.find_element("css selector", ".error").text
        assert one_sentence(error), f"not one readable sentence: {error!r}"
        assert transcript(page)[:len(before)] == before, "earlier messages changed or disappeared after the error"
    finally:
        stack["ollama"].start()
    message = ask(page, "Which restaurant is open on Mondays?")
    assert message.get_attribute("data-state") == "done", message.text
    assert int(message.get_attribute("data-chunks")) > 1
    assert not message.find_elements("css selector", ".error")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    # The whole conversation in one picture: the window as tall as the page (at most 3000 px).
    height = page.execute_script("return document.documentElement.scrollHeight")
    page.set_window_size(1280, min(int(height) + 140, 3000))
    assert page.save_screenshot(str(SCREENSHOT)), "Chromium took no screenshot"
    if os.environ.get("CHAT_SCREENSHOT_COPY"):  # how images/chat-app.png, the notebook's copy, was made
        shutil.copyfile(SCREENSHOT, os.environ["CHAT_SCREENSHOT_COPY"])
