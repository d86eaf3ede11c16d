"""What the tests share about the stack: the JDK and Ollama binary the course uses, a free port. The settings
(stack/course.env and what follows from it) come from stack/course_env.py, which bench/ reads too."""
import os
import shutil
import socket
import subprocess
from pathlib import Path

from stack.course_env import CACHE, ENV, ROOT

__all__ = ["CACHE", "ENV", "ROOT", "a_course_ollama_binary", "find_jdk", "free_port"]


def find_jdk(need: str = "java") -> str | None:
    """The `java` stack/find-jdk.sh picks (with need="javac", one of a full JDK, as single-file programs need)."""
    result = subprocess.run(["bash", "-c", f'source stack/find-jdk.sh && find_jdk {need}'], cwd=ROOT,
                            capture_output=True, text=True)
    return result.stdout.strip() or None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def a_course_ollama_binary() -> Path | None:
    """A real Ollama binary from the course's cache (the one make up recorded, or any build), else None."""
    home = CACHE / f"ollama-{ENV['OLLAMA_VERSION']}"
    record = CACHE / "run" / "ollama-binary"
    candidates = [Path(record.read_text().strip())] if record.is_file() and record.read_text().strip() else []
    candidates += sorted(home.glob("build-*/bin/ollama")) + [home / "bin" / "ollama", Path(shutil.which("ollama") or "/nonexistent")]
    return next((c for c in candidates if c.is_file() and os.access(c, os.X_OK)), None)
