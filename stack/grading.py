"""Student versions of the lessons and autograding of submissions, with nbgrader 0.9.6.

    .venv/bin/python stack/grading.py student [--out build/student] [LESSON...]   (make student)
    .venv/bin/python stack/grading.py grade DIR [--out build/grades] [LESSON...]  (make grade DIR=...)

How an exercise is marked in a teacher notebook (notebooks/NN-*.ipynb): its solution cell carries nbgrader's
metadata {"solution": true, "grade": false, "grade_id": "NN-exK-solution", ...} and the solution's body sits
between "// BEGIN SOLUTION" and "// END SOLUTION"; its self-check cell is an autograded test cell
{"grade": true, "points": n, "grade_id": "NN-exK-check", ...}; lines between "// BEGIN HIDDEN TESTS" and
"// END HIDDEN TESTS" are in the teacher's copy and the grader's, never in the student's.

nbgrader needs a course folder of its own (source/, release/, submitted/, autograded/, feedback/ and a
gradebook): it is build/grading/, outside notebooks/, rebuilt from the teacher notebooks on every run.

- student: nbgrader generate_assignment per lesson; the student notebooks (solutions replaced with
  "// YOUR CODE HERE" and a line that throws, self-checks kept, hidden tests removed) and setup.jsh go to one
  flat folder (default build/student/) that replaces notebooks/ in a learner's copy of the course.
- grade DIR: DIR holds one sub-folder per student with that student's lesson notebooks (any subset, named as
  in notebooks/). Each notebook is run by nbgrader autograde with the Java kernel, against the real Ollama
  and Chroma (make up), in a folder whose parent links to the course's lib/, data/ and apps/, so the
  notebook's "../lib" paths resolve as in notebooks/. Writes grades.csv (one row per student, lesson and
  exercise), grades.md (one row per student, one column per lesson) and feedback/STUDENT/LESSON.html
  (nbgrader's feedback: the run with each check's points) to the output folder (default build/grades/).

Every refusal is one sentence on stderr and exit status 1: a DIR that is not a folder of student folders, a
student folder with no lesson notebook, a file that is not a notebook, a set-up cell or kernel that failed.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
GRADING = ROOT / "build" / "grading"
# What a lesson's "../X" paths and lib's search for data/ need beside the folder a notebook runs in.
COURSE_FOLDERS = ("lib", "lib-graph", "lib-train", "apps", "data", "images", "notebooks", "tests")
# The stub must compile in a method body (so a method with a return type still compiles) and must fail when
# run, so the exercise's self-check fails instead of passing on an empty answer.
JAVA_STUB = '// YOUR CODE HERE\nthrow new UnsupportedOperationException("exercise not done yet: write your solution here");'
CELL_TIMEOUT = int(os.environ.get("COURSE_CELL_TIMEOUT", "600"))
# nbgrader runs the "alembic" command of its own venv when it creates a gradebook; make does not put the venv on PATH.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


class GradingError(Exception):
    """A refusal the user can act on, said in one sentence."""


def lessons(names: list[str] | None = None) -> list[Path]:
    """The teacher notebooks that have graded exercises; names ("03" or "03-embeddings") pick some."""
    found = [p for p in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb")) if graded_cells(p)]
    if not names:
        return found
    # A notebook named by its path (a lesson still in notebooks/drafts/, say) is taken as it is.
    found += [Path(n).resolve() for n in names if n.endswith(".ipynb") and Path(n).is_file() and graded_cells(Path(n))]
    def named(p: Path, n: str) -> bool:
        return p.stem == n or p.stem[:2] == n or (n.endswith(".ipynb") and p == Path(n).resolve())
    picked = [p for p in found if any(named(p, n) for n in names)]
    unknown = [n for n in names if not any(named(p, n) for p in found)]
    if unknown:
        raise GradingError(f"No lesson with graded exercises is called {', '.join(unknown)}: "
                           f"use one of {', '.join(p.stem for p in found)}.")
    return picked


def nbgrader_meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def graded_cells(path: Path) -> list[dict]:
    """The autograded test cells (self-checks) of a notebook, in order."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if nbgrader_meta(c).get("grade") and c["cell_type"] == "code"]


def config(root: Path = GRADING):
    from traitlets.config import Config
    c = Config()
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    c.ClearSolutions.code_stub = {"java": JAVA_STUB}
    c.Execute.timeout = CELL_TIMEOUT
    c.Execute.startup_timeout = 120
    # A student's notebook is run as it was handed in; nbgrader would otherwise also refuse one whose
    # checksums changed (a student edited a locked cell): autograde restores those cells from the source.
    c.Autograde.create_student = True
    return c


def api(root: Path = GRADING):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    cfg = config(root)
    return NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)


def say(text: str) -> None:
    print(f"[course] {text}", flush=True)


