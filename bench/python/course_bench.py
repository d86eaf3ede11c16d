"""The course itself, timed from a learner's seat: run with the course venv (.venv/bin/python), which has
nbclient and the "java" kernelspec.

  kernel start     from asking for a JJava kernel (cwd notebooks/) until it answers (nbclient's ready)
  setup cell       `%load setup.jsh` + `Course.setUp();` in that kernel: the helper library on the classpath,
                   Ollama and Chroma checked
  first cell       the two together: how long a learner waits before the first lesson cell can run

Prints one JSON object on stdout: {"kernel_start_s": [...], "setup_cell_s": [...], "first_cell_s": [...]}.
Usage (from the repository root): .venv/bin/python -m bench.python.course_bench ROUNDS
"""
import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
# Every notebook's first cell, from the file tests/test_notebooks.py checks the notebooks against.
SETUP_CELL = (ROOT / "tests" / "setup-cell.txt").read_text(encoding="utf-8").strip()


def one_round():
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(SETUP_CELL))
    client = NotebookClient(nb, kernel_name="java", timeout=300, startup_timeout=120, allow_errors=False,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    t0 = time.perf_counter()
    with client.setup_kernel():
        t1 = time.perf_counter()
        client.execute_cell(nb.cells[0], 0)
        t2 = time.perf_counter()
    return t1 - t0, t2 - t1, t2 - t0


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    out = {"kernel_start_s": [], "setup_cell_s": [], "first_cell_s": []}
    for _ in range(rounds):
        start, setup, first = one_round()
        out["kernel_start_s"].append(start)
        out["setup_cell_s"].append(setup)
        out["first_cell_s"].append(first)
        print(f"kernel start {start:.2f} s, setup cell {setup:.2f} s", file=sys.stderr)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
