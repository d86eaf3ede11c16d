"""The chat app of lesson 09 (apps/chat) as the tests and the benchmark drive it.

- `start_app(...)` runs the contract's command line (`java -cp ... genai.chat.ChatApp`) and reads the URL from its
  `[chat] serving http://HOST:PORT/` line;
- `PrivateOllama` is a second real Ollama (the course's binary and models) on a free port, that a test may stop
  and start again without touching the shared one on 11434;
- `ChatSession` is one browser session over HTTP (a cookie, `POST /api/chat` read as server-sent events, uploads,
  history, reset), through the app's own Java client `genai.chat.ChatClient` run as a JSON-lines worker.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from stack_env import CACHE, ENV, ROOT, a_course_ollama_binary, find_jdk, free_port

APP_TARGET = ROOT / "apps" / "chat" / "target"
APP_JAR = APP_TARGET / "genai-chat-app.jar"
SERVING = re.compile(r"^\[chat\] serving (http://\S+/)\s*$")


def app_command() -> list[str]:
    """The command 'make chat' runs (JDK, heap, temporary and DJL folders live in that one script)."""
    assert find_jdk("java"), "no JDK 17 or newer found: install one (e.g. 'apt-get install openjdk-17-jdk-headless')"
    assert APP_JAR.is_file(), f"{APP_JAR.relative_to(ROOT)} is missing: build the chat app with 'make chat-app'"
    return ["bash", str(ROOT / "stack" / "run-chat.sh")]


class RunningApp:
    """The app's process; its stdout and stderr go to `log`, and `url` is what its serving line said."""

    def __init__(self, env: dict[str, str], log: Path, timeout: float = 600):
        self.log = log
        self.url: str | None = None
        self._seen = threading.Event()
        full = {k: v for k, v in os.environ.items() if not k.startswith("CHAT_")}
        full.update(env)
        self.process = subprocess.Popen(app_command(), cwd=ROOT, env=full, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, bufsize=1)
        threading.Thread(target=self._copy_output, daemon=True).start()
        deadline = time.monotonic() + timeout
        while not self._seen.wait(0.5):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"the chat app printed no '[chat] serving' line (exit {self.process.returncode}); "
                                     f"its output:\n{self.output()[-4000:]}")

    def _copy_output(self):
        with self.log.open("w", encoding="utf-8") as out:
            for line in self.process.stdout:
                out.write(line)
                out.flush()
                match = SERVING.match(line)
                if match and self.url is None:
                    self.url = match.group(1)
                    self._seen.set()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


def start_app(log: Path, ollama_url: str | None = None, **settings: str) -> RunningApp:
    """Starts the app on a free port (CHAT_PORT=0); `settings` are further CHAT_* variables, e.g. CHAT_MAX_UPLOAD_MB."""
    env = {"CHAT_PORT": "0", **{k: str(v) for k, v in settings.items()}}
    if ollama_url:
        env["OLLAMA_BASE_URL"] = ollama_url
    return RunningApp(env, log)


