#!/usr/bin/env bash
# Builds Ollama from its Go module with cgo (CPU engine), once per machine.
# The binary is cached under $COURSE_CACHE; when it is there this script returns at once.
set -euo pipefail
source "$(dirname "$0")/config.sh"

if [ -x "$OLLAMA_BIN" ] && "$OLLAMA_BIN" --version 2>/dev/null | grep -q "$OLLAMA_VERSION"; then
  say "ollama $OLLAMA_VERSION: cached at $OLLAMA_BIN"
  exit 0
fi

command -v go >/dev/null || die "Go is not installed: install Go 1.24+ (https://go.dev/dl) and run 'make up' again."
command -v g++ >/dev/null || die "A C++ compiler is missing: run 'apt-get install -y g++' and then 'make up' again."

# The module zip leaves out llama.cpp's vendor/ folder. Four headers are needed from it:
# nlohmann/json.hpp + json_fwd.hpp and stb/stb_image.h come from Debian, miniaudio.h from the
# miniaudio sdist on PyPI (pinned below). They are assembled into one include folder.
VENDOR="$COURSE_CACHE/ollama-$OLLAMA_VERSION/vendor"
MINIAUDIO_SDIST="miniaudio-1.71.tar.gz"
MINIAUDIO_SHA256="ff51e2887bb673e2e757752b586b3dc924d59aa5fbcae9bbc45f4a111bd3262b"

if [ ! -f /usr/include/nlohmann/json.hpp ] || [ ! -f /usr/include/stb/stb_image.h ]; then
  say "installing C++ headers from Debian: nlohmann-json3-dev libstb-dev"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq nlohmann-json3-dev libstb-dev >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq nlohmann-json3-dev libstb-dev >/dev/null
  fi || die "Could not install nlohmann-json3-dev and libstb-dev: run 'sudo apt-get install nlohmann-json3-dev libstb-dev' and then 'make up' again."
fi

mkdir -p "$VENDOR/nlohmann" "$VENDOR/stb" "$VENDOR/miniaudio" "$COURSE_CACHE/sdist"
cp -r /usr/include/nlohmann/. "$VENDOR/nlohmann/"
cp /usr/include/stb/stb_image.h "$VENDOR/stb/"
if [ ! -f "$VENDOR/miniaudio/miniaudio.h" ]; then
  sdist="$COURSE_CACHE/sdist/$MINIAUDIO_SDIST"
  if [ ! -f "$sdist" ]; then
    say "fetching $MINIAUDIO_SDIST from PyPI (for its miniaudio.h header)"
    python3 -m pip download --quiet --no-deps --no-binary :all: --no-build-isolation \
      -d "$COURSE_CACHE/sdist" "miniaudio==1.71" 2>/dev/null || true
    # --no-build-isolation may fail to prepare metadata; the sdist is saved before that matters.
    [ -f "$sdist" ] || python3 -m pip download --quiet --no-deps --no-binary :all: -d "$COURSE_CACHE/sdist" "miniaudio==1.71"
  fi
  echo "$MINIAUDIO_SHA256  $sdist" | sha256sum -c --quiet - || die "$sdist does not match its pinned sha256: delete it and run 'make up' again."
  tar -xzf "$sdist" -O "miniaudio-1.71/miniaudio/miniaudio.h" > "$VENDOR/miniaudio/miniaudio.h"
fi

say "building ollama $OLLAMA_VERSION from source (once per machine; about 5-15 minutes on 2 cores)"
export CGO_ENABLED=1
export CGO_CPPFLAGS="-I$VENDOR"
export CGO_CFLAGS="-O3 -march=native"
export CGO_CXXFLAGS="-O3 -march=native"
export GOFLAGS="-mod=mod"
export GOBIN="$OLLAMA_BIN_DIR"
mkdir -p "$OLLAMA_BIN_DIR"
log="$COURSE_CACHE/ollama-$OLLAMA_VERSION/build.log"
start=$(date +%s)
# -x prints every compiler call: counting them in the log gives a progress line (about 275 C/C++
# files at v0.24.0). On a terminal the line updates in place; in a CI log it is printed every 30 s.
go install -x -ldflags "-X=github.com/ollama/ollama/version.Version=$OLLAMA_VERSION" \
  "github.com/ollama/ollama@v$OLLAMA_VERSION" > "$log" 2>&1 &
pid=$!
ticks=0
while kill -0 "$pid" 2>/dev/null; do
  files=$(grep -E '(^| )(gcc|g\+\+) .* -c ' "$log" 2>/dev/null | grep -vc -- '-o /dev/null' || true)
  line="compiling Ollama: $files of ~275 C/C++ files, $(( $(date +%s) - start ))s"
  if [ -t 1 ]; then printf '\r[course] %s ' "$line"; elif (( ticks % 6 == 0 )); then echo "[course] $line"; fi
  ticks=$((ticks + 1))
  sleep 5
done
echo
if ! wait "$pid"; then
  tail -30 "$log" >&2
  die "Building ollama failed (full log: $log). Check that g++ and Go 1.24+ are installed, then run 'make up' again."
fi
"$OLLAMA_BIN" --version >/dev/null 2>&1 || true
say "ollama $OLLAMA_VERSION built in $(( $(date +%s) - start ))s: $OLLAMA_BIN"
