"""Builds the executed course as a static site: build/site/ (make site).

Input: the executed lessons that `make test` (or `make notebooks`) leaves in build/notebooks/. A lesson with an
executed copy is never run again; `--run-missing` executes the lessons that have none (pytest, as make test does)
before building. Output: a mkdocs-material site, one page per lesson rendered by mkdocs-jupyter from the outputs
the learner would see (Java highlighted by Pygments, charts as PNG pictures, Tablesaw tables as HTML), the
README's lesson table as the home page, the search index built offline, and on every page a stamp of what
produced it (the date, the course commit, Ollama's version, each model's name and sha256, LangChain4j's version,
the JDK, the machine).

Why mkdocs-material + mkdocs-jupyter rather than jupyter-book 2 + mystmd: all three are pip packages, so they
are pinned in stack/requirements.lock and cached with the venv (mystmd is a Node.js program, a second toolchain
and lock); mkdocs' search index is written at build time and runs in the browser, offline; mkdocs-jupyter renders
the stored outputs through nbconvert, the exporter the course's pages always used, so a Java kernel's outputs
need nothing special.

Usage: python -m stack.build_site [--check | --run-missing] [--notebooks DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import html
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat

from stack.course_env import ENV as COURSE_ENV
from stack.course_env import OLLAMA_URL

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def say(message: str) -> None:
    print(f"\033[1m[course]\033[0m {message}", flush=True)


def die(message: str) -> None:
    print(f"\033[31m[course] {message}\033[0m", file=sys.stderr, flush=True)
    sys.exit(1)


# ---------------------------------------------------------------------------------------------------------------
# The stamp: what produced the pages.


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=20, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def ollama_json(path: str, body: dict | None = None) -> dict | None:
    base = OLLAMA_URL
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, data=data), timeout=10) as reply:
            return json.load(reply)
    except (OSError, ValueError):
        return None


def pinned_gguf_sha256() -> dict:
    """The course's own models' GGUF digests, as stack/install-models.sh pins them."""
    script = (ROOT / "stack" / "install-models.sh").read_text(encoding="utf-8")
    pins = dict(re.findall(r'^(\w+)_GGUF_SHA256="([0-9a-f]{64})"', script, re.M))
    return {COURSE_ENV["DEFAULT_CHAT_MODEL"]: pins.get("SMOLLM2"), COURSE_ENV["DEFAULT_BASE_MODEL"]: pins.get("GEMMA3")}


def model_rows() -> list[str]:
    """Each model the lessons use, with the sha256 of the weights: the blob Ollama serves (from /api/show), or for
    the course's own models the pinned digest when Ollama does not answer; the in-process embedding models by jar."""
    pins = pinned_gguf_sha256()
    rows = []
    for variable, default in (("COURSE_CHAT_MODEL", "DEFAULT_CHAT_MODEL"), ("COURSE_BASE_MODEL", "DEFAULT_BASE_MODEL")):
        name = os.environ.get(variable) or COURSE_ENV[default]
        show = ollama_json("/api/show", {"model": name}) or {}
        served = re.search(r"sha256-([0-9a-f]{64})", show.get("modelfile", ""))
        if served:
            rows.append(f"{name} (Ollama, GGUF sha256 {served.group(1)})")
        elif pins.get(name):
            rows.append(f"{name} (GGUF sha256 {pins[name]}, pinned in stack/install-models.sh; Ollama was not asked)")
        else:
            rows.append(f"{name} (Ollama did not answer: no digest)")
    for jar in sorted((ROOT / "lib" / "target" / "classpath").glob("langchain4j-embeddings-*-*.jar")):
        if re.search(r"embeddings-\d", jar.name):
            continue  # the engine, not a model
        rows.append(f"{jar.stem} (in the JVM, jar sha256 {hashlib.sha256(jar.read_bytes()).hexdigest()})")
    return rows


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    try:
        return subprocess.run(["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True, text=True, timeout=5).stdout.strip() or platform.processor()
    except (OSError, subprocess.SubprocessError):
        return platform.processor() or "unknown CPU"


def memory_gib() -> str:
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        return f", {kib / 2**20:.1f} GiB"
    except (OSError, AttributeError):
        return ""


def stamp(executed: list[Path]) -> list[tuple[str, str]]:
    when = [dt.datetime.fromtimestamp(p.stat().st_mtime, dt.timezone.utc) for p in executed]
    commit = git("rev-parse", "--short=12", "HEAD") or "unknown (not a git checkout)"
    if commit and git("status", "--porcelain", "--untracked-files=no"):
        commit += " with uncommitted changes"
    version = (ollama_json("/api/version") or {}).get("version", "did not answer when the site was built")
    pom = (ROOT / "lib" / "pom.xml").read_text(encoding="utf-8")
    langchain4j = re.search(r"<langchain4j.version>([^<]+)<", pom).group(1)
    jdks = sorted({nbformat.read(p, as_version=4).metadata.get("language_info", {}).get("version", "?") for p in executed})
    return [
        ("built", dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("lessons executed", f"{min(when):%Y-%m-%d %H:%M} to {max(when):%Y-%m-%d %H:%M} UTC ({len(executed)} of {len(LESSONS)} lessons)"),
        ("course commit", commit),
        ("Ollama", version),
        ("models", "; ".join(model_rows())),
        ("LangChain4j", langchain4j),
        ("JDK (kernel)", ", ".join(jdks)),
        ("machine that built the site", f"{os.cpu_count()} cores, {cpu_model()}{memory_gib()}, {platform.system()} {platform.machine()}"),
    ]


# ---------------------------------------------------------------------------------------------------------------
# The pages.

LESSON_LINK = re.compile(r"\]\((\d\d-[\w.-]+?)\.ipynb(#[^)]*)?\)")


def page_notebook(source: Path, target: Path, in_site: set[str]) -> str:
    """Copies an executed lesson for the site: links between lessons point at their pages, the README's at the home
    page, pictures from images/ at the site's copy; every picture output also gets an HTML form that carries its
    description (lib's Renderers.describe, or an SVG's own <title>) as alt text. Returns the lesson's title."""
    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            # A lesson that was not executed has no page: its link goes to the home page, which says so.
            cell.source = LESSON_LINK.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})" if m.group(1) in in_site else "](index.html)",
                                          cell.source)
            cell.source = cell.source.replace("](../README.md)", "](index.html)").replace("](../images/", "](images/")
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                continue
            description = html.escape(data.get("text/plain", "") if isinstance(data.get("text/plain"), str) else "", quote=True)
            if "image/png" in data:
                png = data["image/png"].replace("\n", "")
                data["text/html"] = f'<img alt="{description}" src="data:image/png;base64,{png}">'
            elif "image/svg+xml" in data:
                svg = data["image/svg+xml"]
                title = re.search(r"<title>\s*(.*?)\s*</title>", svg, re.S)
                alt = html.escape(title.group(1), quote=True) if title else description
                data["text/html"] = f'<img alt="{alt}" src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}">'
    nbformat.write(nb, target)
    title = next((c.source.splitlines()[0][2:].strip() for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("# ")), source.stem)
    return title


