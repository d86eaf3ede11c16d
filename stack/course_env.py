"""The course's settings for Python (tests/ and bench/), read from stack/course.env, the one file that holds them.

What follows from a constant and the environment (the cache folder, a service's URL when only its port was moved)
is derived here as stack/config.sh derives it for the shell and the Makefile, and genai.stack.CourseConfig for Java.
An unset or blank variable means the default. Import it as `stack.course_env` from the repository root: both
`python -m pytest` and `python -m bench.python.<script>` put the root first on the module path, so the course venv
and the benchmark's own venv find the same file with no path set-up.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE_ENV_FILE = ROOT / "stack" / "course.env"


def read(path: Path = COURSE_ENV_FILE) -> dict[str, str]:
    """KEY=value lines (comments and blank lines skipped) as a dict; course.env allows no quotes, spaces or $."""
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
             if "=" in line and not line.lstrip().startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


ENV = read()


def setting(variable: str, default: str) -> str:
    """The environment variable's value, or `default` when it is unset or blank."""
    return (os.environ.get(variable) or "").strip() or default


def _url(variable: str, port_name: str) -> str:
    port = setting(f"{port_name}_PORT", ENV[f"DEFAULT_{port_name}_PORT"])
    return setting(variable, f"http://{ENV['SERVICE_HOST']}:{port}").rstrip("/")


CACHE = Path(setting("COURSE_CACHE", str(Path.home() / ENV["DEFAULT_CACHE_UNDER_HOME"])))
RUN = Path(setting("COURSE_RUN", str(CACHE / "run")))
OLLAMA_URL = _url("OLLAMA_BASE_URL", "OLLAMA")
CHROMA_URL = _url("CHROMA_URL", "CHROMA")
CHAT_PORT = int(setting("CHAT_PORT", ENV["DEFAULT_CHAT_PORT"]))
CHAT_MODEL = setting("COURSE_CHAT_MODEL", ENV["DEFAULT_CHAT_MODEL"])
BASE_MODEL = setting("COURSE_BASE_MODEL", ENV["DEFAULT_BASE_MODEL"])
