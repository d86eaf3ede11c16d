"""Executes every lesson notebook headlessly with the Java kernel: the course's end-to-end test.

Each notebook runs in a fresh JJava kernel whose working directory is notebooks/ (as in JupyterLab),
against the real Ollama and Chroma started by 'make up'. A cell error, a failed check, a cell timeout
or a dead kernel fails the test. The executed copy goes to build/notebooks/ and an HTML rendering to
build/html/, whether the run passed or not, so a failure can be read in context. The course site
(build/site/) is built from the executed copies by stack/build_site.py (make site; tests/test_site.py).

nbclient is driven directly rather than through nbmake: nbmake can only overwrite the notebook it runs,
while we keep notebooks/ output-free and need the executed copy, the HTML and the timing per notebook.
"""
import base64
import mimetypes
import os
import re
import time
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb"))
BUILD = ROOT / "build"
# Every notebook's first code cell; bench/python reads the same file.
SETUP_CELL = (ROOT / "tests" / "setup-cell.txt").read_text(encoding="utf-8").strip()
CELL_TIMEOUT = int(os.environ.get("COURSE_CELL_TIMEOUT", "600"))


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def first_error(nb):
    """The error as the notebook shows it. JJava puts the readable error in the cell's error output;
    the traceback nbclient gets in the execute reply holds only the kernel's own frames."""
    for number, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                text = ANSI.sub("", "\n".join(out.traceback) or f"{out.ename}: {out.evalue}")
                return f"cell {number}:\n{cell.source}\n--> {text.strip()}"
    return None


UNDRAWN_CHART = re.compile(r"^org\.knowm\.xchart\.\w+@[0-9a-f]+$")


def undrawn_chart(nb):
    """A cell whose chart came out as Object.toString() instead of a picture: the course's renderer
    (lib's RendererExtension) did not run, and the lesson would show no chart without any error."""
    for number, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/plain", "") if out.output_type == "execute_result" else ""
            if UNDRAWN_CHART.match(text.strip()) and "image/png" not in out.get("data", {}):
                return f"cell {number} displayed its chart as text ({text.strip()}), not as a picture"
    return None


# JupyterLab's look, plus each chart's description (lib's Renderers.describe) as its picture's alt text.
HTML_TEMPLATES = ROOT / "tests" / "html-template"
# What nbconvert writes into an <img> that came without alt text.
NO_ALT_TEXT = "No description has been provided for this image"


# A markdown cell's picture from the repository, e.g. lesson 09's ![...](../images/chat-app.png).
REPOSITORY_PICTURE = re.compile(r'src="\.\./images/([\w.-]+)"')


def embed_repository_pictures(html):
    """The page in build/html/ has no images/ folder beside it: a picture linked from images/ goes into the
    page as a data: URL (nbconvert's own embed_images refuses paths outside the notebook's folder)."""
    def data_url(match):
        picture = ROOT / "images" / match.group(1)
        if not picture.is_file():
            return match.group(0)
        mime = mimetypes.guess_type(picture.name)[0] or "application/octet-stream"
        return f'src="data:{mime};base64,{base64.b64encode(picture.read_bytes()).decode("ascii")}"'
    return REPOSITORY_PICTURE.sub(data_url, html)


def html_page(nb):
    html, _ = HTMLExporter(extra_template_basedirs=[str(HTML_TEMPLATES)], template_name="course").from_notebook_node(nb)
    return embed_repository_pictures(html)


def undescribed_picture(html):
    """A picture in the HTML page that a screen reader could not describe."""
    missing = html.count(NO_ALT_TEXT)
    return f"{missing} picture(s) in the HTML page have no alt text (a chart whose description did not render)" if missing else None