def reason(result: dict) -> str:
    """The line that says what went wrong in an nbgrader result: the last exception raised, else the last line."""
    text = (result.get("error") or "") + "\n" + (result.get("log") or "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    raised = [line for line in lines if re.match(r"^[\w.]*(Error|Exception|Interrupt)\b.*:", line) and "NbGraderException" not in line]
    return (raised or lines or ["no message"])[-1]


def generate(paths: list[Path], root: Path = GRADING) -> dict[str, Path]:
    """nbgrader generate_assignment for each lesson: source/LESSON/ from the teacher notebook, release/LESSON/
    with the student version. Returns lesson -> the student notebook."""
    grader = api(root)
    released = {}
    for path in paths:
        source = root / "source" / path.stem
        shutil.rmtree(source, ignore_errors=True)
        source.mkdir(parents=True)
        shutil.copy2(path, source / path.name)
        shutil.copy2(NOTEBOOK_DIR / "setup.jsh", source / "setup.jsh")
        result = grader.generate_assignment(path.stem, force=True, create=True)
        if not result["success"]:
            raise GradingError(f"nbgrader could not make the student version of {path.name}: "
                               f"{reason(result)}")
        released[path.stem] = root / "release" / path.stem / path.name
    return released


def student(out: Path, names: list[str] | None = None, root: Path = GRADING) -> list[Path]:
    """Writes the student notebooks and setup.jsh to out (emptied first); returns the notebooks written."""
    released = generate(lessons(names), root)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shutil.copy2(NOTEBOOK_DIR / "setup.jsh", out / "setup.jsh")
    written = []
    for stem, path in released.items():
        shutil.copy2(path, out / path.name)
        written.append(out / path.name)
    return written


def submissions(folder: Path, known: dict[str, Path]) -> dict[str, list[Path]]:
    """student -> the lesson notebooks handed in, checked before anything runs."""
    if not folder.is_dir():
        raise GradingError(f"{folder} is not a folder: give DIR=<a folder with one sub-folder per student>, "
                           f"e.g. make grade DIR=submissions.")
    students = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not students:
        raise GradingError(f"{folder} has no student folders: put each student's notebooks in a sub-folder "
                           f"named after the student, e.g. {folder}/alice/01-prompting.ipynb.")
    found = {}
    for s in students:
        notebooks = sorted(s.glob("*.ipynb"))
        lessons_in = [n for n in notebooks if n.stem in known]
        if not lessons_in:
            raise GradingError(f"{s} holds no lesson notebook: name each file as in notebooks/, "
                               f"e.g. {next(iter(known))}.ipynb.")
        for n in lessons_in:
            try:
                json.loads(n.read_text(encoding="utf-8"))["cells"]
            except (ValueError, KeyError, UnicodeDecodeError):
                raise GradingError(f"{n} is not a notebook (it does not read as notebook JSON): "
                                   f"ask the student for the .ipynb file JupyterLab saved.") from None
        found[s.name] = lessons_in
    return found


def link_course(folder: Path) -> None:
    """A notebook runs in folder/LESSON/: give folder the course's lib/, data/, ... as links so "../lib/..."
    and lib's search for data/ resolve as they do from notebooks/."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in COURSE_FOLDERS:
        link = folder / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name, target_is_directory=True)


def setup_failure(autograded: Path) -> str | None:
    """The set-up cell's error in an autograded notebook: the services or the library, not the student."""
    nb = json.loads(autograded.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for out in code[0].get("outputs", []) if code else []:
        if out.get("output_type") == "error":
            return f"{out.get('ename')}: {out.get('evalue')}".strip()
    return None


def scores(root: Path, lesson: str, student_id: str) -> list[tuple[str, float, float]]:
    """(grade_id, points, max points) of each graded cell of one autograded notebook, from the gradebook."""
    from nbgrader.api import Gradebook
    with Gradebook(config(root).CourseDirectory.db_url) as gb:
        nb = gb.find_submission_notebook(lesson, lesson, student_id)
        return sorted((g.name, float(g.score), float(g.max_score)) for g in nb.grades if g.cell_type == "code")


def grade_one(root: Path, lesson: str, student_id: str, notebook: Path) -> list[tuple[str, float, float]]:
    """Autogrades one student's notebook of one lesson; returns its scores. Raises GradingError when the
    kernel or the set-up cell failed (a zero there would blame the student for the machine)."""
    grader = api(root)
    submitted = root / "submitted" / student_id / lesson
    shutil.rmtree(submitted, ignore_errors=True)
    submitted.mkdir(parents=True)
    shutil.copy2(notebook, submitted / f"{lesson}.ipynb")
    shutil.copy2(NOTEBOOK_DIR / "setup.jsh", submitted / "setup.jsh")
    link_course(root / "autograded" / student_id)
    result = grader.autograde(lesson, student_id, force=True, create=True)
    autograded = root / "autograded" / student_id / lesson / f"{lesson}.ipynb"
    if not result["success"] or not autograded.is_file():
        raise GradingError(f"Grading {lesson} of {student_id} failed in nbgrader or the Java kernel "
                           f"({reason(result)}): check 'make status', "
                           f"then run the notebook in JupyterLab to see the error.")
    failure = setup_failure(autograded)
    if failure:
        raise GradingError(f"The set-up cell of {lesson} failed for {student_id} ({failure}): run 'make up lib' "
                           f"(the services and the library), then grade again.")
    feedback = grader.generate_feedback(lesson, student_id, force=True)
    if not feedback["success"]:
        raise GradingError(f"nbgrader could not write the feedback of {lesson} for {student_id}: "
                           f"{reason(feedback)}")
    return scores(root, lesson, student_id)


def grade(folder: Path, out: Path, names: list[str] | None = None, root: Path = GRADING) -> list[dict]:
    """Grades every student's notebooks in folder; writes grades.csv, grades.md and feedback/ to out."""
    known = {p.stem: p for p in lessons(names)}
    handed_in = submissions(folder, known)
    if not (ROOT / "lib" / "target" / "genai-course-lib.jar").is_file():
        raise GradingError("The course library is not built: run 'make lib' (make grade does), then grade again.")
    needed = sorted({n.stem for ns in handed_in.values() for n in ns})
    generate([known[s] for s in needed], root)
    rows = []
    for student_id, notebooks in handed_in.items():
        for notebook in notebooks:
            start = time.monotonic()
            got = grade_one(root, notebook.stem, student_id, notebook)
            seconds = time.monotonic() - start
            say(f"{student_id} / {notebook.stem}: {sum(g[1] for g in got):g} of {sum(g[2] for g in got):g} points "
                f"({seconds:.0f} s)")
            for grade_id, points, max_points in got:
                rows.append({"student": student_id, "lesson": notebook.stem, "exercise": grade_id,
                             "points": points, "max_points": max_points})
            page = root / "feedback" / student_id / notebook.stem / f"{notebook.stem}.html"
            if page.is_file():
                (out / "feedback" / student_id).mkdir(parents=True, exist_ok=True)
                shutil.copy2(page, out / "feedback" / student_id / f"{notebook.stem}.html")
    write_tables(rows, handed_in, needed, out)
    return rows


def write_tables(rows: list[dict], handed_in: dict[str, list[Path]], lesson_names: list[str], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "grades.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["student", "lesson", "exercise", "points", "max_points"])
        writer.writeheader()
        writer.writerows(rows)
    maxima = {}
    for r in rows:
        maxima.setdefault(r["lesson"], {})[r["exercise"]] = r["max_points"]
    lines = ["| student | " + " | ".join(lesson_names) + " | total |",
             "|---|" + "---|" * (len(lesson_names) + 1)]
    for student_id in handed_in:
        cells, total = [], 0.0
        for lesson in lesson_names:
            got = [r["points"] for r in rows if r["student"] == student_id and r["lesson"] == lesson]
            possible = sum(maxima.get(lesson, {}).values())
            cells.append(f"{sum(got):g} / {possible:g}" if got else "not handed in")
            total += sum(got)
        lines.append(f"| {student_id} | " + " | ".join(cells) + f" | {total:g} / {sum(sum(m.values()) for m in maxima.values()):g} |")
    (out / "grades.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("student", help="write the student notebooks")
    s.add_argument("--out", type=Path, default=ROOT / "build" / "student")
    s.add_argument("lessons", nargs="*")
    g = sub.add_parser("grade", help="grade a folder of submissions, one sub-folder per student")
    g.add_argument("dir")
    g.add_argument("--out", type=Path, default=ROOT / "build" / "grades")
    g.add_argument("lessons", nargs="*")
    args = parser.parse_args(argv)
    try:
        if args.command == "student":
            written = student(args.out, args.lessons)
            count = sum(len(graded_cells(p)) for p in written)
            say(f"{len(written)} student notebooks with {count} graded self-checks in {args.out} (with setup.jsh): "
                f"hand the folder out; learners put its files in their notebooks/ folder")
        else:
            if not args.dir.strip():
                raise GradingError("Say which folder to grade: make grade DIR=<a folder with one sub-folder per student>.")
            start = time.monotonic()
            grade(Path(args.dir), args.out, args.lessons)
            say(f"graded in {time.monotonic() - start:.0f} s: {args.out / 'grades.md'}, {args.out / 'grades.csv'}, "
                f"feedback in {args.out / 'feedback'}")
    except GradingError as e:
        print(f"\033[31m[course] {e}\033[0m", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
