"""The chat app's data (data/menus/) and upload fixtures (tests/fixtures/chat/) are what their generator makes.

data/menus/MenuPdfs.java is run on a copy of each source folder in a temporary directory; every PDF (and the
fixtures' image-only PDF and PNG-named-.pdf) must come out byte for byte as committed. The generator itself reads
each PDF back with LangChain4j's ApachePdfBoxDocumentParser and fails unless the title and every dish survive.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from stack_env import ROOT, find_jdk

MENUS = ROOT / "data" / "menus"
FIXTURES = ROOT / "tests" / "fixtures" / "chat"
CLASSPATH = ROOT / "lib" / "target" / "classpath"


def regenerate(folder: Path, tmp_path: Path, *flags: str) -> Path:
    java = find_jdk("javac")
    assert java, "no JDK 17+ with javac found: install one (the course's 'make venv' prints how)"
    assert any(CLASSPATH.glob("pdfbox-*.jar")), "lib/target/classpath has no PDFBox: run 'make lib' first"
    out = tmp_path / folder.name
    shutil.copytree(folder / "src", out / "src")
    result = subprocess.run([java, "-cp", f"{CLASSPATH}/*", str(MENUS / "MenuPdfs.java"), *flags, str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def committed_outputs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.pdf"))


@pytest.mark.parametrize("folder, flags", [(MENUS, ()), (FIXTURES, ("--fixtures",))], ids=["menus", "fixtures"])
def test_generated_pdfs_match_the_committed_ones_byte_for_byte(folder, flags, tmp_path):
    out = regenerate(folder, tmp_path, *flags)
    assert committed_outputs(out) == committed_outputs(folder), "a source and its committed PDF do not pair up"
    for name in committed_outputs(folder):
        assert (out / name).read_bytes() == (folder / name).read_bytes(), (
            f"{folder.relative_to(ROOT) / name} differs from what MenuPdfs.java makes now: regenerate it with "
            f"java -cp \"lib/target/classpath/*\" data/menus/MenuPdfs.java {' '.join(flags)} {folder.relative_to(ROOT)}")


def test_there_are_seven_menus_each_with_a_title_hours_address_prices_and_allergens():
    sources = sorted((MENUS / "src").glob("*.md"))
    assert len(sources) == 7
    for md in sources:
        text = md.read_text(encoding="utf-8")
        assert text.startswith("# "), md.name
        for needed in ("Address:", "Opening hours:", "€", "Allergens:"):
            assert needed in text, f"{md.name} has no {needed!r}"


def test_facts_a_question_can_pin_to_one_menu_hold_for_exactly_one_menu():
    texts = {md.stem: md.read_text(encoding="utf-8") for md in (MENUS / "src").glob("*.md")}
    hours = {slug: next(line for line in t.splitlines() if line.startswith("Opening hours:")) for slug, t in texts.items()}
    assert [s for s, h in hours.items() if "Closed on Mondays" not in h] == ["ramen-ya-kaze"]
    assert [s for s, t in texts.items() if "gluten-free pizza" in t] == ["trattoria-lucerna"]
    assert [s for s, t in texts.items() if "children's menu" in t.lower()] == ["masala-steps"]
