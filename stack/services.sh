#!/usr/bin/env bash
# Starts, stops and reports the course's local services (Ollama, Chroma) on 127.0.0.1.
# Each service the course starts writes a log and a pid file under $COURSE_RUN; 'down' stops exactly
# those pids. A server that already answers where the course expects one (an Ollama the learner runs,
# a teacher's server) is used as it is and never stopped (see ollama.sh).
#   services.sh up | down | status
set -euo pipefail
here="$(dirname "$0")"
source "$here/config.sh"
source "$here/ollama.sh"
mkdir -p "$COURSE_RUN" "$OLLAMA_MODELS_DIR" "$CHROMA_DATA_DIR"

OLLAMA_HEALTH="$OLLAMA_URL/api/version"
CHROMA_HEALTH="$CHROMA_URL_LOCAL/api/v2/heartbeat"

answers() { curl -fsS -m 2 "$1" >/dev/null 2>&1; }

wait_for() {  # wait_for NAME URL SECONDS MARK
  local i
  for ((i = 0; i < $3 * 2; i++)); do
    answers "$2" && return 0
    course_started "$1" "$4" || { tail -20 "$COURSE_RUN/$1.log" >&2; die "$1 exited while starting: see $COURSE_RUN/$1.log"; }
    sleep 0.5
  done
  die "$1 did not answer at $2 within $3 s: see $COURSE_RUN/$1.log"
}

start() {  # start NAME HEALTH_URL PROCESS_MARK COMMAND...: start a service the course owns
  local name=$1 url=$2 mark=$3 log="$COURSE_RUN/$1.log"; shift 3
  # Logs are appended across starts; past 10 MiB the old one is kept as .log.1, so the cache stays bounded.
  if [ -f "$log" ] && [ "$(file_size "$log")" -gt $((10 * 1024 * 1024)) ]; then
    mv -f "$log" "$log.1"
  fi
  say "$name: starting (log: $log)"
  nohup "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$COURSE_RUN/$name.pid"
  wait_for "$name" "$url" 60 "$mark"
  say "$name: up at ${url%/api*} (pid $(cat "$COURSE_RUN/$name.pid"))"
}

stop() {  # stop NAME PROCESS_MARK
  local name=$1 pid
  if course_started "$name" "$2"; then
    pid=$(cat "$COURSE_RUN/$name.pid")
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    say "$name: stopped (pid $pid)"
  elif [ -f "$COURSE_RUN/$name.external" ]; then
    say "$name: left running at $(cat "$COURSE_RUN/$name.external") (the course did not start it)"
  else
    say "$name: not running"
  fi
  rm -f "$COURSE_RUN/$name.pid" "$COURSE_RUN/$name.external"
}

write_ollama_state() {  # write_ollama_state ORIGIN BIN PID: what 'make status' and 00-setup-check report
  local version
  version=$(server_version "$OLLAMA_URL" || echo unknown)
  { echo "ORIGIN=$1"; echo "URL=$OLLAMA_URL"; echo "VERSION=$version"; echo "BIN=$2"; echo "PID=$3"
    if [ "$1" = built ]; then built_target "$2" | grep -E '^(FLAGS|ARCH|FEATURES|BUILD_SECONDS)='; fi
  } >"$OLLAMA_STATE.tmp" || true
  mv "$OLLAMA_STATE.tmp" "$OLLAMA_STATE"
}

