#!/usr/bin/env bash
# Runs the chat app (apps/chat) in the foreground: 'make chat', the browser and load tests and the chat
# benchmark all start it through this one line, so what is tested is what a user runs.
# The app reads CHAT_HOST, CHAT_PORT, CHAT_DOCS, CHAT_SYSTEM_PROMPT, CHAT_MAX_UPLOAD_MB, COURSE_CHAT_MODEL,
# OLLAMA_BASE_URL and CHROMA_URL from the environment (apps/chat/README.md). Build it first: make chat-app.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/config.sh"
source "$COURSE_ROOT/stack/find-jdk.sh"

java=$(find_jdk java) || die "the chat app needs a JDK 17 or newer: install one (apt-get install openjdk-17-jdk) or set JAVA_HOME, then run 'make chat' again."
jar="$COURSE_ROOT/apps/chat/target/genai-chat-app.jar"
[ -f "$jar" ] || die "apps/chat/target/genai-chat-app.jar is missing: build the chat app with 'make chat-app'."
# ONNX Runtime unpacks into java.io.tmpdir and DJL keeps its files in DJL_CACHE_DIR: both in the course's cache.
mkdir -p "$COURSE_CACHE/tmp"
export DJL_CACHE_DIR="$COURSE_CACHE/djl"
exec "$java" -Xmx1g -Djava.io.tmpdir="$COURSE_CACHE/tmp" \
    -cp "$jar:$COURSE_ROOT/apps/chat/target/classpath/*" genai.chat.ChatApp