def home_page(titles: dict[str, str], executed: set[str]) -> str:
    """The README's lesson table, each lesson linked to its page (or marked when it was not executed)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.search(r"^## The lessons\n\n(\|.*?\n)\n", readme, re.M | re.S).group(1)

    def link(match):
        name = match.group(1)
        if name in executed:
            return f"| [{name}]({name}.html) |"
        return f"| {name} (not in this build: `make site` runs it) |"

    table = re.sub(r"^\| `(\d\d-[\w-]+)` \|", link, table, flags=re.M)
    shot = '\n![The chat app of lesson 09 in Chromium, from the browser test](images/chat-app-test.png)\n' \
        if (ROOT / "build" / "site-shots" / "chat-app.png").is_file() else ""
    return ("# Generative AI with Java, in notebooks\n\n"
            "Every lesson as it ran: the Java code, then the outputs the Java kernel produced on the machine and at the "
            "commit the stamp at the foot of each page names. Replies and figures depend on the model, the machine and "
            "sampling; a classroom with a larger model sees other answers.\n\n"
            f"## The lessons\n\n{table}{shot}")


STAMP_TEMPLATE = """{% extends "base.html" %}
{% block content %}
{{ super() }}
<aside class="course-stamp" id="course-stamp">
<p><strong>What produced this page</strong></p>
<dl>
{% for row in config.extra.stamp %}<dt>{{ row[0] }}</dt><dd>{{ row[1] }}</dd>
{% endfor %}</dl>
</aside>
{% endblock %}
"""

STAMP_CSS = """.course-stamp { margin-top: 3em; padding: .6em 1em; border-top: 1px solid var(--md-default-fg-color--lightest);
  font-size: .7rem; color: var(--md-default-fg-color--light); }
