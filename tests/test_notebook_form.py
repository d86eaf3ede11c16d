"""The lesson notebooks are committed in the form JupyterLab saves them, so opening a lesson, running it and saving
changes only what the learner did (outputs, execution counts, edits), and a later `git pull` does not conflict
over key order or metadata.

stack/format-notebooks.py writes that form (`make format-notebooks`); its docstring says what the form is and
how it was found (JupyterLab in headless Chromium, a lesson opened, run and saved). Here:
- every committed notebook is in that form (the static check; no kernel, no server);
- the form is what a real Jupyter Server writes: a notebook PUT through its contents API, as JupyterLab's
  frontend sends it, comes back on disk byte for byte as the script writes it;
- language_info is what the course's Java kernel reports in its kernel_info reply, as JupyterLab copies it;
- the script changes no cell's content, and a second run changes nothing;
- no code cell ends in System.out.printf(...): JJava would show its return value, "java.io.PrintStream@1b2c3d".
"""
from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
from stack_env import ROOT, free_port

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
VENV_BIN = ROOT / ".venv" / "bin"


def formatter():
    spec = importlib.util.spec_from_file_location("format_notebooks", ROOT / "stack" / "format-notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FORMAT = formatter()
# What JJava 1.0a8 on this course's JDK answered (test_language_info_is_what_the_kernel_reports checks it live).
SAMPLE_INFO = {"codemirror_mode": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source", "name": "Java",
               "pygments_lexer": "java", "version": "17.0.15+6-Debian-1deb12u1"}


def test_the_notebooks_are_in_the_form_jupyterlab_saves():
    bad = {p.name: problem for p in NOTEBOOKS if (problem := FORMAT.problem(p))}
    assert not bad, ("not in the form JupyterLab saves, so opening them in JupyterLab changes them: run "
                     "'make format-notebooks' and commit the result\n" + "\n".join(f"{k}: {v}" for k, v in bad.items()))


def test_the_check_fails_on_what_jupyterlab_would_change(tmp_path):
    """The static check can fail: unsorted keys, a missing language_info field, source as one string."""
    nb = FORMAT.normalised(json.loads(NOTEBOOKS[0].read_text(encoding="utf-8")), SAMPLE_INFO, NOTEBOOKS[0].stem)
    good = tmp_path / "good.ipynb"
    good.write_text(FORMAT.dumps(nb), encoding="utf-8")
    assert FORMAT.problem(good) is None
    variants = {
        "unsorted": json.dumps({"nbformat_minor": 5, **nb}, indent=1, ensure_ascii=False) + "\n",
        "ascii": json.dumps(nb, sort_keys=True, indent=1) + "\n",
        "no-newline": FORMAT.dumps(nb).rstrip("\n"),
        "info": FORMAT.dumps({**nb, "metadata": {**nb["metadata"], "language_info": {"name": "java"}}}),
        "string-source": FORMAT.dumps({**nb, "cells": [{**nb["cells"][0], "source": "".join(nb["cells"][0]["source"])}] + nb["cells"][1:]}),
    }
    for name, text in variants.items():
        path = tmp_path / f"{name}.ipynb"
        path.write_text(text, encoding="utf-8")
        assert FORMAT.problem(path), f"the check accepts a notebook with {name}"


def test_formatting_changes_no_content_and_is_stable(tmp_path):
    for path in NOTEBOOKS:
        before = json.loads(path.read_text(encoding="utf-8"))
        after = json.loads(FORMAT.dumps(FORMAT.normalised(copy.deepcopy(before), SAMPLE_INFO, path.stem)))
        assert [(c["cell_type"], c.get("id"), "".join(c["source"])) for c in before["cells"]] == \
               [(c["cell_type"], c["id"], "".join(c["source"])) for c in after["cells"]], path.name
        again = FORMAT.dumps(FORMAT.normalised(copy.deepcopy(after), SAMPLE_INFO, path.stem))
        assert again == FORMAT.dumps(after), f"{path.name}: a second run changes the file"
        copy_path = tmp_path / path.name
        copy_path.write_text(again, encoding="utf-8")
        assert FORMAT.problem(copy_path) is None, path.name


@pytest.fixture(scope="module")
def kernel_info():
    from jupyter_client.manager import start_new_kernel
    manager, client = start_new_kernel(kernel_name="java", startup_timeout=120)
    try:
        yield client.kernel_info(reply=True, timeout=60)["content"]["language_info"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_language_info_is_what_the_kernel_reports(kernel_info):
    assert tuple(sorted(kernel_info)) == FORMAT.LANGUAGE_INFO_KEYS, kernel_info
    assert {k: v for k, v in kernel_info.items() if k != "version"} == {k: v for k, v in SAMPLE_INFO.items() if k != "version"}
    spec = json.loads((ROOT / ".venv" / "share" / "jupyter" / "kernels" / "java" / "kernel.json").read_text(encoding="utf-8"))
    assert {"display_name": spec["display_name"], "language": spec["language"], "name": "java"} == FORMAT.KERNELSPEC


@pytest.fixture(scope="module")
def jupyter_server(tmp_path_factory):
    """A real Jupyter Server (the one JupyterLab runs on) over a scratch folder, with a token."""
    folder = tmp_path_factory.mktemp("contents")
    port, token = free_port(), uuid.uuid4().hex
    log = (folder / "server.log").open("w")
    server = subprocess.Popen([str(VENV_BIN / "jupyter"), "server", "--ip", "127.0.0.1", f"--port={port}", "--no-browser",
                               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
                               f"--ServerApp.root_dir={folder}", *(["--allow-root"] if _is_root() else [])],
                              stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            assert server.poll() is None, (folder / "server.log").read_text()
            time.sleep(0.3)
    try:
        yield url, token, folder
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _is_root() -> bool:
    import os
    return hasattr(os, "geteuid") and os.geteuid() == 0


def test_jupyter_server_writes_what_the_script_writes(jupyter_server, kernel_info):
    """A lesson as JupyterLab's frontend saves it: cell sources as single strings, language_info copied from the
    kernel, keys in the frontend's own order. The server's file must be exactly what format-notebooks.py writes."""
    url, token, folder = jupyter_server
    path = NOTEBOOKS[1]
    nb = json.loads(path.read_text(encoding="utf-8"))
    frontend = {
        "metadata": {"language_info": kernel_info, "kernelspec": dict(FORMAT.KERNELSPEC)},
        "nbformat_minor": 5, "nbformat": 4,
        "cells": [{"source": "".join(c["source"]), "id": c["id"], "cell_type": c["cell_type"], "metadata": c.get("metadata", {}),
                   **({"outputs": [], "execution_count": None} if c["cell_type"] == "code" else {})} for c in nb["cells"]],
    }
    request = urllib.request.Request(f"{url}/api/contents/{path.name}?token={token}", method="PUT",
                                     data=json.dumps({"type": "notebook", "format": "json", "content": frontend}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status in (200, 201)
    written = (folder / path.name).read_text(encoding="utf-8")
    assert written == FORMAT.dumps(FORMAT.normalised(nb, kernel_info, path.stem)), "Jupyter Server writes another form"


def ends_in_printf(code: str) -> bool:
    """Whether the cell's last statement is a System.out.printf/format call, whose PrintStream JJava would show."""
    code = "\n".join(line for line in code.splitlines() if not line.strip().startswith("//")).rstrip()
    start = max(code.rfind("System.out.printf("), code.rfind("System.out.format("))
    if start < 0 or (start > 0 and code[start - 1] not in " \t\n;{}"):
        return False
    depth, i, quote = 0, code.index("(", start), None
    while i < len(code):  # to the call's closing parenthesis, skipping string and char literals
        ch = code[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return code[i + 1:].strip() == ";"
        i += 1
    return False


def test_no_cell_ends_in_a_printf():
    import nbformat
    found = [f"{path.name} cell {number}" for path in NOTEBOOKS
             for number, cell in enumerate(nbformat.read(path, as_version=4).cells, start=1)
             if cell.cell_type == "code" and ends_in_printf(cell.source)]
    assert not found, ("these cells end in System.out.printf(...), so the notebook shows java.io.PrintStream@... under "
                       "the line: use System.out.println(String.format(...)): " + ", ".join(found))


def test_a_printf_at_the_end_is_recognised():
    assert ends_in_printf('int a = 1;\nSystem.out.printf("a; %d (b)%n",\n        a);')
    assert ends_in_printf('System.out.format("%s%n", x);  \n// a comment')
    assert not ends_in_printf('System.out.printf("%d%n", a);\ncheck("x", true);')
    assert not ends_in_printf('for (int i = 0; i < 3; i++) {\n    System.out.printf("%d%n", i);\n}')
    assert not ends_in_printf('System.out.println(String.format("%d", a));')


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
