"""The chat app of lesson 09 over plain HTTP: eight users at once, each with its own memory and uploads.

The app is started by its command line (CHAT_PORT=0) against the shared Ollama and Chroma. Eight sessions (eight
cookies) run at the same time; each uploads a small Markdown menu of its own whose dish carries a code word no other
session knows, then asks about that dish. Every reply must end with `done`, and no session's history, sources or
source pages may show another session's code word or upload. Times are not asserted here (bench/chat_load.py
measures them).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import urllib.parse

import pytest
from chat_client import ChatSession, start_app

SESSIONS = 8
# Invented words, one per session, that appear in no menu and in no other session's upload.
CODE_WORDS = ["quillaberry", "snorvelle", "tarquinade", "mulgravio", "plinketta", "zorbanelle", "vexmoor", "gribbletart"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    running = start_app(tmp_path_factory.mktemp("chat-app") / "app.log")
    yield running
    running.stop()


def one_user(base_url: str, index: int, folder) -> dict:
    word = CODE_WORDS[index]
    upload = folder / f"kitchen-{word}.md"
    upload.write_text(f"# Kitchen {word.title()}\n\nOpening hours: Friday 18:00–22:00.\n\n## Dishes\n\n"
                      f"- {word.title()} — €{9 + index}.50 — the house speciality: a {word} pie with leeks and "
                      f"mustard. Allergens: gluten, mustard.\n", encoding="utf-8")
    session = ChatSession(base_url)
    status, uploaded = session.upload(upload)
    reply = session.chat(f"What is in the {word} pie, and what does it cost?")
    return {"word": word, "session": session, "upload_status": status, "uploaded": uploaded, "reply": reply,
            "history": session.history()}


@pytest.fixture(scope="module")
def users(app, tmp_path_factory):
    folder = tmp_path_factory.mktemp("uploads")
    with ThreadPoolExecutor(SESSIONS) as pool:
        return list(pool.map(lambda i: one_user(app.url, i, folder), range(SESSIONS)))


def test_every_one_of_eight_concurrent_replies_completes(users):
    for user in users:
        assert user["upload_status"] == 200, f"{user['word']}: upload refused: {user['uploaded']}"
        reply = user["reply"]
        assert reply.error is None and reply.done is not None, f"{user['word']}: the reply was lost: {reply.error}"
        assert reply.events[-1] == "done" and reply.tokens, f"{user['word']}: events {reply.events}"


def test_no_session_sees_another_sessions_messages(users):
    for user in users:
        history = user["history"]
        assert [m["role"] for m in history] == ["user", "assistant"], f"{user['word']}: history {history}"
        assert user["word"] in history[0]["text"]
        assert history[1]["text"].strip() == user["reply"].text.strip(), f"{user['word']}: stored reply != streamed one"
        text = " ".join(m["text"] for m in history).lower()
        others = [w for w in CODE_WORDS if w != user["word"] and w in text]
        assert not others, f"{user['word']}'s history mentions another session's code word: {others}"


def test_no_session_retrieves_or_opens_another_sessions_upload(users):
    for user in users:
        sources = user["reply"].sources
        named = " ".join(f"{s.get('menu', '')} {s.get('title', '')} {s.get('href', '')}" for s in sources).lower()
        others = [w for w in CODE_WORDS if w != user["word"] and w in named]
        assert not others, f"{user['word']}'s sources name another session's upload: {others}"
        assert user["word"] in named, f"{user['word']}'s own upload is not among its sources: {sources}"
    # A source page of one session's upload, asked for with another session's cookie, is not shown.
    owner, stranger = users[0], users[1]
    own = [s for s in owner["reply"].sources if owner["word"] in f"{s.get('menu', '')} {s.get('title', '')}".lower()]
    href = urllib.parse.urljoin(owner["session"].base + "/", own[0]["href"])
    assert owner["session"].get(href)[0] == 200, "the owner cannot open its own source"
    status, text = stranger["session"].get(href)
    assert status in (403, 404) and owner["word"] not in text.lower(), f"another session opened {href}: HTTP {status}"


def test_reset_clears_one_session_and_leaves_the_others(users):
    first, second = users[0], users[1]
    assert first["session"].reset() == {"reset": True}
    assert first["session"].history() == []
    assert [m["role"] for m in second["session"].history()] == ["user", "assistant"]
    again = first["session"].chat(f"What is in the {first['word']} pie?")
    assert again.done is not None, again.error
    named = " ".join(f"{s.get('menu', '')} {s.get('title', '')}" for s in again.sources).lower()
    assert first["word"] not in named, f"the upload survived the reset: {again.sources}"
