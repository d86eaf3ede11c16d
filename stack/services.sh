#!/usr/bin/env bash
# Starts, stops and reports the course's local services (Ollama, Chroma) on 127.0.0.1.
# Each service writes a log and a pid file under $COURSE_RUN; 'down' stops exactly those pids.
#   services.sh up | down | status
set -euo pipefail
source "$(dirname "$0")/config.sh"
mkdir -p "$COURSE_RUN" "$OLLAMA_MODELS_DIR" "$CHROMA_DATA_DIR"

OLLAMA_URL="http://127.0.0.1:$OLLAMA_PORT"
CHROMA_URL_LOCAL="http://127.0.0.1:$CHROMA_PORT"

answers() { curl -fsS -m 2 "$1" >/dev/null 2>&1; }

running() {  # running NAME: its pid file names a live process that is still the one we started
  local pidfile="$COURSE_RUN/$1.pid" pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -d "/proc/$pid" ] && grep -q "$2" "/proc/$pid/cmdline" 2>/dev/null
}

wait_for() {  # wait_for NAME URL SECONDS
  local i
  for ((i = 0; i < $3 * 2; i++)); do
    answers "$2" && return 0
    running "$1" "$4" || { tail -20 "$COURSE_RUN/$1.log" >&2; die "$1 exited while starting: see $COURSE_RUN/$1.log"; }
    sleep 0.5
  done
  die "$1 did not answer at $2 within $3 s: see $COURSE_RUN/$1.log"
}

start() {  # start NAME HEALTH_URL PROCESS_MARK COMMAND...
  local name=$1 url=$2 mark=$3; shift 3
  if running "$name" "$mark"; then
    say "$name: already running (pid $(cat "$COURSE_RUN/$name.pid"))"
    return
  fi
  if answers "$url"; then
    die "Something else already answers at $url, so the course cannot start its own $name there: stop it, or run with ${name^^}_PORT set to a free port."
  fi
  # Logs are appended across starts; past 10 MiB the old one is kept as .log.1, so the cache stays bounded.
  if [ -f "$COURSE_RUN/$name.log" ] && [ "$(stat -c %s "$COURSE_RUN/$name.log")" -gt $((10 * 1024 * 1024)) ]; then
    mv -f "$COURSE_RUN/$name.log" "$COURSE_RUN/$name.log.1"
  fi
  say "$name: starting (log: $COURSE_RUN/$name.log)"
  nohup "$@" >>"$COURSE_RUN/$name.log" 2>&1 </dev/null &
  echo $! >"$COURSE_RUN/$name.pid"
  wait_for "$name" "$url" 60 "$mark"
  say "$name: up at ${url%/api*} (pid $(cat "$COURSE_RUN/$name.pid"))"
}

stop() {  # stop NAME PROCESS_MARK
  local name=$1 pid
  if running "$name" "$2"; then
    pid=$(cat "$COURSE_RUN/$name.pid")
    kill "$pid"
    for _ in $(seq 1 40); do [ -d "/proc/$pid" ] || break; sleep 0.25; done
    [ -d "/proc/$pid" ] && kill -9 "$pid"
    say "$name: stopped (pid $pid)"
  else
    say "$name: not running"
  fi
  rm -f "$COURSE_RUN/$name.pid"
}

status() {  # status NAME URL PROCESS_MARK
  local state="down"
  if running "$1" "$3"; then state="running (pid $(cat "$COURSE_RUN/$1.pid"))"; fi
  if answers "$2"; then state="$state, answering at ${2%/api*}"; else state="$state, not answering at ${2%/api*}"; fi
  printf '%-8s %s\n         log: %s\n' "$1" "$state" "$COURSE_RUN/$1.log"
}

case "${1:-}" in
  up)
    [ -x "$OLLAMA_BIN" ] || die "Ollama is not built yet: run 'make up' (it builds it) rather than this script directly."
    [ -x "$VENV/bin/chroma" ] || die "Chroma is not installed: run 'make up' (it creates .venv) rather than this script directly."
    # One model at a time on 2 cores; keep it loaded between cells so lessons do not pay load time twice.
    start ollama "$OLLAMA_URL/api/version" "ollama" \
      env OLLAMA_HOST="127.0.0.1:$OLLAMA_PORT" OLLAMA_MODELS="$OLLAMA_MODELS_DIR" OLLAMA_KEEP_ALIVE=30m \
          OLLAMA_NUM_PARALLEL=1 "$OLLAMA_BIN" serve
    start chroma "$CHROMA_URL_LOCAL/api/v2/heartbeat" "chroma" \
      env ANONYMIZED_TELEMETRY=False "$VENV/bin/chroma" run --path "$CHROMA_DATA_DIR" --host 127.0.0.1 --port "$CHROMA_PORT"
    # ONNX Runtime leaves one empty folder in the kernels' temp dir per JVM; sweep them here.
    find "$COURSE_CACHE/tmp" -maxdepth 1 -type d -name 'onnxruntime-java*' -empty -delete 2>/dev/null || true
    ;;
  down)
    stop chroma "chroma"
    stop ollama "ollama"
    ;;
  status)
    status ollama "$OLLAMA_URL/api/version" "ollama"
    status chroma "$CHROMA_URL_LOCAL/api/v2/heartbeat" "chroma"
    if answers "$OLLAMA_URL/api/version"; then
      echo "models:"; OLLAMA_HOST="127.0.0.1:$OLLAMA_PORT" "$OLLAMA_BIN" list | sed 's/^/         /'
    fi
    echo "chroma data: $CHROMA_DATA_DIR"
    echo "cache:       $COURSE_CACHE"
    ;;
  *) die "usage: services.sh up | down | status" ;;
esac
