#!/usr/bin/env bash
# Starts the JJava kernel on a JDK 17 or newer, even when the first 'java' on PATH is older.
#   course-java-kernel.sh RESOURCE_DIR CONNECTION_FILE
set -euo pipefail
resource_dir=$1
connection_file=$2

major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }

java_bin=""
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" \
                 "${CONDA_PREFIX:+$CONDA_PREFIX/bin/java}" /usr/lib/jvm/*/bin/java /opt/java/openjdk/bin/java; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  v=$(major "$candidate")
  if [ -n "$v" ] && [ "$v" -ge 17 ]; then java_bin=$candidate; break; fi
done
if [ -z "$java_bin" ]; then
  echo "The Java kernel needs a JDK 17 or newer and found none (looked at JAVA_HOME, PATH, /usr/lib/jvm): install one, e.g. 'apt-get install openjdk-17-jdk', and restart the kernel." >&2
  exit 1
fi
# The launcher starts the kernel JVM as plain 'java', so the chosen JDK goes first on PATH.
export PATH="$(dirname "$java_bin"):$PATH"
exec "$java_bin" -jar "$resource_dir/jjava-launcher.jar" "$resource_dir/jjava.jar" "$connection_file"
