"""Model names with a tag (COURSE_CHAT_MODEL=llama3.2:3b, the classroom stack's default) work wherever the
course looks a model up.

Ollama lists every model as name:tag. A name asked for without a tag means name:latest; one with a tag must be
listed as it is. A prefix test such as `startsWith(model + ":")` accepts the first kind and refuses the second
(`llama3.2:3b` is not listed as `llama3.2:3b:...`), which stopped lesson 00 for a whole class. lib's
StackHealth.hasModel is the one rule (unit-tested in StackHealthTest); these tests keep the notebooks, lib, the
chat app and the Python glue on it.
"""
from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from stack.course_env import ENV
from stack_env import ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
# A model looked up by prefix with ":" appended, in Java (`startsWith(x + ":")`) or Python (`startswith(f"{x}:")`).
PREFIX_LOOKUP = re.compile(r"""starts[wW]ith\((?:[^;\n]*[mM]odel[^;\n]*\+\s*":"|\s*f["'][^"'\n]*[mM]odel[^"'\n]*\}:["'])\s*\)""")
SEARCHED = ("notebooks/*.ipynb", "notebooks/*.jsh", "lib/src/main/**/*.java", "apps/*/src/main/**/*.java",
            "tests/*.py", "bench/**/*.py")


def test_no_model_is_looked_up_by_a_name_prefix():
    found = []
    for pattern in SEARCHED:
        for path in sorted(p for p in ROOT.glob(pattern) if p.name != "test_model_names.py"):  # not its own examples
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".ipynb":  # the code as a learner reads it, not JSON-escaped
                text = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "code")
            found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in PREFIX_LOOKUP.finditer(text)]
    assert not found, ("a model is matched by prefix + ':', which refuses a tagged name such as llama3.2:3b; "
                       "use StackHealth.hasModel (Java) or compare full names:\n" + "\n".join(found))


def test_the_prefix_pattern_is_recognised():
    """The search above finds the line lesson 00 had, so its passing means something."""
    before = 'names.asList().stream().anyMatch(n -> n.startsWith(Course.config().chatModel() + ":"))'
    assert PREFIX_LOOKUP.search(before)
    assert PREFIX_LOOKUP.search('any(n.startswith(f"{model}:") for n in names)')
    assert not PREFIX_LOOKUP.search('line.startsWith(key + ":")'), "a key: value lookup (MachineReport) is not a model"
    assert not PREFIX_LOOKUP.search("StackHealth.hasModel(names.asList(), Course.config().chatModel())")


@pytest.fixture
def tagged_models(monkeypatch):
    """The course's own models under their full names, name:latest: tagged names this machine has."""
    env = ENV
    chat, base = f"{env['DEFAULT_CHAT_MODEL']}:latest", f"{env['DEFAULT_BASE_MODEL']}:latest"
    monkeypatch.setenv("COURSE_CHAT_MODEL", chat)
    monkeypatch.setenv("COURSE_BASE_MODEL", base)
    return chat, base


def test_lesson_00_accepts_tagged_model_names(tagged_models):
    """Lesson 00 up to its model check, in the Java kernel against the real Ollama, with tagged model names."""
    nb = nbformat.read(NOTEBOOK_DIR / "00-setup-check.ipynb", as_version=4)
    checks = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "Ollama holds the chat model" in c.source]
    assert checks, "lesson 00 has no cell that checks the chat model"
    nb.cells = nb.cells[: checks[0] + 1]
    client = NotebookClient(nb, kernel_name="java", timeout=300, startup_timeout=120, allow_errors=False,
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    try:
        client.execute()
    except CellExecutionError:
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        text = "\n".join(f"{o.ename}: {o.evalue}" for o in errors)
        pytest.fail(f"lesson 00 stops with COURSE_CHAT_MODEL={tagged_models[0]}: {text}", pytrace=False)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.output_type == "stream")
    assert f"chat model {tagged_models[0]}" in printed, printed
