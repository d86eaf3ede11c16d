#!/usr/bin/env bash
# The bench venv: torch, sentence-transformers, LlamaIndex and their pinned dependencies, installed from
# bench/requirements.lock once per lock-file hash into $COURSE_CACHE/bench-venv-<hash>, outside the checkout
# (about 4 minutes and 6-7 GB the first time, mostly the CUDA runtime that PyPI's torch wheel depends on).
#   bash bench/venv.sh        make sure the venv exists; prints its path on the last line of stdout
#   bash bench/venv.sh lock   regenerate bench/requirements.lock from bench/requirements.txt
set -euo pipefail
source "$(dirname "$0")/../stack/config.sh"
req="$COURSE_ROOT/bench/requirements.txt"
lock="$COURSE_ROOT/bench/requirements.lock"

if [ "${1:-}" = lock ]; then
  tmp="$COURSE_CACHE/bench-lock-venv"
  rm -rf "$tmp"
  python3 -m venv "$tmp"
  "$tmp/bin/python" -m pip install --quiet --upgrade "pip==$PIP_VERSION"
  "$tmp/bin/python" -m pip install --quiet -r "$req"
  { echo "# Exact versions of every package in the bench venv (generated from requirements.txt by 'bash bench/venv.sh lock')."
    "$tmp/bin/python" -m pip freeze --all | grep -v '^pip=='; } > "$lock"
  rm -rf "$tmp"
  say "bench/requirements.lock updated" >&2
  exit 0
fi

hash=$( { cat "$lock"; echo "pip==$PIP_VERSION"; python3 --version; } | sha256_text | cut -c1-12)
target="$COURSE_CACHE/bench-venv-$hash"
if [ ! -f "$target/.complete" ]; then
  say "creating the bench venv (once per lock file; a few minutes, about 7 GB): $target" >&2
  rm -rf "$target"
  python3 -m venv "$target"
  "$target/bin/python" -m pip install --quiet --upgrade "pip==$PIP_VERSION" >&2
  "$target/bin/python" -m pip install --quiet --no-deps -r "$lock" >&2
  "$target/bin/python" -m pip check >&2 || die "The bench venv's packages conflict: run 'bash bench/venv.sh lock' to regenerate bench/requirements.lock."
  touch "$target/.complete"
fi
say "bench venv: $target" >&2
echo "$target"
