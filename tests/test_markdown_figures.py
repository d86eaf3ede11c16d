"""Numbers in a lesson's prose are properties of the course or measured ranges, never one run's figures.

A figure that depends on the model, the machine or sampling (a rate, a count of successes, a latency,
a run time, a quoted reply) is printed by a code cell from the run the learner sees ("observed this
run: ..."); the prose says what to look for. This test reads the markdown cells of every
notebooks/NN-*.ipynb (lessons added later included) and fails on any number that is neither:

1. **allow-listed** in tests/figures/NN.txt (NN = the lesson's number): one line per allowed piece of
   text, written exactly as in the lesson, holding the number with a word or two around it, then
   `#` and why it cannot change between runs, e.g.

       44 requests    # rows of data/tools/requests.csv
       0.60 or more   # the similarity threshold set in the code
       135M           # model size

   A number is allowed where it lies inside one of these pieces of text in that lesson. Properties
   of the course's data and code (counts of rows, constants, formula constants, model sizes, years
   and versions of cited work, ports, section numbers in the prose) belong here; keep the pieces
   specific ("44 requests", not "44") so a run's figure cannot hide behind them; nor
2. **a measured range**: inside parentheses that start with "measured over N runs" with N >= 3,
   e.g. "(measured over 3 runs on a 2-core CPU: 2.0-2.7 s to the first token)".

Not read: inline code and fenced code (`...`), link targets and URLs, image tags, numbers that are
part of a word or name (P07, LLM01, x86-64, all-MiniLM-L6-v2, 3B, 01-prompting), versions (1.11.0),
years (2022), arXiv ids, two-digit lesson numbers (01, 07), and "lesson 10", "section 3", "Exercise 2",
"step 4" and the like.
A number is a run of digits, with decimals or thousands separators (0.23, 1,000), as in "21/93".
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
ALLOW_DIR = ROOT / "tests" / "figures"

NUMBER = re.compile(r"(?<![\w\-.,])\d+(?:[.,]\d+)*(?![\w\-]|[.,]\d)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^)]*\)|<img[^>]*>|https?://\S+")
HEADING_NUMBER = re.compile(r"^(#+\s+)\d+(?:\.\d+)*\.?", re.MULTILINE)
# Names, not figures: versions (1.11.0), years (2022), arXiv ids, lesson numbers (01 ... 09, "lesson 10"),
# and numbered parts of the course ("section 3", "Exercise 2", "step 4").
NAMES = re.compile(r"\b\d+\.\d+\.\d+\S*|(?<![\d.,])\b(?:19|20)\d\d\b(?![.,]\d)|arXiv:\S+|(?<![\d.,])\b0\d\b(?![.,]\d)"
                   r"|\b(?:[Ll]essons?|[Ss]ections?|[Ee]xercises?|[Ss]teps?|[Pp]arts?|[Cc]hapters?) \d+(?:(?:, | and | or )\d+)*")
MEASURED = re.compile(r"\(measured over (\d+) runs\b[^)]*\)")


def prose(cell_source):
    """The markdown with code, links and heading numbers blanked out (same length, so offsets hold)."""
    text = cell_source
    for pattern in (CODE, LINK_TARGET, NAMES):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return HEADING_NUMBER.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)


def allow_list(lesson):
    path = ALLOW_DIR / f"{lesson}.txt"
    if not path.exists():
        return []
    pieces = []
    for line in path.read_text(encoding="utf-8").splitlines():
        piece = line.split("#", 1)[0].strip()
        if piece:
            pieces.append(piece)
    return pieces


def covered(text, pieces):
    """Character spans of text covered by an allowed piece or a measured range of >= 3 runs."""
    spans = []
    for piece in pieces:       # a line break in the lesson counts as a space
        spans += [m.span() for m in re.finditer(r"\s+".join(map(re.escape, piece.split())), text)]
    for m in MEASURED.finditer(text):
        if int(m.group(1)) >= 3:
            spans.append(m.span())
    return spans


def unexplained_numbers(nb_path):
    """(cell index, number, context) for every number in the lesson's markdown that nothing allows."""
    lesson = nb_path.name[:2]
    pieces = allow_list(lesson)
    found = []
    for index, cell in enumerate(json.loads(nb_path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"])
        text = prose(source)
        spans = covered(source, pieces) + covered(text, [])
        for m in NUMBER.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                context = " ".join(source[max(0, m.start() - 30):m.end() + 30].split())
                found.append((index, m.group(0), context))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_numbers_in_prose_are_allow_listed_or_measured_ranges(path):
    found = unexplained_numbers(path)
    assert not found, (
        f"{path.name}: numbers in markdown that are neither in tests/figures/{path.name[:2]}.txt nor inside "
        "'(measured over N runs ...)' with N >= 3. Print a run's figure from code instead, or allow-list a "
        "property of the data or code (see this test's docstring):\n"
        + "\n".join(f"  cell {i}: {n!r} in ...{c}..." for i, n, c in found))


def test_the_rule_catches_a_typed_figure_and_accepts_allowed_ones(tmp_path):
    cell = {"cell_type": "markdown", "source": "No defence: 21 of 93 attacks succeeded (0.23). The set has 93 attacks "
            "(measured over 3 runs: 19-27 successes); see `num_predict: 32`, lesson 10 and [07](07-tools.ipynb), P07, LLM01, 3B+."}
    nb = tmp_path / "99-example.ipynb"
    nb.write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    found = [n for _, n, _ in unexplained_numbers(nb)]
    assert found == ["21", "93", "0.23", "93"]
    assert MEASURED.search("(measured over 2 runs: 1-2)") and not covered("(measured over 2 runs: 1-2)", [])
