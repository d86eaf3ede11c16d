#!/usr/bin/env bash
# Makes an Ollama binary ready for the course and records it in $COURSE_RUN/ollama-binary (see ollama.sh):
#   1. an 'ollama' on PATH, OLLAMA_MIN_VERSION or newer, installed by the learner: used, nothing is built;
#   2. none, but a server not started by the course already answers at OLLAMA_BASE_URL with the models
#      the course asks for: nothing is needed (no binary is recorded);
#   3. else Ollama built from its Go module with cgo (CPU engine) for this machine's CPU target, once:
#      the binary is cached under $COURSE_CACHE/ollama-<version>/build-<key>, where the key covers the
#      compiler, the flags and the CPU features they turn on (stack/cpu-target.sh), so a cache shared
#      with another machine builds anew for a CPU it does not match instead of crashing on it.
#   install-ollama.sh          as above
#   install-ollama.sh --plan   only prints what it would use or build ("installed PATH", "none",
#                              "cached PATH" or "build PATH") and changes nothing
# OLLAMA_CPU_FLAGS overrides the compiler target, e.g. OLLAMA_CPU_FLAGS=-march=x86-64-v3 for a binary
# that runs on any CPU with AVX2.
set -euo pipefail
here="$(dirname "$0")"
source "$here/config.sh"
source "$here/ollama.sh"
plan=${1:-}
mkdir -p "$COURSE_RUN"

record() { [ -n "$plan" ] || printf '%s\n' "$1" >"$OLLAMA_BINARY_RECORD"; }

if bin=$(installed_ollama); then
  if [ -n "$plan" ]; then echo "installed $bin"; exit 0; fi
  say "ollama $(client_version "$bin") found on PATH ($bin): the course uses it, nothing to build"
  record "$bin"
  exit 0
fi

if ! course_started ollama ollama && server_version "$OLLAMA_URL" >/dev/null \
   && server_has_model "$OLLAMA_URL" "$COURSE_CHAT_MODEL" && server_has_model "$OLLAMA_URL" "$COURSE_BASE_MODEL"; then
  if [ -n "$plan" ]; then echo "none"; exit 0; fi
  say "ollama: the server at $OLLAMA_URL already has $COURSE_CHAT_MODEL and $COURSE_BASE_MODEL: nothing to build"
  record ""
  exit 0
fi

[ "$(uname -s)" = Linux ] || die "No Ollama $OLLAMA_MIN_VERSION or newer on PATH: install it from https://ollama.com/download and run the command again (the course builds Ollama from source on Linux only)."
# cgo compiles with $CC and $CXX when they are set (a conda environment's compiler packages set them to
# prefixed names such as x86_64-conda-linux-gnu-cc), else gcc and g++; cpu-target.sh uses the same.
cc_bin=${CC:-gcc}
cxx_bin=${CXX:-g++}
if ! command -v "${cc_bin%% *}" >/dev/null || ! command -v "${cxx_bin%% *}" >/dev/null; then
  if [ -n "${CONDA_PREFIX:-}" ]; then
    die "A C/C++ compiler is missing (CC=$cc_bin, CXX=$cxx_bin): in the conda environment, install Ollama itself instead ('conda env update -f environment.yml' brings ollama $OLLAMA_VERSION), or 'conda install -c conda-forge cxx-compiler', then 'make up' again."
  fi
  die "A C/C++ compiler is missing (CC=$cc_bin, CXX=$cxx_bin): run 'apt-get install -y g++' and then 'make up' again."
fi

# The target: this machine's CPU minus what the cgo build cannot link (cpu-target.sh), unless chosen.
# shellcheck disable=SC2086  # the flags are a word list
if [ -n "${OLLAMA_CPU_FLAGS:-}" ]; then flags=$OLLAMA_CPU_FLAGS; else flags=$(bash "$here/cpu-target.sh" flags native); fi
# shellcheck disable=SC2086
key=$(bash "$here/cpu-target.sh" key $flags)
build="$OLLAMA_HOME/build-$key"
bin="$build/bin/ollama"

if [ -x "$bin" ] && [ -f "$build/target.env" ]; then
  if [ -n "$plan" ]; then echo "cached $bin"; exit 0; fi
  say "ollama $OLLAMA_VERSION: cached at $bin (built for $flags)"
  record "$bin"
  exit 0
fi
if [ -n "$plan" ]; then echo "build $bin"; exit 0; fi

