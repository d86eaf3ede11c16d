"""The course's constants for the benchmark scripts, read from the files the rest of the course reads:
stack/course.env (versions, default ports and models) and tests/setup-cell.txt (every notebook's first cell)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def read_course_env(path: Path = ROOT / "stack" / "course.env") -> dict[str, str]:
    """KEY=value lines of course.env; comments and blank lines skipped."""
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
             if "=" in line and not line.lstrip().startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


ENV = read_course_env()
SETUP_CELL = (ROOT / "tests" / "setup-cell.txt").read_text(encoding="utf-8").strip()


def service_url(variable: str, port_key: str) -> str:
    """The URL from the environment (as `make` exports it), else the default host and port."""
    return (os.environ.get(variable) or f"http://{ENV['SERVICE_HOST']}:{ENV[port_key]}").rstrip("/")


OLLAMA_URL = service_url("OLLAMA_BASE_URL", "DEFAULT_OLLAMA_PORT")
CHROMA_URL = service_url("CHROMA_URL", "DEFAULT_CHROMA_PORT")
CHAT_MODEL = os.environ.get("COURSE_CHAT_MODEL") or ENV["DEFAULT_CHAT_MODEL"]
BASE_MODEL = os.environ.get("COURSE_BASE_MODEL") or ENV["DEFAULT_BASE_MODEL"]
