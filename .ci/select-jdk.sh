# Sourced by ./portico and .ci/run: exports JAVA_HOME as a JDK 21 or newer.
# JAVA_HOME wins if it is 21+; otherwise the newest JDK under /usr/lib/jvm.

portico_java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

portico_select_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    local current
    current=$(portico_java_major "$JAVA_HOME")
    if [[ -n "$current" ]] && (( current >= 21 )); then
      return 0
    fi
  fi
  local best="" best_version=0 dir version
  for dir in /usr/lib/jvm/*; do
    [[ -x "$dir/bin/java" && -x "$dir/bin/javac" ]] || continue
    version=$(portico_java_major "$dir")
    [[ -n "$version" ]] || continue
    if (( version >= 21 && version > best_version )); then
      best="$dir"
      best_version=$version
    fi
  done
  if [[ -z "$best" ]]; then
    echo "portico: a JDK 21 or newer is required; set JAVA_HOME to one" >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

portico_select_jdk
export PATH="$JAVA_HOME/bin:$PATH"
