# shellcheck shell=bash
# find_jdk java|javac: prints the path of a 'java' from a JDK 17 or newer, or returns 1 with nothing printed.
# With 'javac', only a JDK whose javac sits next to its java counts (compiling needs it; the kernel does not).
# Sourced by stack/java-kernel.sh (the Java kernel's launcher, installed next to this file in the kernelspec)
# and by bench/run.sh, so the kernel and the benchmark pick the same JDK. Looks at JAVA_HOME, PATH, conda,
# then the usual install folders of Debian/Ubuntu, the Temurin image, macOS and Homebrew.
find_jdk() {
  local need=$1 candidate v
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" \
                   "${CONDA_PREFIX:+$CONDA_PREFIX/bin/java}" /usr/lib/jvm/*/bin/java /opt/java/openjdk/bin/java \
                   "$( { /usr/libexec/java_home -v 17+ 2>/dev/null || true; } | sed 's|$|/bin/java|')" \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java /opt/homebrew/opt/openjdk*/bin/java \
                   /usr/local/opt/openjdk*/bin/java; do
    if [ -z "$candidate" ] || [ ! -x "$candidate" ]; then continue; fi
    if [ "$need" = javac ] && [ ! -x "$(dirname "$candidate")/javac" ]; then continue; fi
    v=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)
    if [ -n "$v" ] && [ "$v" -ge 17 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
