// Tonight's Table: the page's behaviour, plain JavaScript (no build step, no library).
// Model text and file names only ever reach the page through textContent, never innerHTML:
// a reply that contains <b> or <script> shows those characters as they are.
"use strict";

const messages = document.getElementById("messages");
const form = document.getElementById("ask");
const question = document.getElementById("question");
const send = document.getElementById("send");
const upload = document.getElementById("upload");
const uploadStatus = document.getElementById("upload-status");
const reset = document.getElementById("reset");
const health = document.getElementById("health");

/** A new element with a class and, optionally, text. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function scrollToEnd() {
  window.scrollTo({ top: document.body.scrollHeight });
}

function addUserMessage(text) {
  const node = el("div", "message user");
  node.append(el("span", "who", "You"), el("div", "text", text));
  messages.append(node);
  return node;
}

function addAssistantMessage(text, state) {
  const node = el("div", "message assistant");
  node.dataset.chunks = "0";
  node.dataset.state = state;
  node.append(el("span", "who", "Tonight's Table"), el("div", "text", text), el("ul", "sources"));
  node.querySelector(".sources").setAttribute("aria-label", "Sources");
  messages.append(node);
  return node;
}

/**
 * The links' labels: "Menu, page N", and when several passages come from the same page,
 * "Menu, page N, passage 1 of 3" and so on (in the order retrieval ranked them), so no two links read the same.
 */
function sourceLabels(sources) {
  const base = sources.map((s) => `${s.menu}, page ${s.page}`);
  const total = new Map();
  for (const label of base) total.set(label, (total.get(label) || 0) + 1);
  const seen = new Map();
  return base.map((label) => {
    if (total.get(label) === 1) return label;
    seen.set(label, (seen.get(label) || 0) + 1);
    return `${label}, passage ${seen.get(label)} of ${total.get(label)}`;
  });
}

function showSources(node, sources) {
  const list = node.querySelector(".sources");
  list.replaceChildren();
  const labels = sourceLabels(sources);
  for (const [i, source] of sources.entries()) {
    const link = el("a", null, labels[i]);
    link.href = source.href;
    link.target = "_blank";
    link.rel = "noopener";
    link.title = source.title;
    const item = el("li");
    item.append(link);
    list.append(item);
  }
}

function showError(node, sentence) {
  stopWaiting(node);
  node.dataset.state = "error";
  node.append(el("p", "error", sentence));
}

/**
 * Until the first token arrives, the reply says what it is waiting for and for how long, instead of a bare
 * cursor: the app searches the menus, then the model reads the question and the passages before it writes
 * its first word, which takes seconds on a quiet machine and can take a minute or more on a busy CPU.
 */
function startWaiting(node) {
  const started = Date.now();
  const line = el("p", "waiting");
  const update = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    line.textContent = "Waiting for the model's first word: it reads your question and the menu passages first"
      + (seconds >= 3 ? ` (${seconds} s so far; on a busy computer this can take a minute or more)` : "") + "…";
  };
  update();
  node.insertBefore(line, node.querySelector(".sources"));
  node.waitTimer = setInterval(update, 1000);
}

function stopWaiting(node) {
  clearInterval(node.waitTimer);
  node.querySelector(".waiting")?.remove();
}

/**
 * Reads a server-sent event stream from a fetch response and calls onEvent(name, data) per event.
 * The format (event:/data: lines, a blank line ends an event) is the HTML standard's; comments start with ':'.
 */
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const content = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") name = content;
        else if (field === "data") data.push(content);
      }
      if (data.length) onEvent(name, data.join("\n"));
    }
  }
}

