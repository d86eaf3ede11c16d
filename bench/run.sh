#!/usr/bin/env bash
# make bench: builds what the benchmark needs (the bench venv, the Java worker, the bandwidth probe) and
# runs bench/python/run.py (as 'python -m bench.python.run' from the root, so it imports stack/course_env.py),
# which measures, writes bench/results/ and updates the README's Performance section. Expects the services up
# and lib/ built (the Makefile's bench target does both first).
set -euo pipefail
source "$(dirname "$0")/../stack/config.sh"
cd "$COURSE_ROOT"

# A JDK 17+ with javac, chosen by the same lookup as the course's kernel.
# shellcheck source=stack/find-jdk.sh
source stack/find-jdk.sh
java_bin=$(find_jdk javac) || die "make bench needs a JDK 17 or newer (java and javac): install one, e.g. 'apt-get install openjdk-17-jdk'."
[ -f lib/target/genai-course-lib.jar ] || die "The course library is not built: run 'make lib' (make bench does it)."
[ -f lib-train/target/genai-course-train.jar ] || die "The training module (lesson 11) is not built: run 'make lib-train' (make bench does it)."
command -v gcc >/dev/null || die "make bench needs gcc for its memory-bandwidth probe: apt-get install gcc"

venv=$(bash bench/venv.sh | tail -1)
out="$COURSE_ROOT/build/bench"
mkdir -p "$out/classes" "$out/logs"
say "compiling the Java benchmark worker (bench/java) against lib/target/classpath"
"$(dirname "$java_bin")/javac" --release 17 -nowarn -d "$out/classes" \
  -cp "lib/target/classpath/*:lib/target/genai-course-lib.jar:lib-train/target/classpath/*:lib-train/target/genai-course-train.jar" \
  bench/java/BenchWorker.java bench/java/LoraBench.java
gcc -O3 -march=native -fopenmp bench/c/membw.c -o "$out/membw"

export BENCH_JAVA="$java_bin" COURSE_CACHE
export MPLCONFIGDIR="$COURSE_CACHE/bench-matplotlib" MPLBACKEND=Agg
exec "$venv/bin/python" -m bench.python.run
