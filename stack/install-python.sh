#!/usr/bin/env bash
# Creates the course's Python venv (JupyterLab, nbclient and pytest that run the notebooks, Chroma, the
# JJava kernel, ruff) from the pinned lock file and installs the Java kernelspec into it.
# The venv lives in the cache, one per lock-file hash, and .venv links to it: a fresh clone with an
# unchanged lock file is ready at once instead of reinstalling 150 packages.
set -euo pipefail
source "$(dirname "$0")/config.sh"

lock="$COURSE_ROOT/stack/requirements.lock"
hash=$( { cat "$lock" "$COURSE_ROOT/stack/java-kernel.sh" "$COURSE_ROOT/stack/find-jdk.sh"; echo "pip==$PIP_VERSION"; python3 --version; } \
  | sha256_text | cut -c1-12)
target="$COURSE_CACHE/venv-$hash"

if [ ! -f "$target/.complete" ]; then
  say "creating the Python venv (once per lock file; about 2 minutes): $target"
  rm -rf "$target"
  python3 -m venv "$target"
  "$target/bin/python" -m pip install --quiet --upgrade "pip==$PIP_VERSION"
  "$target/bin/python" -m pip install --quiet --no-deps -r "$lock"
  "$target/bin/python" -m pip check >/dev/null || { "$target/bin/python" -m pip check; die "The venv's packages conflict: run 'make lock' to regenerate stack/requirements.lock."; }

  # The jjava wheel's kernelspec runs whatever 'java' is first on PATH with no options; ours picks
  # a JDK 17+ and sets the JVM options the lessons need. The jars stay where the wheel put them.
  spec="$target/share/jupyter/kernels/java"
  [ -f "$spec/jjava.jar" ] || die "The jjava wheel did not install its kernel into $spec."
  install -m 755 "$COURSE_ROOT/stack/java-kernel.sh" "$spec/course-java-kernel.sh"
  install -m 644 "$COURSE_ROOT/stack/find-jdk.sh" "$spec/find-jdk.sh"
  mkdir -p "$COURSE_CACHE/tmp" "$COURSE_CACHE/djl"
  cat > "$spec/kernel.json" <<JSON
{
  "argv": ["$spec/course-java-kernel.sh", "{resource_dir}", "{connection_file}"],
  "display_name": "Java (course)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "JJAVA_JVM_OPTS": "-ea -Xmx3g -XX:+UseSerialGC -Djava.awt.headless=true -Djava.io.tmpdir=$COURSE_CACHE/tmp",
    "DJL_CACHE_DIR": "$COURSE_CACHE/djl"
  },
  "metadata": {}
}
JSON
  touch "$target/.complete"
fi

if [ "$(readlink "$VENV" 2>/dev/null)" != "$target" ]; then
  [ -e "$VENV" ] && [ ! -L "$VENV" ] && die "$VENV is a real folder, not the course's link: remove it (rm -rf .venv) and run the command again."
  ln -sfn "$target" "$VENV"
fi
say "python venv: $VENV -> $target"