class PrivateOllama:
    """A real Ollama of the course's own on a free port, reading the models `make up` registered."""

    def __init__(self, log: Path):
        self.binary = a_course_ollama_binary()
        self.models = CACHE / "ollama-models"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process: subprocess.Popen | None = None

    @staticmethod
    def missing() -> str | None:
        """Why no private Ollama can start here, as the command that fixes it; None when it can."""
        if a_course_ollama_binary() is None or not (CACHE / "ollama-models").is_dir():
            return "no Ollama binary or models in the course's cache: run 'make up' once"
        return None

    def start(self, timeout: float = 120):
        env = dict(os.environ, OLLAMA_HOST=f"127.0.0.1:{self.port}", OLLAMA_MODELS=str(self.models),
                   OLLAMA_KEEP_ALIVE="30m")
        with self.log.open("a", encoding="utf-8") as log:
            self.process = subprocess.Popen([str(self.binary), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/api/tags", timeout=5) as response:
                    names = {m["name"] for m in json.load(response)["models"]}
                model = f"{ENV['DEFAULT_CHAT_MODEL']}:latest"
                assert model in names, f"the private Ollama has no {model}: run 'make up' (it registers the models)"
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
        self.stop()
        raise AssertionError(f"the private Ollama on {self.url} did not answer; its log: {self.log}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=60)


@dataclass
class Reply:
    """One answer read from `POST /api/chat`: the events in order, with client-side times in seconds."""
    tokens: list[str] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    done: dict | None = None
    error: str | None = None
    first_token_s: float | None = None
    total_s: float = 0.0
    events: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.tokens)


class ChatSession:
    """One user of the app: its own cookie (`chat_session`), so its own memory and uploads.

    The HTTP work is done by the chat app's own Java client (`genai.chat.ChatClient`, the one lesson 09 uses) run as
    a JSON-lines worker, one process per session: the event stream is read by one implementation only. Times are
    taken on the client's side of the socket, in that process."""

    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self._lock = threading.Lock()
        self._worker: subprocess.Popen | None = None

    def _ask(self, command: dict, timeout: float = 900) -> dict:
        with self._lock:
            if self._worker is None:
                java = find_jdk("java")
                assert java, "no JDK 17 or newer found: install one (e.g. 'apt-get install openjdk-17-jdk-headless')"
                assert APP_JAR.is_file(), f"{APP_JAR.relative_to(ROOT)} is missing: build the chat app with 'make chat-app'"
                self._worker = subprocess.Popen(
                    [java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-cp", f"{APP_JAR}:{APP_TARGET / 'classpath'}/*",
                     "genai.chat.ChatClient", self.base + "/"],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
            self._worker.stdin.write(json.dumps(command) + "\n")
            self._worker.stdin.flush()
            answer: list[str] = []
            reader = threading.Thread(target=lambda: answer.append(self._worker.stdout.readline()), daemon=True)
            reader.start()
            reader.join(timeout)
            assert answer and answer[0], f"the ChatClient worker gave no answer to {command['op']} within {timeout} s"
        result = json.loads(answer[0])
        assert "failure" not in result, f"ChatClient {command['op']}: {result['failure']}"
        return result

    def close(self):
        if self._worker is not None:
            self._worker.stdin.close()
            self._worker.wait(timeout=30)
            self._worker = None

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    def chat(self, message: str, timeout: float = 900) -> Reply:
        """Sends a message and reads the event stream to its end (`done` or `error`)."""
        r = self._ask({"op": "chat", "message": message}, timeout)
        return Reply(tokens=r["tokens"], sources=r["sources"], done=r["done"], error=r["error"],
                     first_token_s=r["first_token_s"], total_s=r["total_s"], events=r["events"])

    def upload(self, path: Path, name: str | None = None) -> tuple[int, dict]:
        r = self._ask({"op": "upload", "path": str(path), "name": name}, 300)
        return r["status"], r["body"]

    def history(self) -> list[dict]:
        r = self._ask({"op": "history"}, 60)
        return r["body"]

    def reset(self) -> dict:
        r = self._ask({"op": "reset"}, 60)
        assert r["status"] == 200, f"reset answered HTTP {r['status']}"
        return r["body"]

    def get(self, url_or_path: str) -> tuple[int, str]:
        """GET with this session's cookie: (status, body text)."""
        path = urllib.parse.urlsplit(url_or_path)
        r = self._ask({"op": "get", "path": path.path + (f"?{path.query}" if path.query else "")}, 60)
        return r["status"], r["text"]


def one_sentence(text: str) -> bool:
    """An error a user can read: one line, a full stop at the end, no exception class or stack frame."""
    text = (text or "").strip()
    return (bool(text) and "\n" not in text and len(text) <= 400 and text.endswith((".", ".)"))
            and not re.search(r"Exception|\bat [a-z]+\.[\w.$]+\(|java\.\w", text))