.course-stamp dl { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: 0; }
.course-stamp dt { font-weight: bold; } .course-stamp dd { margin: 0; overflow-wrap: anywhere; }
"""


def mkdocs_config(titles: dict[str, str], rows: list[tuple[str, str]], docs: Path, out: Path) -> dict:
    return {
        "site_name": "Generative AI with Java, in notebooks",
        "docs_dir": str(docs),
        "site_dir": str(out),
        # Plain .html files: the site opens from a folder as well as from a web server.
        "use_directory_urls": False,
        "theme": {"name": "material", "custom_dir": str(docs.parent / "overrides"), "features": ["navigation.sections", "navigation.footer", "search.highlight"]},
        "extra_css": ["stamp.css"],
        "plugins": [
            "search",
            {"mkdocs-jupyter": {"execute": False, "include_source": False, "ignore_h1_titles": False, "cache": False}},
        ],
        "nav": [{"Home": "index.md"}, {"Lessons": [{title: f"{name}.ipynb"} for name, title in titles.items()]}],
        "extra": {"stamp": [list(row) for row in rows]},
    }


def run_missing(missing: list[str]) -> None:
    say(f"executing the lessons without an executed copy: {', '.join(missing)}")
    subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(ROOT / "tests" / "test_notebooks.py"),
                    "-k", " or ".join(missing)], cwd=ROOT, check=False)


def build(notebooks: Path, out: Path, work: Path | None = None) -> dict:
    """Builds the site from the executed lessons in `notebooks` into `out`; returns what it built (pages, bytes, seconds)."""
    start = time.monotonic()
    executed = [notebooks / f"{p.stem}.ipynb" for p in LESSONS if (notebooks / f"{p.stem}.ipynb").is_file()]
    if not executed:
        die(f"There is no executed lesson in {notebooks}: run 'make notebooks' (or 'make test') first, or 'make site', which runs them.")
    work = work or out.parent / "site-src"
    shutil.rmtree(work, ignore_errors=True)
    docs = work / "docs"
    (docs / "images").mkdir(parents=True)
    (work / "overrides").mkdir()
    for picture in (ROOT / "images").glob("*"):
        if picture.is_file():
            shutil.copy2(picture, docs / "images" / picture.name)
    if (ROOT / "build" / "site-shots" / "chat-app.png").is_file():
        shutil.copy2(ROOT / "build" / "site-shots" / "chat-app.png", docs / "images" / "chat-app-test.png")
    titles = {p.stem: page_notebook(p, docs / p.name, {e.stem for e in executed}) for p in executed}
    (docs / "index.md").write_text(home_page(titles, set(titles)), encoding="utf-8")
    (docs / "stamp.css").write_text(STAMP_CSS, encoding="utf-8")
    (work / "overrides" / "main.html").write_text(STAMP_TEMPLATE, encoding="utf-8")
    rows = stamp(executed)
    config = work / "mkdocs.yml"
    config.write_text(json.dumps(mkdocs_config(titles, rows, docs, out), indent=1), encoding="utf-8")  # JSON is YAML
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "--quiet", "-f", str(config)],
                            cwd=work, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        die(f"mkdocs could not build the site (its messages above); the sources are in {work}.")
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return {"pages": [f"{p.stem}.html" for p in executed], "missing": [p.stem for p in LESSONS if p.stem not in titles],
            "bytes": size, "seconds": time.monotonic() - start, "stamp": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "build" / "notebooks", help="the executed lessons")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site", help="where the site goes")
    parser.add_argument("--run-missing", action="store_true", help="execute the lessons that have no executed copy first")
    parser.add_argument("--check", action="store_true", help="only say whether every lesson has an executed copy (exit 1 if not)")
    args = parser.parse_args()
    missing = [p.stem for p in LESSONS if not (args.notebooks / f"{p.stem}.ipynb").is_file()]
    if args.check:
        if missing:
            say(f"lessons without an executed copy in {args.notebooks}: {', '.join(missing)}")
        sys.exit(1 if missing else 0)
    if missing and args.run_missing:
        if args.notebooks.resolve() != (ROOT / "build" / "notebooks").resolve():
            die("--run-missing executes lessons into build/notebooks/ (as make test does): leave out --notebooks to use it.")
        run_missing(missing)
    built = build(args.notebooks.resolve(), args.out.resolve())
    if built["missing"]:
        say(f"not in the site (no executed copy in {args.notebooks}): {', '.join(built['missing'])}")
    say(f"site: {len(built['pages'])} lessons, {built['bytes'] / 1e6:.1f} MB, built in {built['seconds']:.1f} s: "
        f"open {args.out / 'index.html'}")


if __name__ == "__main__":
    main()
