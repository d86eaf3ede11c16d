#!/usr/bin/env bash
# Starts the JJava kernel on a JDK 17 or newer, even when the first 'java' on PATH is older.
#   course-java-kernel.sh RESOURCE_DIR CONNECTION_FILE
# install-python.sh copies this file and find-jdk.sh into the kernelspec folder.
set -euo pipefail
resource_dir=$1
connection_file=$2
# shellcheck source=stack/find-jdk.sh
source "$(dirname "$0")/find-jdk.sh"

if ! java_bin=$(find_jdk java); then
  echo "The Java kernel needs a JDK 17 or newer and found none (looked at JAVA_HOME, PATH, /usr/lib/jvm, /Library/Java): install one, e.g. 'apt-get install openjdk-17-jdk', and restart the kernel." >&2
  exit 1
fi
# The launcher starts the kernel JVM as plain 'java', so the chosen JDK goes first on PATH.
PATH="$(dirname "$java_bin"):$PATH"
export PATH
exec "$java_bin" -jar "$resource_dir/jjava-launcher.jar" "$resource_dir/jjava.jar" "$connection_file"