async function ask(text) {
  addUserMessage(text);
  const reply = addAssistantMessage("", "streaming");
  const body = reply.querySelector(".text");
  // Screen readers announce the reply once it is complete, not every token of it.
  reply.setAttribute("aria-busy", "true");
  startWaiting(reply);
  scrollToEnd();
  send.disabled = true;
  let finished = false;
  try {
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
      body: JSON.stringify({ message: text }),
    });
    if (!response.ok || !response.body) {
      throw new Error(`HTTP ${response.status}`);
    }
    await readEvents(response, (name, data) => {
      const payload = JSON.parse(data);
      if (name === "token") {
        stopWaiting(reply);
        body.textContent += payload.text;
        reply.dataset.chunks = String(Number(reply.dataset.chunks) + 1);
        scrollToEnd();
      } else if (name === "sources") {
        showSources(reply, payload);
      } else if (name === "done") {
        reply.dataset.state = "done";
        finished = true;
      } else if (name === "error") {
        showError(reply, payload.message);
        finished = true;
      }
    });
    if (!finished) {
      showError(reply, "The reply stopped before it was complete: send your question again.");
    }
  } catch (e) {
    if (!finished) {
      showError(reply, "The chat server did not answer (" + e.message + "): check that 'make chat' is still running, then send your question again.");
    }
  } finally {
    stopWaiting(reply);
    reply.removeAttribute("aria-busy");
    send.disabled = false;
    scrollToEnd();
    checkHealth();
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = question.value.trim();
  if (!text || send.disabled) return;
  question.value = "";
  ask(text);
  question.focus();
});

question.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

// The native file input is hidden behind its label (styled as a button): its own "No file chosen" text would
// sit beside a refusal that names the file. The status line says what happened to which file; the input is
// emptied after every upload, accepted or refused, so choosing the same file again (fixed) uploads it again.
upload.addEventListener("change", async () => {
  const file = upload.files[0];
  if (!file) return;
  uploadStatus.classList.remove("error");
  uploadStatus.textContent = `Reading ${file.name}…`;
  const data = new FormData();
  data.append("file", file);
  try {
    const response = await fetch("/api/upload", { method: "POST", body: data });
    const result = await response.json();
    if (response.ok && result.sameAs) {
      uploadStatus.textContent = `${result.name} holds the same text as ${result.sameAs}, already added: ask about it.`;
    } else if (response.ok) {
      const passages = result.segments === 1 ? "1 passage" : `${result.segments} passages`;
      uploadStatus.textContent = `Added ${result.name} (${result.kind}, ${passages}): ask about it.`;
    } else {
      uploadStatus.classList.add("error");
      uploadStatus.textContent = result.error;
    }
  } catch (e) {
    uploadStatus.classList.add("error");
    uploadStatus.textContent = "The upload did not reach the chat server (" + e.message + "): check that it is running, then choose the file again.";
  } finally {
    upload.value = "";
  }
});

reset.addEventListener("click", async () => {
  try {
    await fetch("/api/reset", { method: "POST" });
    messages.replaceChildren();
    uploadStatus.classList.remove("error");
    uploadStatus.textContent = "Conversation and uploads cleared.";
  } catch (e) {
    uploadStatus.classList.add("error");
    uploadStatus.textContent = "Reset did not reach the chat server (" + e.message + "): check that it is running.";
  }
  question.focus();
});

async function checkHealth() {
  try {
    const status = await (await fetch("/api/health")).json();
    health.classList.toggle("down", !status.ok);
    health.textContent = status.ok
      ? `Ready: ${status.menus.length} menus. ${status.ollama}.`
      : [status.ollamaOk ? "" : status.ollama, status.chromaOk ? "" : status.chroma].filter(Boolean).join(" ");
  } catch (e) {
    health.classList.add("down");
    health.textContent = "The chat server does not answer: start it with 'make chat'.";
  }
}

/** The conversation so far (after a reload), from the server's history of this session. */
async function restoreHistory() {
  try {
    const turns = await (await fetch("/api/history")).json();
    for (const turn of turns) {
      if (turn.role === "user") addUserMessage(turn.text);
      else addAssistantMessage(turn.text, "done");
    }
    scrollToEnd();
  } catch (e) {
    // An empty page is the same as a new conversation.
  }
}

restoreHistory();
checkHealth();
question.focus();
