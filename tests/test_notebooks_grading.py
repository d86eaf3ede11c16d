"""The grading of the exercises, proved (stack/grading.py, nbgrader 0.9.6; make student, make grade).

For every exercise of every lesson:
- the reference solution scores full marks: the teacher notebook's own run in tests/test_notebooks.py (this
  file's name sorts after it, so pytest runs it first) left an executed copy in build/notebooks/, and
  nbgrader's own rule (nbgrader.utils.determine_grade: a graded cell scores its points when it ran without an
  error) is applied to that copy's graded cells, with no second run of the lesson;
- the student version (nbgrader generate_assignment: solutions removed) scores zero on it when nbgrader
  autograde runs it with the Java kernel, the way make grade does, while every cell that is not part of an
  exercise still runs without an error: one missing exercise costs only its own points.
The fast tests check the marking itself and the student versions' text, and the one-sentence refusals.
"""
import json
import logging
import re
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.utils import determine_grade

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "stack"))
import grading  # noqa: E402  (stack/ is not a package)

LESSONS = sorted(ROOT.glob("notebooks/[0-9][0-9]-*.ipynb"))
GRADED = grading.lessons()
EXECUTED = ROOT / "build" / "notebooks"
EXERCISE_HEADING = re.compile(r"^(?:#+ |\*\*)(?:[\d.]+ )?Exercises?\b(?: (\d+))?", re.M)


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell):
    return "".join(cell["source"])


def meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def solution_lines(cell):
    """The lines between the solution delimiters of a teacher's cell."""
    inside, found = False, []
    for line in source(cell).splitlines():
        if "BEGIN SOLUTION" in line or "BEGIN HIDDEN TESTS" in line:
            inside = True
        elif "END SOLUTION" in line or "END HIDDEN TESTS" in line:
            inside = False
        elif inside and len(line.strip()) >= 8 and not line.strip().startswith("//"):
            found.append(line.strip())
    return found


@pytest.fixture(scope="module")
def student_versions(tmp_path_factory):
    """The student notebooks as make student writes them, in a course folder of the test's own."""
    root = tmp_path_factory.mktemp("grading")
    out = root / "student"
    written = grading.student(out, root=root / "course")
    return root, {p.stem: p for p in written}


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_exercise_is_marked(path):
    all_cells = cells(path)
    headings = [m for c in all_cells if c["cell_type"] == "markdown" for m in EXERCISE_HEADING.finditer(source(c))]
    numbered = {m.group(1) for m in headings if m.group(1)}
    announced = len(numbered) or (1 if headings else 0)
    solutions = [meta(c)["grade_id"] for c in all_cells if meta(c).get("solution")]
    checks = [meta(c)["grade_id"] for c in all_cells if meta(c).get("grade")]
    assert len(solutions) == announced, f"{path.name}: {announced} exercises in the text, {len(solutions)} solution cells marked"
    stem = path.stem[:2]
    for grade_id in solutions:
        exercise = grade_id.removesuffix("-solution")
        assert re.fullmatch(rf"{stem}-ex\d+-solution", grade_id), grade_id
        assert any(c.startswith(exercise + "-") for c in checks), f"{path.name}: {exercise} has no graded self-check"
    assert len(set(solutions + checks)) == len(solutions + checks), f"{path.name}: a grade_id is used twice"
    for c in all_cells:
        m = meta(c)
        text = source(c)
        if m.get("solution"):
            assert text.count("// BEGIN SOLUTION") == text.count("// END SOLUTION") >= 1, f"{m['grade_id']}: no solution region"
            assert not m.get("grade") and not m.get("locked")
        elif m.get("grade"):
            assert m.get("locked") and m.get("points", 0) > 0 and c["cell_type"] == "code", f"{m['grade_id']}: a locked code cell with points"
            assert "check(" in text, f"{m['grade_id']}: a self-check calls check(...)"
        else:
            assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, \
                f"{path.name}: a cell that is not marked holds a solution or hidden-test region: {text[:80]!r}"


def test_the_student_versions_hold_no_solution_and_every_self_check(student_versions):
    _, released = student_versions
    assert sorted(released) == [p.stem for p in GRADED]
    for lesson in GRADED:
        teacher = cells(lesson)
        student = cells(released[lesson.stem])
        assert len(student) == len(teacher), f"{lesson.name}: the student version has other cells"
        for t, s in zip(teacher, student):
            if meta(t).get("solution"):
                assert source(s).count("// YOUR CODE HERE") == source(t).count("// BEGIN SOLUTION"), meta(t)["grade_id"]
                assert "UnsupportedOperationException" in source(s)
            if meta(t).get("solution") or meta(t).get("grade"):
                left = [line for line in solution_lines(t) if line in source(s).splitlines() and line not in
                        [x.strip() for x in source(t).split("// BEGIN")[0].splitlines()]]
                assert not left, f"{meta(t)['grade_id']}: the student version still shows {left[:2]}"
            if meta(t).get("grade"):
                visible = [line for line in source(t).split("// BEGIN HIDDEN TESTS")[0].splitlines()]
                assert source(s).splitlines()[:len(visible)] == visible, f"{meta(t)['grade_id']}: the visible check changed"
            if not meta(t):
                assert source(s) == source(t), f"{lesson.name}: a cell outside the exercises changed"


