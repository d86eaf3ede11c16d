"""stack/course.env for the tests: the course's versions, default ports and models (KEY=value lines)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE_ENV_FILE = ROOT / "stack" / "course.env"


def course_env() -> dict[str, str]:
    lines = COURSE_ENV_FILE.read_text(encoding="utf-8").splitlines()
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.lstrip().startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}
