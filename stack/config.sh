# Shared settings for the stack scripts. Sourced, never run.
# Everything that is slow to fetch or build lives under COURSE_CACHE, outside the checkout,
# so a fresh clone (CI) on the same machine reuses it.
COURSE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COURSE_CACHE="${COURSE_CACHE:-$HOME/.cache/genai-java-course}"
COURSE_RUN="${COURSE_RUN:-$COURSE_CACHE/run}"

OLLAMA_VERSION="0.24.0"
OLLAMA_BIN_DIR="$COURSE_CACHE/ollama-$OLLAMA_VERSION/bin"
OLLAMA_BIN="$OLLAMA_BIN_DIR/ollama"
OLLAMA_PORT="${OLLAMA_PORT:-11434}"
OLLAMA_MODELS_DIR="$COURSE_CACHE/ollama-models"

CHROMA_PORT="${CHROMA_PORT:-8000}"
CHROMA_DATA_DIR="$COURSE_CACHE/chroma-data"

JUPYTER_PORT="${JUPYTER_PORT:-8888}"

VENV="$COURSE_ROOT/.venv"

COURSE_CHAT_MODEL="${COURSE_CHAT_MODEL:-smollm2-135m-instruct}"
COURSE_BASE_MODEL="${COURSE_BASE_MODEL:-gemma3-270m-base}"

say() { printf '\033[1m[course]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[course] %s\033[0m\n' "$*" >&2; exit 1; }