def test_grading_refuses_bad_input_with_one_sentence(tmp_path):
    known = {p.stem: p for p in GRADED}
    refusals = []
    for folder in (tmp_path / "missing", tmp_path):
        with pytest.raises(grading.GradingError) as refused:
            grading.submissions(folder, known)
        refusals.append(str(refused.value))
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "notes.txt").write_text("no notebook here")
    with pytest.raises(grading.GradingError) as refused:
        grading.submissions(tmp_path, known)
    refusals.append(str(refused.value))
    (tmp_path / "alice" / f"{GRADED[0].stem}.ipynb").write_text("{not json")
    with pytest.raises(grading.GradingError) as refused:
        grading.submissions(tmp_path, known)
    refusals.append(str(refused.value))
    with pytest.raises(grading.GradingError) as refused:
        grading.lessons(["99"])
    refusals.append(str(refused.value))
    assert ["is not a folder" in refusals[0], "has no student folders" in refusals[1], "holds no lesson notebook" in refusals[2],
            "is not a notebook" in refusals[3], "No lesson" in refusals[4]] == [True] * 5, refusals
    assert all("\n" not in r and r.endswith(".") for r in refusals), refusals


def test_the_tables_have_one_row_per_student_and_exercise(tmp_path):
    rows = [{"student": "alice", "lesson": "03-embeddings", "exercise": "03-ex1-check", "points": 1.0, "max_points": 1.0},
            {"student": "alice", "lesson": "03-embeddings", "exercise": "03-ex2-check", "points": 0.0, "max_points": 1.0}]
    grading.write_tables(rows, {"alice": [], "bob": []}, ["03-embeddings"], tmp_path)
    assert (tmp_path / "grades.md").read_text().splitlines()[2:] == ["| alice | 1 / 2 | 1 / 2 |", "| bob | not handed in | 0 / 2 |"]
    assert len((tmp_path / "grades.csv").read_text().splitlines()) == 3


@pytest.mark.parametrize("path", GRADED, ids=lambda p: f"reference-{p.stem}")
def test_the_reference_solutions_score_full_marks(path):
    executed = EXECUTED / path.name
    if not executed.is_file():
        pytest.skip(f"no executed copy of {path.name}: tests/test_notebooks.py runs the lesson and writes it")
    nb = nbformat.read(executed, as_version=4)
    teacher = cells(path)
    assert [c.source for c in nb.cells] == [source(c) for c in teacher], \
        f"build/notebooks/{path.name} is from another version of the lesson: run tests/test_notebooks.py -k {path.stem[:2]}"
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    # A cell the run never reached has no error output either: nbgrader would give it full marks.
    unrun = [c.metadata.nbgrader.grade_id for c in graded if c.execution_count is None]
    assert not unrun, f"{path.name}: the teacher run stopped before {unrun} (see build/html/{path.stem}.html)"
    scores = {c.metadata.nbgrader.grade_id: determine_grade(c, logging.getLogger("grading")) for c in graded}
    assert scores and all(got == possible for got, possible in scores.values()), scores


@pytest.mark.parametrize("path", GRADED, ids=lambda p: f"student-{p.stem}")
def test_the_student_version_scores_zero_and_the_rest_runs(path, student_versions, record_property):
    root, released = student_versions
    handed_in = root / "submissions" / "student-version"
    handed_in.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    try:
        scores = grading.grade_one(root / "course", path.stem, "student-version", released[path.stem])
    finally:
        record_property("seconds", round(time.monotonic() - start, 1))
    assert scores and all(points == 0 for _, points, _ in scores), f"{path.name}: the student version scored {scores}"
    autograded = nbformat.read(root / "course" / "autograded" / "student-version" / path.stem / path.name, as_version=4)
    broken = [(i, c.source.splitlines()[0] if c.source else "", o.get("evalue", ""))
              for i, c in enumerate(autograded.cells) if c.cell_type == "code" and not c.metadata.get("nbgrader")
              for o in c.get("outputs", []) if o.output_type == "error"]
    assert not broken, f"{path.name}: cells outside the exercises failed in the student version: {broken}"
