# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this file
# Shared settings and helpers for the stack scripts, sourced by each of them. Run as 'bash stack/config.sh make',
# it prints the settings as make assignments: that is how the Makefile reads them (one derivation, here).
# The constants (versions, default ports and models) are in course.env; this file adds what follows from
# them and from the environment. Everything slow to fetch or build lives under COURSE_CACHE, outside the
# checkout, so a fresh clone (CI) on the same machine reuses it.
# Runs under the bash 3.2 that macOS ships: no ${x^^}, no associative arrays, no mapfile.
COURSE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=stack/course.env
source "$COURSE_ROOT/stack/course.env"

COURSE_CACHE="${COURSE_CACHE:-$HOME/$DEFAULT_CACHE_UNDER_HOME}"
COURSE_RUN="${COURSE_RUN:-$COURSE_CACHE/run}"

OLLAMA_PORT="${OLLAMA_PORT:-$DEFAULT_OLLAMA_PORT}"
CHROMA_PORT="${CHROMA_PORT:-$DEFAULT_CHROMA_PORT}"
JUPYTER_PORT="${JUPYTER_PORT:-$DEFAULT_JUPYTER_PORT}"
CHAT_PORT="${CHAT_PORT:-$DEFAULT_CHAT_PORT}"
# The URLs the notebooks use (the Makefile exports them); a moved port moves the URL with it.
OLLAMA_URL="${OLLAMA_BASE_URL:-http://$SERVICE_HOST:$OLLAMA_PORT}"
OLLAMA_URL="${OLLAMA_URL%/}"
CHROMA_URL_LOCAL="${CHROMA_URL:-http://$SERVICE_HOST:$CHROMA_PORT}"
CHROMA_URL_LOCAL="${CHROMA_URL_LOCAL%/}"

# Ollama: one folder per version; inside it one build folder per CPU target (stack/cpu-target.sh key).
OLLAMA_HOME="$COURSE_CACHE/ollama-$OLLAMA_VERSION"
OLLAMA_MODELS_DIR="$COURSE_CACHE/ollama-models"
CHROMA_DATA_DIR="$COURSE_CACHE/chroma-data"

VENV="$COURSE_ROOT/.venv"

COURSE_CHAT_MODEL="${COURSE_CHAT_MODEL:-$DEFAULT_CHAT_MODEL}"
COURSE_BASE_MODEL="${COURSE_BASE_MODEL:-$DEFAULT_BASE_MODEL}"

say() { printf '\033[1m[course]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[course] %s\033[0m\n' "$*" >&2; exit 1; }

apt_install() {  # apt_install PACKAGE...: Debian/Ubuntu packages, as root or through sudo; never inside conda
  # In the course's conda environment everything comes from environment.yml: a system package would be
  # a second copy the environment does not know about.
  [ -z "${CONDA_PREFIX:-}" ] || die "$* (Debian's names) missing in the conda environment $CONDA_PREFIX: run 'conda env update -f environment.yml' in the course folder, or install what they provide into the environment, then run the command again."
  command -v apt-get >/dev/null || die "$* missing and this system has no apt-get: install $* with its package manager, then run the command again."
  say "installing from Debian (only what is missing): $*"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq --no-upgrade "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq --no-upgrade "$@" >/dev/null
  fi || die "Could not install $*: run 'sudo apt-get install $*', then run the command again."
}

include_dirs() {  # where C/C++ headers are looked for: the conda environment's first, then the system's
  if [ -n "${CONDA_PREFIX:-}" ]; then echo "$CONDA_PREFIX/include"; fi
  echo /usr/include
  echo /usr/local/include
}
find_include() {  # find_include HEADER: the first include folder that holds HEADER (e.g. nlohmann/json.hpp)
  local dir
  for dir in $(include_dirs); do
    if [ -f "$dir/$1" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

# Portable stand-ins for GNU-only tools, so the same scripts run on macOS (see tests/test_stack.py).
sha256_of() {  # sha256_of FILE: the hex digest (sha256sum on Linux, shasum on macOS)
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}
sha256_text() {  # sha256_text < STDIN: the hex digest of what is read
  if command -v sha256sum >/dev/null 2>&1; then sha256sum | cut -d' ' -f1; else shasum -a 256 | cut -d' ' -f1; fi
}
file_size() { wc -c <"$1" | tr -d ' '; }  # bytes; stat's flags differ between GNU and BSD
cpu_count() { getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2; }

version_at_least() {  # version_at_least HAVE WANT: true when HAVE >= WANT, comparing numbers part by part
  local have=$1 want=$2 h w
  while [ -n "$have$want" ]; do
    h=${have%%.*}; w=${want%%.*}
    h=${h%%[!0-9]*}; w=${w%%[!0-9]*}
    if [ "${h:-0}" -ne "${w:-0}" ]; then [ "${h:-0}" -gt "${w:-0}" ]; return; fi
    case $have in *.*) have=${have#*.} ;; *) have="" ;; esac
    case $want in *.*) want=${want#*.} ;; *) want="" ;; esac
  done
  return 0
}

course_started() {  # course_started NAME MARK: $COURSE_RUN/NAME.pid names a live process whose command has MARK
  local pid
  [ -f "$COURSE_RUN/$1.pid" ] || return 1
  pid=$(cat "$COURSE_RUN/$1.pid")
  kill -0 "$pid" 2>/dev/null && ps -p "$pid" -o command= 2>/dev/null | grep -q -- "$2"
}
process_binary() {  # process_binary PID: the program a process runs (first word of its command line)
  ps -p "$1" -o command= 2>/dev/null | awk '{print $1}'
}

url_port() {  # url_port URL: the port of an http URL (80 when none is written)
  local rest=${1#*://}
  rest=${rest%%/*}
  case $rest in *:*) echo "${rest##*:}" ;; *) echo 80 ;; esac
}
url_is_local() {  # url_is_local URL: the host is this machine's loopback, where the course may start a service
  local rest=${1#*://}
  rest=${rest%%/*}
  case ${rest%:*} in 127.0.0.1 | localhost) return 0 ;; *) return 1 ;; esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = make ]; then
  # NAME:=value words for the Makefile's $(eval); values hold no spaces (course.env forbids them; a cache path
  # with a space would break make itself). The URLs under the names the notebooks read.
  for name in $(sed -n 's/^\([A-Z][A-Z0-9_]*\)=.*/\1/p' "$COURSE_ROOT/stack/course.env") COURSE_CACHE COURSE_RUN \
      OLLAMA_PORT CHROMA_PORT JUPYTER_PORT CHAT_PORT COURSE_CHAT_MODEL COURSE_BASE_MODEL; do
    printf '%s:=%s\n' "$name" "${!name}"
  done
  printf 'OLLAMA_BASE_URL:=%s\nCHROMA_URL:=%s\n' "$OLLAMA_URL" "$CHROMA_URL_LOCAL"
fi
