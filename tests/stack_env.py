"""stack/course.env for the tests: the course's versions, default ports and models (KEY=value lines)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE_ENV_FILE = ROOT / "stack" / "course.env"


def course_env() -> dict[str, str]:
    lines = COURSE_ENV_FILE.read_text(encoding="utf-8").splitlines()
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.lstrip().startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def find_jdk(need: str = "java") -> str | None:
    """The `java` stack/find-jdk.sh picks (with need="javac", one of a full JDK, as single-file programs need)."""
    import subprocess
    result = subprocess.run(["bash", "-c", f'source stack/find-jdk.sh && find_jdk {need}'], cwd=ROOT,
                            capture_output=True, text=True)
    return result.stdout.strip() or None
