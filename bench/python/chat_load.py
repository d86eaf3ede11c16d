"""make bench-chat (and the end of make bench): the chat app of lesson 09 under load, on 127.0.0.1.

First one question at a time (what a single user waits on this machine), then SESSIONS users at once, each its own
session (cookie), each asking ROUNDS questions one after the other from a fixed list of menu questions: a bounded
loop, SESSIONS x ROUNDS replies in all. Reports the time to the first token and to the full reply, p50 and p95, as
the client sees them (request sent -> first `token` event, -> `done`), and the replies lost (a stream that ended
without `done`, or with `error`): that must be 0, and the script exits 1 otherwise.

Starts the app itself (the contract's command line, CHAT_PORT=0) against the course's Ollama and Chroma, unless
CHAT_BENCH_URL names one already running. Runs in the course venv (.venv); the HTTP client is tests/chat_client.py.
Writes bench/results/chat-load.md and chat-load.json (every figure from this run). Environment:
  CHAT_BENCH_SESSIONS   concurrent sessions (default 8)
  CHAT_BENCH_ROUNDS     questions per session (default 3)
  CHAT_BENCH_SINGLE     one-at-a-time questions before the load (default 3)
  CHAT_BENCH_URL        an app already running (e.g. http://127.0.0.1:7070/), instead of starting one
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.python.stats import percentile
from stack.course_env import CHAT_MODEL, ENV, OLLAMA_URL

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # the chat client the tests use (issue 20 item 4 gives it one home)
from chat_client import ChatSession, Reply, start_app  # noqa: E402

RESULTS = ROOT / "bench" / "results"
SESSIONS = int(os.environ.get("CHAT_BENCH_SESSIONS") or 8)
ROUNDS = int(os.environ.get("CHAT_BENCH_ROUNDS") or 3)
SINGLE = int(os.environ.get("CHAT_BENCH_SINGLE") or 3)
# One question per menu fact that only one menu holds (data/menus/README.md), plus a price and an allergen.
QUESTIONS = [
    "Where can I eat a gluten-free pizza?",
    "Which restaurant is open on Mondays?",
    "Which restaurant has a children's menu?",
    "Where can we have breakfast on Saturday morning?",
    "Which place serves food after midnight on a Friday?",
    "How much is the three-course set menu at Bistro des Halles?",
    "Does the falafel at Beit Zaatar contain sesame?",
    "Where can we book a coffee ceremony?",
]


def say(*parts):
    print("[bench-chat]", *parts, flush=True)


def one_user(url: str, index: int) -> list[Reply]:
    session = ChatSession(url)
    return [session.chat(QUESTIONS[(index + r) % len(QUESTIONS)]) for r in range(ROUNDS)]


def summary(replies: list[Reply]) -> dict:
    ok = [r for r in replies if r.done is not None and r.error is None]
    first = [r.first_token_s for r in ok if r.first_token_s is not None]
    full = [r.total_s for r in ok]
    tokens = [len(r.tokens) for r in ok]
    return {"replies": len(replies), "lost": len(replies) - len(ok),
            "errors": sorted({r.error for r in replies if r.error}),
            "first_token_p50_s": percentile(first, 0.5) if first else None,
            "first_token_p95_s": percentile(first, 0.95) if first else None,
            "full_reply_p50_s": percentile(full, 0.5) if full else None,
            "full_reply_p95_s": percentile(full, 0.95) if full else None,
            "token_events_median": statistics.median(tokens) if tokens else None,
            "first_token_s": first, "full_reply_s": full}


def seconds(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def markdown(info: dict, single: dict, load: dict) -> str:
    rows = [("one user at a time", single), (f"{info['sessions']} sessions at once", load)]
    # The load average counts this run's own JVM and Ollama too; well above the cores, other work competed.
    busy = ("; a busy machine: other work shared the CPU, so the times are longer than on a quiet one"
            if info["loadavg_start"] > info["cores"] else "")
    lines = [f"# Chat app under load ({info['date']})", "",
             f"`make bench-chat` on {info['cpu']} ({info['cores']} cores, load average {info['loadavg_start']:.1f} "
             f"at the start, {info['loadavg_end']:.1f} at the end{busy}), model `{info['model']}`, "
             f"Ollama `{info['ollama_url']}`. Client-side times in seconds: "
             f"request sent to the first `token` event, and to `done`.", "",
             "| run | replies | lost | first token p50 | first token p95 | full reply p50 | full reply p95 | "
             "token events (median) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, s in rows:
        lines.append(f"| {name} | {s['replies']} | {s['lost']} | {seconds(s['first_token_p50_s'])} | "
                     f"{seconds(s['first_token_p95_s'])} | {seconds(s['full_reply_p50_s'])} | "
                     f"{seconds(s['full_reply_p95_s'])} | {s['token_events_median']} |")
    lines += ["", f"{info['sessions']} sessions x {info['rounds']} questions in {info['load_wall_s']:.1f} s of wall "
              f"time ({info['replies_per_minute']:.1f} replies a minute). The Ollama the course starts answers up to "
              f"{info['num_parallel']} requests of the model at once (OLLAMA_NUM_PARALLEL={info['num_parallel']} in "
              f"stack/course.env: their tokens share one forward pass) and queues the rest, so with more sessions "
              f"than that a question waits for the replies ahead of it before its first token; an Ollama started "
              f"outside the course keeps its own setting. A larger model (3B+ in a class) is slower per token and "
              f"makes that queue slower too.", ""]
    for name, s in rows:
        if s["errors"]:
            lines.append(f"Errors ({name}): " + "; ".join(s["errors"]))
    return "\n".join(lines) + "\n"


def main():
    now = dt.datetime.now(dt.timezone.utc)
    info = {"date": now.strftime("%Y-%m-%d %H:%M UTC"), "sessions": SESSIONS, "rounds": ROUNDS, "single": SINGLE,
            "cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
            "loadavg_start": os.getloadavg()[0], "num_parallel": ENV["OLLAMA_NUM_PARALLEL"],
            "model": CHAT_MODEL, "ollama_url": OLLAMA_URL}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            info["cpu"] = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    app = None
    url = os.environ.get("CHAT_BENCH_URL")
    if not url:
        log = Path(tempfile.mkdtemp(prefix="chat-bench-")) / "app.log"
        say(f"starting the chat app (log: {log})")
        app = start_app(log)
        url = app.url
    try:
        say(f"app at {url}; warm-up question (not counted: it also waits for the menus to be indexed)")
        warm = ChatSession(url).chat(QUESTIONS[0])
        if warm.done is None:
            say(f"the warm-up question failed: {warm.error}")
            sys.exit(1)
        say(f"{SINGLE} questions one at a time")
        lone = ChatSession(url)
        single = summary([lone.chat(QUESTIONS[i % len(QUESTIONS)]) for i in range(SINGLE)])
        say(f"{SESSIONS} sessions at once, {ROUNDS} questions each")
        start = time.perf_counter()
        with ThreadPoolExecutor(SESSIONS) as pool:
            replies = [r for user in pool.map(lambda i: one_user(url, i), range(SESSIONS)) for r in user]
        info["load_wall_s"] = time.perf_counter() - start
        load = summary(replies)
    finally:
        if app:
            app.stop()
    info["replies_per_minute"] = load["replies"] / info["load_wall_s"] * 60
    info["loadavg_end"] = os.getloadavg()[0]
    RESULTS.mkdir(parents=True, exist_ok=True)
    table = markdown(info, single, load)
    (RESULTS / "chat-load.md").write_text(table, encoding="utf-8")
    (RESULTS / "chat-load.json").write_text(json.dumps({"info": info, "single": single, "load": load}, indent=1) + "\n",
                                            encoding="utf-8")
    print(table)
    say("results: bench/results/chat-load.md, chat-load.json")
    if single["lost"] or load["lost"]:
        say(f"FAILED: {single['lost'] + load['lost']} replies lost")
        sys.exit(1)


if __name__ == "__main__":
    main()
