# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this file
# Which Ollama the course uses, shared by install-ollama.sh, services.sh and install-models.sh. Sourced
# after config.sh, never run. The course takes, in this order:
#   external   a server already answering at OLLAMA_BASE_URL that the course did not start (a system
#              service, the desktop app, a teacher's box): used as it is, never stopped by 'make down';
#   installed  an 'ollama' on PATH, OLLAMA_MIN_VERSION or newer: the course starts it with its own
#              models folder, and stops it again on 'make down';
#   built      otherwise the binary the course built for this CPU (install-ollama.sh), started the same way.
# install-ollama.sh records the chosen binary (installed or built) in $OLLAMA_BINARY_RECORD; the running
# server's origin, binary and CPU target are written to $OLLAMA_STATE by services.sh for 'make status'
# and the 00-setup-check notebook.

OLLAMA_BINARY_RECORD="$COURSE_RUN/ollama-binary"
OLLAMA_STATE="$COURSE_RUN/ollama.env"

client_version() {  # client_version BIN: the version of the binary itself, not of a server it can reach
  # Pointed at a closed port, 'ollama --version' prints only its own "client version is X".
  OLLAMA_HOST=127.0.0.1:9 "$1" --version 2>&1 | sed -n 's/.*version is \([0-9][0-9.a-z-]*\).*/\1/p' | tail -1
}

installed_ollama() {  # prints the path of an 'ollama' on PATH that is new enough, else returns 1
  local bin v
  bin=$(command -v ollama 2>/dev/null) || return 1
  case $bin in "$COURSE_CACHE"/*) return 1 ;; esac  # the course's own build is not an installed one
  v=$(client_version "$bin")
  [ -n "$v" ] && version_at_least "$v" "$OLLAMA_MIN_VERSION" && echo "$bin"
}

server_version() {  # server_version URL: the version an Ollama server at URL reports, else returns 1
  curl -fsS -m 3 "$1/api/version" 2>/dev/null | sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p' | grep .
}

answers_http() { curl -sS -o /dev/null -m 2 "$1" >/dev/null 2>&1; }  # anything at all answers HTTP there

server_has_model() {  # server_has_model URL NAME: the server lists NAME (or NAME:latest)
  curl -fsS -m 5 "$1/api/tags" 2>/dev/null | tr ',' '\n' | grep -q "\"name\" *: *\"$2\(:latest\)\{0,1\}\""
}

built_target() {  # built_target BIN: the target.env lines of a binary the course built, if it has them
  local env
  env="$(dirname "$(dirname "$1")")/target.env"
  [ -f "$env" ] && cat "$env"
  return 0
}
