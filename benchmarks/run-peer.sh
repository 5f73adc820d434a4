#!/usr/bin/env bash
# Runs the peer side of the Step Functions benchmark (aws-local-stepfunctions)
# on the shared workloads in benchmarks/machines/ and writes one JSON line per
# (workload, concurrency) to benchmarks/results/peer-<UTC timestamp>.jsonl.
#
#   benchmarks/run-peer.sh                      # defaults: 3 s warm-up, 10 s measured, concurrency 1 and 16
#   benchmarks/run-peer.sh --duration 30 --warmup 5 --concurrency 1,4,16
#   benchmarks/run-peer.sh --workloads pass-choice-10
#
# All arguments are passed to peer/bench.mjs. Before timing, the peer's output for
# every workload is checked against machines/*.expected.json and its StateEntered
# event count against machines/workloads.json; the script stops if either differs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer="$here/peer"
results="$here/results"

command -v node >/dev/null || { echo "node is required (>= 20)" >&2; exit 2; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if (( node_major < 20 )); then
  echo "node >= 20 required, found $(node --version)" >&2; exit 2
fi

# Install exactly what package-lock.json pins, unless that version is already installed.
pinned="$(node -p "require('$peer/package.json').dependencies['aws-local-stepfunctions']")"
installed="$(node -p "try { require('$peer/node_modules/aws-local-stepfunctions/package.json').version } catch { '' }")"
if [[ "$installed" != "$pinned" ]]; then
  (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error)
fi

mkdir -p "$results"
out="$results/peer-$(date -u +%Y%m%dT%H%M%SZ).jsonl"

{
  echo "# node $(node --version), nproc $(nproc 2>/dev/null || echo '?'), cpu: $( (lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1) || echo '?')"
  echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
} >&2

# Correctness first (same expected outputs the Java side checks).
(cd "$peer" && node bench.mjs --verify) >&2

(cd "$peer" && node --expose-gc bench.mjs "$@") | tee "$out"
echo "results written to $out" >&2
