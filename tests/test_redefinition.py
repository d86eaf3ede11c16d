"""JJava resets a `var` whose initializer calls a method defined in the notebook when that method's cell
runs again (even with only a comment changed): lesson 04's `var onTopic = retrieve(...)` became null
and a later check failed with a NullPointerException (dflib/jjava #128, #53, #64). A result declared with
its type is kept. Lesson 00 teaches this; this test keeps the lessons from declaring, with `var`, a result
of a notebook-defined method that a later cell reads."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSONS = ["02", "03", "04", "05", "09"]

# A method declared at the top level of a cell: a return type, a name, parameters, then a body.
METHOD = re.compile(
    r"^(?:static\s+|public\s+|private\s+)*(?!return\b|new\b|else\b|record\b|class\b|interface\b|enum\b)"
    r"[\w.]+(?:<[^;{}()]*>)?(?:\[\])*\s+(\w+)\s*\([^;{}]*\)\s*(?:throws [\w., ]+)?\{",
    re.M,
)
VAR = re.compile(r"^\s*var\s+(\w+)\s*=\s*(.*)$", re.M)


def code_cells(lesson):
    path = next(NOTEBOOKS.glob(lesson + "-*.ipynb"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [("".join(c["source"]), c.get("id")) for c in cells if c["cell_type"] == "code"]


def fragile_results(lesson):
    """(cell id, variable, method) for each `var x = m(...)` with m defined in the notebook and x read later."""
    cells = code_cells(lesson)
    methods = set()
    found = []
    for i, (source, cell_id) in enumerate(cells):
        methods.update(m.group(1) for m in METHOD.finditer(source) if m.group(1) not in {"if", "for", "while", "switch", "catch"})
        for v in VAR.finditer(source):
            name, init = v.group(1), v.group(2)
            called = [m for m in methods if re.search(r"(?<![\w.])(?<!new )" + m + r"\s*\(", init)]
            if called and any(re.search(r"(?<![\w.])" + name + r"\b", later) for later, _ in cells[i + 1:]):
                found.append((cell_id, name, called[0]))
    return found


@pytest.mark.parametrize("lesson", LESSONS)
def test_results_later_cells_read_survive_a_redefined_method(lesson):
    fragile = fragile_results(lesson)
    assert not fragile, (
        f"lesson {lesson}: declare these with their type, not var (JJava resets such a var when the method's cell"
        f" runs again): {fragile}"
    )


def test_lesson_00_teaches_what_the_kernel_does_and_how_to_recover():
    cells = json.loads(next(NOTEBOOKS.glob("00-*.ipynb")).read_text(encoding="utf-8"))["cells"]
    prose = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "redefin" in prose and "run the cells below" in prose.lower(), "lesson 00 does not teach JJava's redefinition behaviour"