origin_of() {  # origin_of BIN: built when the course built it (it lives in the cache), else installed
  case $1 in "$COURSE_CACHE"/*) echo built ;; *) echo installed ;; esac
}

ollama_up() {
  local pid bin v
  if course_started ollama ollama; then
    pid=$(cat "$COURSE_RUN/ollama.pid")
    bin=$(process_binary "$pid")
    say "ollama: already running (pid $pid, $bin)"
    if [ -f "$OLLAMA_BINARY_RECORD" ] && [ -n "$(cat "$OLLAMA_BINARY_RECORD")" ] && [ "$(cat "$OLLAMA_BINARY_RECORD")" != "$bin" ]; then
      say "ollama: note: it runs $bin, not $(cat "$OLLAMA_BINARY_RECORD") chosen for this machine; 'make down && make up' switches"
    fi
    write_ollama_state "$(origin_of "$bin")" "$bin" "$pid"
    return
  fi
  if answers_http "$OLLAMA_URL"; then
    v=$(server_version "$OLLAMA_URL") \
      || die "Something that is not Ollama answers at $OLLAMA_URL: stop it, or give the course another port (OLLAMA_PORT=11435 make ...)."
    version_at_least "$v" "$OLLAMA_MIN_VERSION" \
      || die "Ollama $v answers at $OLLAMA_URL but the course needs $OLLAMA_MIN_VERSION or newer: update it (https://ollama.com/download), or run the course's own on another port (OLLAMA_PORT=11435 make ...)."
    say "ollama: $v already answers at $OLLAMA_URL; the course uses it and 'make down' leaves it running"
    echo "$OLLAMA_URL" >"$COURSE_RUN/ollama.external"
    write_ollama_state external "" ""
    return
  fi
  url_is_local "$OLLAMA_URL" \
    || die "Nothing answers at $OLLAMA_URL (OLLAMA_BASE_URL): start that server, or unset OLLAMA_BASE_URL so the course starts its own."
  bin=$(cat "$OLLAMA_BINARY_RECORD" 2>/dev/null || true)
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    die "No Ollama binary is ready: run 'make up' (it finds or builds one) rather than this script directly."
  fi
  # One model at a time on 2 cores; keep it loaded between cells so lessons do not pay load time twice;
  # answer OLLAMA_NUM_PARALLEL requests of it at once (course.env), which the lessons send concurrently.
  start ollama "$OLLAMA_HEALTH" "ollama" \
    env OLLAMA_HOST="$SERVICE_HOST:$(url_port "$OLLAMA_URL")" OLLAMA_MODELS="$OLLAMA_MODELS_DIR" OLLAMA_KEEP_ALIVE=30m \
        OLLAMA_NUM_PARALLEL="$OLLAMA_NUM_PARALLEL" "$bin" serve
  rm -f "$COURSE_RUN/ollama.external"
  write_ollama_state "$(origin_of "$bin")" "$bin" "$(cat "$COURSE_RUN/ollama.pid")"
}

chroma_up() {
  if course_started chroma chroma; then
    say "chroma: already running (pid $(cat "$COURSE_RUN/chroma.pid"))"
    return
  fi
  if answers "$CHROMA_HEALTH"; then
    say "chroma: a Chroma server already answers at $CHROMA_URL_LOCAL; the course uses it and 'make down' leaves it running"
    echo "$CHROMA_URL_LOCAL" >"$COURSE_RUN/chroma.external"
    return
  fi
  if answers_http "$CHROMA_URL_LOCAL"; then
    die "Something that is not Chroma 1.x answers at $CHROMA_URL_LOCAL: stop it, or give the course another port (CHROMA_PORT=8001 make ...)."
  fi
  url_is_local "$CHROMA_URL_LOCAL" \
    || die "Nothing answers at $CHROMA_URL_LOCAL (CHROMA_URL): start that server, or unset CHROMA_URL so the course starts its own."
  [ -x "$VENV/bin/chroma" ] || die "Chroma is not installed: run 'make up' (it creates .venv) rather than this script directly."
  start chroma "$CHROMA_HEALTH" "chroma" \
    env ANONYMIZED_TELEMETRY=False "$VENV/bin/chroma" run --path "$CHROMA_DATA_DIR" --host "$SERVICE_HOST" \
        --port "$(url_port "$CHROMA_URL_LOCAL")"
  rm -f "$COURSE_RUN/chroma.external"
}

state_value() { sed -n "s/^$1=//p" "$OLLAMA_STATE" 2>/dev/null; }

status_line() {  # status_line NAME HEALTH_URL MARK
  local state="down"
  if course_started "$1" "$3"; then
    state="started by the course (pid $(cat "$COURSE_RUN/$1.pid"))"
  elif [ -f "$COURSE_RUN/$1.external" ]; then
    state="not started by the course (left running by 'make down')"
  fi
  if answers "$2"; then state="$state, answering at ${2%/api*}"; else state="$state, not answering at ${2%/api*}"; fi
  printf '%-8s %s\n' "$1" "$state"
}

ollama_status() {
  status_line ollama "$OLLAMA_HEALTH" "ollama"
  if [ -f "$OLLAMA_STATE" ]; then
    local bin; bin=$(state_value BIN)
    printf '         version %s; ' "$(state_value VERSION)"
    case $(state_value ORIGIN) in
      external) echo "a server the course found running, not one it started" ;;
      installed) echo "binary $bin, installed on this machine (found on PATH)" ;;
      built)
        echo "binary $bin, built by the course"
        if [ -n "$(state_value FLAGS)" ]; then
          printf '         CPU target %s (gcc calls it %s): %s; built in %s s\n' "$(state_value FLAGS)" \
            "$(state_value ARCH)" "$(state_value FEATURES)" "$(state_value BUILD_SECONDS)"
        else
          echo "         CPU target: not recorded (built by an older version of these scripts; 'make down && make up' switches to one that records it)"
        fi ;;
    esac
  fi
  local chosen
  chosen=$(cat "$OLLAMA_BINARY_RECORD" 2>/dev/null || true)
  if [ -n "$chosen" ] && [ "$chosen" != "$(state_value BIN)" ] && [ "$(state_value ORIGIN)" != external ]; then
    echo "         chosen for this machine, started after 'make down && make up': $chosen ($(built_target "$chosen" | sed -n 's/^FLAGS=//p'))"
  fi
  if course_started ollama ollama; then echo "         log: $COURSE_RUN/ollama.log"; fi
}

case "${1:-}" in
  up)
    ollama_up
    chroma_up
    # ONNX Runtime leaves one empty folder in the kernels' temp dir per JVM; sweep them here.
    find "$COURSE_CACHE/tmp" -maxdepth 1 -type d -name 'onnxruntime-java*' -empty -delete 2>/dev/null || true
    ;;
  down)
    stop chroma "chroma"
    stop ollama "ollama"
    rm -f "$OLLAMA_STATE"
    ;;
  status)
    ollama_status
    status_line chroma "$CHROMA_HEALTH" "chroma"
    if course_started chroma chroma; then echo "         log: $COURSE_RUN/chroma.log"; fi
    if answers "$OLLAMA_HEALTH"; then
      echo "models at $OLLAMA_URL:"
      curl -fsS -m 5 "$OLLAMA_URL/api/tags" | tr '{' '\n' | sed -n 's/^"name":"\([^"]*\)".*"size":\([0-9]*\).*/\1 \2/p' \
        | awk '{printf "         %-32s %6.0f MB\n", $1, $2 / 1e6}'
    fi
    echo "chroma data: $CHROMA_DATA_DIR"
    echo "cache:       $COURSE_CACHE"
    ;;
  *) die "usage: services.sh up | down | status" ;;
esac
