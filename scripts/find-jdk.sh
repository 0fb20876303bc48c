#!/usr/bin/env bash
# Sourced by ./metron and ./run-tests. Finds a JDK 25 (or newer) and exports JAVA_HOME,
# looking at $JAVA_HOME, then `java` on the PATH, then /usr/lib/jvm/*. Fails with a clear
# message when none is found, because Maven on the default Java 17 would fail far less clearly.

metron_java_major() {
  # Prints the feature version of the java binary given as $1 (e.g. 25), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

metron_find_jdk() {
  local candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/*; do candidates+=("$candidate"); done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(metron_java_major "$candidate/bin/java")
    major=${major%%.*}
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  {
    echo "metron: no JDK 25 found."
    echo "  Looked at \$JAVA_HOME (${JAVA_HOME:-unset}), the java on PATH, and /usr/lib/jvm/*."
    echo "  Install a JDK 25 (e.g. Temurin 25) or set JAVA_HOME to one, then try again."
  } >&2
  return 1
}