command -v go >/dev/null || die "Go is not installed: install Go 1.26 or newer (https://go.dev/dl), or an Ollama $OLLAMA_MIN_VERSION+ (https://ollama.com/download), then run 'make up' again."
go_minor=$(go env GOVERSION | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
[ "${go_minor:-0}" -ge 21 ] || die "Go $(go env GOVERSION) is too old to fetch the Go 1.26 that Ollama $OLLAMA_VERSION needs: install Go 1.26 or newer (https://go.dev/dl), then run 'make up' again."

# The module zip leaves out llama.cpp's vendor/ folder. Four headers are needed from it:
# nlohmann/json.hpp + json_fwd.hpp and stb/stb_image.h come from the system (Debian's nlohmann-json3-dev
# and libstb-dev) or the conda environment ($CONDA_PREFIX/include, looked at first), miniaudio.h from the
# miniaudio sdist on PyPI (pinned below). They are assembled into one include folder.
VENDOR="$OLLAMA_HOME/vendor"
MINIAUDIO_SDIST="miniaudio-1.71.tar.gz"
MINIAUDIO_SHA256="ff51e2887bb673e2e757752b586b3dc924d59aa5fbcae9bbc45f4a111bd3262b"

if ! find_include nlohmann/json.hpp >/dev/null || ! find_include stb/stb_image.h >/dev/null; then
  apt_install nlohmann-json3-dev libstb-dev
fi
json_dir=$(find_include nlohmann/json.hpp) || die "nlohmann/json.hpp is in none of $(include_dirs | tr '\n' ' '): install nlohmann-json3-dev, then run 'make up' again."
stb_dir=$(find_include stb/stb_image.h) || die "stb/stb_image.h is in none of $(include_dirs | tr '\n' ' '): install libstb-dev, then run 'make up' again."

mkdir -p "$VENDOR/nlohmann" "$VENDOR/stb" "$VENDOR/miniaudio" "$COURSE_CACHE/sdist"
cp -r "$json_dir/nlohmann/." "$VENDOR/nlohmann/"
cp "$stb_dir/stb/stb_image.h" "$VENDOR/stb/"
if [ ! -f "$VENDOR/miniaudio/miniaudio.h" ]; then
  sdist="$COURSE_CACHE/sdist/$MINIAUDIO_SDIST"
  if [ ! -f "$sdist" ]; then
    say "fetching $MINIAUDIO_SDIST from PyPI (for its miniaudio.h header)"
    python3 -m pip download --quiet --no-deps --no-binary :all: --no-build-isolation \
      -d "$COURSE_CACHE/sdist" "miniaudio==1.71" 2>/dev/null || true
    # --no-build-isolation may fail to prepare metadata; the sdist is saved before that matters.
    [ -f "$sdist" ] || python3 -m pip download --quiet --no-deps --no-binary :all: -d "$COURSE_CACHE/sdist" "miniaudio==1.71"
  fi
  [ "$(sha256_of "$sdist")" = "$MINIAUDIO_SHA256" ] || die "$sdist does not match its pinned sha256: delete it and run 'make up' again."
  tar -xzf "$sdist" -O "miniaudio-1.71/miniaudio/miniaudio.h" > "$VENDOR/miniaudio/miniaudio.h"
fi

say "building ollama $OLLAMA_VERSION from source for $flags (once per CPU target; about 4-15 minutes on 2 cores)"
export CGO_ENABLED=1
export CGO_CPPFLAGS="-I$VENDOR"
export CGO_CFLAGS="-O3 $flags"
export CGO_CXXFLAGS="-O3 $flags"
export GOFLAGS="-mod=mod"
export GOBIN="$build/bin.partial"
rm -rf "$GOBIN"
mkdir -p "$GOBIN"
log="$build/build.log"
start=$(date +%s)
# -x prints every compiler call: counting them in the log gives a progress line (about 275 C/C++
# files at v0.24.0). On a terminal the line updates in place; in a CI log it is printed every 30 s.
"${GO:-go}" install -x -ldflags "-X=github.com/ollama/ollama/version.Version=$OLLAMA_VERSION" \
  "github.com/ollama/ollama@v$OLLAMA_VERSION" > "$log" 2>&1 &
pid=$!
ticks=0
# The compilers' names as they appear in go's -x log, '+' escaped for grep -E (x86_64-conda-linux-gnu-c++).
cc_name=${cc_bin%% *}; cxx_name=${cxx_bin%% *}; cc_name=${cc_name##*/}; cxx_name=${cxx_name##*/}
compilers="${cc_name//+/\\+}|${cxx_name//+/\\+}"
while kill -0 "$pid" 2>/dev/null; do
  files=$(grep -E "(^| )(gcc|g\+\+|$compilers) .* -c " "$log" 2>/dev/null | grep -vc -- '-o /dev/null' || true)
  line="compiling Ollama: $files of ~275 C/C++ files, $(( $(date +%s) - start ))s"
  if [ -t 1 ]; then printf '\r[course] %s ' "$line"; elif (( ticks % 6 == 0 )); then echo "[course] $line"; fi
  ticks=$((ticks + 1))
  sleep 5
done
echo
if ! wait "$pid"; then
  # The compiler's, linker's or Go's own first error, not a guess: a missing header, an undefined
  # symbol for this CPU target, a module that could not be downloaded.
  first=$(grep -v '^go: downloading' "$log" | grep -m1 -E 'error:|undefined reference|No such file|cannot find|^go: |\.go:[0-9]+:[0-9]+: ' || tail -1 "$log")
  die "Building ollama for $flags failed: ${first} (full log: $log)"
fi
[ -x "$GOBIN/ollama" ] || die "go install finished without writing $GOBIN/ollama (full log: $log)."
rm -rf "${build:?}/bin"
mv "$GOBIN" "$build/bin"
seconds=$(( $(date +%s) - start ))
# shellcheck disable=SC2086
{ bash "$here/cpu-target.sh" describe $flags; echo "BUILD_SECONDS=$seconds"; echo "BUILT_AT=$(date -u +%Y-%m-%dT%H:%MZ)"; } >"$build/target.env"
record "$bin"
say "ollama $OLLAMA_VERSION built for $flags in ${seconds}s: $bin"
