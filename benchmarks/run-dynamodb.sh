#!/usr/bin/env bash
# The DynamoDB benchmark (issue 9): starts one target on a free loopback port, runs the load driver
# (io.portico.benchmarks.dynamodb.DynamoDbLoad) against it, stops it. Same driver, same workloads for
# every target; see benchmarks/README.md, "DynamoDB (issue 9)".
#
#   benchmarks/run-dynamodb.sh --target dynalite                 # the peer, in memory (npm ci on first use)
#   benchmarks/run-dynamodb.sh --target portico                  # the Portico server built from this tree
#   benchmarks/run-dynamodb.sh --target ceiling                  # the driver alone, against a trivial endpoint
#   benchmarks/run-dynamodb.sh --target dynalite --duration 20 --warmup 10 --concurrency 16 --items 10000,1000000
#   benchmarks/run-dynamodb.sh --target dynalite --workloads PutItem,Query --items 10000
#   benchmarks/run-dynamodb.sh --target portico --workloads StreamToHandler --rate 100 --batch-sizes 1,100
#
# Options after --target go to the driver: --duration S (measured, default 20), --warmup S (default 10),
# --concurrency N (workers = connections, default 16), --items N[,N...] (preload sizes, multiples of 100,
# default 10000,1000000), --workloads (default GetItem,UpdateItem,Query,PutItem,BatchWriteItem).
# --workloads StreamToHandler (alone) measures write-to-stream-handler latency instead: --rate writes/s
# (default 100), --batch-sizes (default 1,100), --warmup and --duration as above.
# Environment: SKIP_BUILD=1 uses the classes already built; MAVEN_OFFLINE=1 builds with mvn -o;
# PORTICO_JAVA_OPTS are the Portico server's JVM options. Output: results/dynamodb-<target>-<ts>.jsonl
# (one JSON line per figure) and .txt (the summary), and the server's log beside them.
# Exit status: the driver's (0 valid, 1 some request failed: figures invalid, 3 the target refused
# CreateTable, e.g. a Portico that does not serve DynamoDB yet, or a target without streams for StreamToHandler).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

target=""
driver_args=()
while (( $# )); do
  case "$1" in
    --target) target="${2:?--target needs dynalite, portico or ceiling}"; shift 2 ;;
    *) driver_args+=("$1"); shift ;;
  esac
done
case "$target" in
  dynalite|portico|ceiling) ;;
  *) echo "usage: $0 --target dynalite|portico|ceiling [--duration S --warmup S --concurrency N --items N[,N]]" >&2; exit 2 ;;
esac

cd "$repo"
source .ci/select-jdk.sh
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # Only the benchmarks module and what it depends on (the server among them); nothing is installed.
  mvn -B -q ${MAVEN_OFFLINE:+-o} -pl benchmarks -am package -DskipTests
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
ts="$(date -u +%Y%m%dT%H%M%SZ)"
results="$here/results"
mkdir -p "$results"
out="$results/dynamodb-$target-$ts"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

server_pid=0
data_dir=""
stop_server() {
  if (( server_pid > 0 )) && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n "$data_dir" ]]; then rm -rf "$data_dir"; fi
}
trap stop_server EXIT

# Waits until something accepts connections on $1, or the server process has died, or 60 s passed.
wait_for_port() {
  for _ in $(seq 600); do
    if (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "$target exited before it listened; see $out.log" >&2; exit 4; fi
    sleep 0.1
  done
  echo "$target did not listen on port $1 within 60 s; see $out.log" >&2; exit 4
}

port=0
version="?"
case "$target" in
  dynalite)
    command -v node >/dev/null || { echo "node (>= 20) is required for dynalite" >&2; exit 2; }
    peer="$here/peer-dynalite"
    pinned="$(node -p "require('$peer/package.json').dependencies.dynalite")"
    installed="$(node -p "try { require('$peer/node_modules/dynalite/package.json').version } catch { '' }")"
    if [[ "$installed" != "$pinned" ]]; then
      (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    version="$pinned"
    port="$(free_port)"
    # No --path: dynalite keeps its LevelDB in memory (memory-level), the configuration the issue names.
    node "$peer/node_modules/dynalite/cli.js" --host 127.0.0.1 --port "$port" > "$out.log" 2>&1 &
    server_pid=$!
    wait_for_port "$port"
    ;;
  portico)
    jar="$repo/portico-server/target/portico-server.jar"
    [[ -f "$jar" ]] || { echo "no $jar: build without SKIP_BUILD=1" >&2; exit 2; }
    version="$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- . 2>/dev/null || echo '+dirty')"
    port="$(free_port)"
    data_dir="$(mktemp -d -t portico-dynamodb-bench.XXXXXX)" # fresh: durable state from an earlier run would skew it
    # No --credentials: signatures are not verified, like dynalite's.
    # shellcheck disable=SC2086
    "$JAVA_HOME/bin/java" ${PORTICO_JAVA_OPTS:-} -jar "$jar" server --port "$port" --app-port "$(free_port)" \
      --data-dir "$data_dir" > "$out.log" 2>&1 &
    server_pid=$!
    wait_for_port "$port"
    ;;
esac

{
  echo "# $target $version; $(nproc) cpus: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1);" \
       "$(free -g | awk '/^Mem:/ { print $2 " GiB" }') memory; java $("$JAVA_HOME/bin/java" -version 2>&1 | head -1);" \
       "node $(node --version 2>/dev/null || echo none)"
  echo "# uptime:$(uptime)"
} | tee "$out.txt" >&2

set +e
"$JAVA_HOME/bin/java" -Xms256m -Xmx1g -cp "$cp" io.portico.benchmarks.dynamodb.DynamoDbLoad \
  --target "$target" --version "$version" --port "$port" --server-pid "$server_pid" \
  "${driver_args[@]}" --out "$out.jsonl" | tee -a "$out.txt"
status=${PIPESTATUS[0]}
set -e
echo "# uptime after:$(uptime)" | tee -a "$out.txt" >&2
echo "results: $out.jsonl, $out.txt, server log $out.log" >&2
exit "$status"