def write_outputs(nb, name):
    (BUILD / "notebooks").mkdir(parents=True, exist_ok=True)
    (BUILD / "html").mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, BUILD / "notebooks" / f"{name}.ipynb")
    html = html_page(nb)
    (BUILD / "html" / f"{name}.html").write_text(html, encoding="utf-8")
    return html


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_clean(path, record_property):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="java",
        timeout=CELL_TIMEOUT,
        startup_timeout=120,
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    failure = None
    html = ""
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as e:
        failure = first_error(nb) or str(e)
    except CellTimeoutError as e:
        failure = f"a cell ran longer than {CELL_TIMEOUT} s (COURSE_CELL_TIMEOUT): {e}"
    except DeadKernelError as e:
        failure = f"the Java kernel died: {e}"
    finally:
        seconds = time.monotonic() - start
        record_property("seconds", round(seconds, 1))
        html = write_outputs(nb, path.stem)
    failure = failure or undrawn_chart(nb) or undescribed_picture(html)
    if failure:
        pytest.fail(f"{path.name} failed (executed copy: build/html/{path.stem}.html)\n{failure}", pytrace=False)


def test_notebooks_are_committed_without_outputs():
    dirty = [p.name for p in NOTEBOOKS
             for c in nbformat.read(p, as_version=4).cells
             if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"clear the outputs of {sorted(set(dirty))} before committing (Kernel > Restart and Clear Outputs)"


def test_every_notebook_starts_with_the_same_setup_line():
    first = {p.name: nbformat.read(p, as_version=4).cells for p in NOTEBOOKS}
    for name, cells in first.items():
        code = [c for c in cells if c.cell_type == "code"]
        assert code and code[0].source.strip() == SETUP_CELL, f"{name}: the first code cell must be {SETUP_CELL!r}"
        assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# "), f"{name}: open with a '# Title' markdown cell"


def test_links_between_notebooks_resolve():
    link = re.compile(r"\]\(([^)#\s]+\.ipynb)\)")
    broken = [(p.name, target) for p in NOTEBOOKS
              for c in nbformat.read(p, as_version=4).cells if c.cell_type == "markdown"
              for target in link.findall(c.source)
              if not (NOTEBOOK_DIR / target).is_file()]
    assert not broken, f"links to notebooks that do not exist: {broken}"


def test_pictures_in_markdown_exist():
    picture = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
    missing = [(p.name, target) for p in NOTEBOOKS
               for c in nbformat.read(p, as_version=4).cells if c.cell_type == "markdown"
               for target in picture.findall(c.source)
               if "://" not in target and not (NOTEBOOK_DIR / target).is_file()]
    assert not missing, f"pictures that do not exist: {missing}"


def test_a_picture_from_images_is_embedded_in_the_page():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("![Four steps](../images/rag-steps.svg)")])
    img = BeautifulSoup(html_page(nb), "html.parser").find("img")
    assert img["alt"] == "Four steps" and img["src"].startswith("data:image/svg+xml;base64,")


def test_a_chart_shown_as_text_is_caught():
    drawn = nbformat.v4.new_output("execute_result", data={"image/png": "iVBOR", "text/plain": "org.knowm.xchart.XYChart@1f2e3d"})
    undrawn = nbformat.v4.new_output("execute_result", data={"text/plain": "org.knowm.xchart.CategoryChart@5a6b7c"})
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("chart", outputs=[drawn])])
    assert undrawn_chart(nb) is None
    nb.cells.append(nbformat.v4.new_code_cell("chart", outputs=[undrawn]))
    assert "cell 2 displayed its chart as text" in undrawn_chart(nb)


def test_a_picture_gets_its_chart_description_as_alt_text():
    described = nbformat.v4.new_output("execute_result", data={"image/png": "iVBOR", "text/plain": 'Chart: "Loss" <per epoch>.'})
    bare = nbformat.v4.new_output("display_data", data={"image/png": "iVBOR"})
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("chart", outputs=[described])])
    html = html_page(nb)
    assert [img["alt"] for img in BeautifulSoup(html, "html.parser").find_all("img")] == ['Chart: "Loss" <per epoch>.']
    assert undescribed_picture(html) is None
    nb.cells.append(nbformat.v4.new_code_cell("picture", outputs=[bare]))
    assert "1 picture(s)" in undescribed_picture(html_page(nb))


def test_an_svg_gets_its_own_title_as_alt_text():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><title> Four steps </title><rect width="1" height="1"/></svg>'
    shown = nbformat.v4.new_output("display_data", data={"image/svg+xml": svg, "text/plain": svg})
    html = html_page(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("diagram", outputs=[shown])]))
    assert [img["alt"] for img in BeautifulSoup(html, "html.parser").find_all("img")] == ["Four steps"]
