"""Writes the lesson notebooks exactly as JupyterLab saves them, so opening a lesson and saving it changes
nothing but what the learner did (outputs, execution counts, edits).

    .venv/bin/python stack/format-notebooks.py            rewrite notebooks/NN-*.ipynb in that form (make format-notebooks)
    .venv/bin/python stack/format-notebooks.py --check    only list the notebooks not in that form (exit 1 if any)
    .venv/bin/python stack/format-notebooks.py FILE...    the same for the files named

What JupyterLab 4.6 writes, found by opening 01-prompting in JupyterLab in headless Chromium, running its
first cell and saving (Ctrl+S), then reading the file the server wrote:
- the notebook JSON with every object's keys sorted, one space of indent per level, non-ASCII characters
  as they are (not \\u escapes), and one newline at the end (nbformat's writer with Jupyter Server's file
  manager);
- every cell's text as a list of lines, each keeping its newline; every cell with an "id" and a "metadata";
  code cells with "execution_count" and "outputs";
- "nbformat" 4, "nbformat_minor" 5;
- metadata.kernelspec as the course's kernelspec (stack/install-python.sh) and metadata.language_info as the
  kernel fills it in its kernel_info reply when JupyterLab connects to it: for JJava 1.0a8 the six keys
  codemirror_mode, file_extension, mimetype, name ("Java"), pygments_lexer and version (the JDK's
  java.version, e.g. 17.0.15+6-Debian-1deb12u1).

language_info is asked from the course's Java kernel itself (a kernel starts for a few seconds), so it is
what this machine's JupyterLab would write. Its "version" is the JDK's: on a machine with another JDK build,
JupyterLab changes that one line when the notebook is saved. --check does not start a kernel: it checks
everything above except the values inside language_info, which tests/test_notebook_form.py compares with a
running kernel.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"display_name": "Java (course)", "language": "java", "name": "java"}
LANGUAGE_INFO_KEYS = ("codemirror_mode", "file_extension", "mimetype", "name", "pygments_lexer", "version")


def lines(text: str | list[str]) -> list[str]:
    """A multi-line string as nbformat stores it: a list of lines, each keeping its newline."""
    joined = "".join(text) if isinstance(text, list) else text
    return joined.splitlines(keepends=True)


def normalised(nb: dict, language_info: dict, name: str = "notebook") -> dict:
    """The notebook as JupyterLab would save it (a new dict). Cells without an id get one derived from the
    notebook's name and the cell's position, never a random one, so two runs write the same file."""
    cells = []
    for number, cell in enumerate(nb.get("cells", []), start=1):
        c = dict(cell)
        c["source"] = lines(c.get("source", ""))
        c.setdefault("metadata", {})
        c.setdefault("id", f"{name[:40]}-{number:03d}".replace(".", "-"))
        if c["cell_type"] == "code":
            c.setdefault("execution_count", None)
            c.setdefault("outputs", [])
            for out in c["outputs"]:
                if "text" in out:
                    out["text"] = lines(out["text"])
                for mime, value in out.get("data", {}).items():
                    if mime.startswith("text/") or mime in ("application/javascript", "image/svg+xml"):
                        out["data"][mime] = lines(value)
        cells.append(c)
    metadata = dict(nb.get("metadata", {}))
    metadata["kernelspec"] = dict(KERNELSPEC)
    metadata["language_info"] = dict(language_info)
    return {**nb, "cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def dumps(nb: dict) -> str:
    """The text Jupyter Server writes for a notebook."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def problem(path: Path) -> str | None:
    """Why the file is not in JupyterLab's form, or None. Does not judge language_info's values."""
    text = path.read_text(encoding="utf-8")
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as e:
        return f"not JSON ({e})"
    info = nb.get("metadata", {}).get("language_info", {})
    missing = [k for k in LANGUAGE_INFO_KEYS if k not in info]
    if missing:
        return f"metadata.language_info lacks {', '.join(missing)} (the Java kernel fills them when JupyterLab opens it)"
    if dumps(normalised(nb, info, path.stem)) != text:
        return "keys, indentation or line lists differ from what JupyterLab writes"
    return None


def kernel_language_info(kernel: str = "java") -> dict:
    """language_info from the kernel's own kernel_info reply (the course's kernelspec, started for this)."""
    from jupyter_client.manager import start_new_kernel
    try:
        manager, client = start_new_kernel(kernel_name=kernel, startup_timeout=120)
    except Exception as e:  # noqa: BLE001  any failure to start is reported the same way
        sys.exit(f"[course] The Java kernel '{kernel}' did not start ({e}): run 'make venv', then run this again.")
    try:
        reply = client.kernel_info(reply=True, timeout=60)
        return reply["content"]["language_info"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list the notebooks not in JupyterLab's form; change nothing")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    if args.check:
        bad = [(f, p) for f in files if (p := problem(f))]
        for f, p in bad:
            print(f"[course] {f}: {p}")
        if bad:
            print(f"[course] {len(bad)} of {len(files)} notebooks are not in JupyterLab's form: run 'make format-notebooks'")
        return 1 if bad else 0
    info = kernel_language_info()
    changed = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        new = dumps(normalised(json.loads(text), info, f.stem))
        if new != text:
            f.write_text(new, encoding="utf-8")
            changed += 1
    print(f"[course] {changed} of {len(files)} notebooks rewritten in JupyterLab's form (language_info: Java {info.get('version')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
