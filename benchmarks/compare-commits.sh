#!/usr/bin/env bash
# Measures two commits back to back with the same harness on this machine: StartSyncExecution round
# trip (SyncRoundTripBenchmark.execution) and warm Invoke round trip (LambdaInvokeBenchmark), both
# through the official SDK clients over loopback, in sample mode (p50/p99). Each commit is built in a
# worktree of its own (nothing is installed into ~/.m2), and the runs alternate OLD, NEW, OLD, NEW so a
# machine that slows down mid-run penalises both.
#
#   benchmarks/compare-commits.sh dd7995a HEAD          # from the repository root or anywhere
#   QUICK=1 benchmarks/compare-commits.sh dd7995a HEAD  # shorter iterations (a smoke run)
#   THROUGHPUT=1 benchmarks/compare-commits.sh ...      # also engine throughput, alternating the same way:
#       EXPRESS transitions/s in process (ExpressTransitionsBenchmark) and durable STANDARD transitions/s
#       with 64 executions at once (StandardTransitionsBenchmark), as in run-states.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"
source .ci/select-jdk.sh
source "$here/worktrees.sh"
old="${1:?old commit}"; new="${2:?new commit}"
ts="$(date -u +%Y%m%dT%H%M%SZ)"
results="$here/results"; mkdir -p "$results"

if [[ "${QUICK:-0}" == 1 ]]; then
  args=(-f 1 -wi 1 -w 3s -i 2 -r 3s)
else
  args=(-f 1 -wi 5 -w 5s -i 5 -r 5s)
fi

echo "== building $old and $new"
cp_old="$(build_commit "$old")"; cp_new="$(build_commit "$new")"

run() { # label classpath round
  local out="$results/compare-$1-$3-$ts.json"
  java -cp "$2" org.openjdk.jmh.Main 'SyncRoundTripBenchmark.execution|LambdaInvokeBenchmark' "${args[@]}" \
    -t 1 -bm sample -tu us -rf json -rff "$out" >/dev/null
  echo "$out"
}

throughput() { # label classpath round
  local out="$results/compare-tp-$1-$3-$ts.json"
  java -cp "$2" -Dportico.bench.machines="$here/machines" org.openjdk.jmh.Main ExpressTransitionsBenchmark \
    "${args[@]}" -t 1 -rf json -rff "$out.express" >/dev/null
  java -cp "$2" -Dportico.bench.machines="$here/machines" org.openjdk.jmh.Main StandardTransitionsBenchmark \
    "${args[@]}" -t 64 -rf json -rff "$out.standard" >/dev/null
  echo "$out"
}

for round in 1 2; do
  echo "== round $round: $old"; run old "$cp_old" "$round"
  echo "== round $round: $new"; run new "$cp_new" "$round"
  if [[ "${THROUGHPUT:-0}" == 1 ]]; then
    echo "== round $round: $old throughput"; throughput old "$cp_old" "$round"
    echo "== round $round: $new throughput"; throughput new "$cp_new" "$round"
  fi
done

python3 - "$results" "$ts" "$old" "$new" <<'PY' | tee "$results/compare-summary-$ts.txt"
import json, os, platform, sys
results, ts, old, new = sys.argv[1:5]
def p(label, rnd):
    out = {}
    for b in json.load(open(os.path.join(results, f"compare-{label}-{rnd}-{ts}.json"))):
        name = b["benchmark"].rsplit(".", 2)[-2]
        out[name] = b["primaryMetric"]["scorePercentiles"]
    return out
print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}; "
      f"load {open('/proc/loadavg').read().split()[:3]}")
for name in ("SyncRoundTripBenchmark", "LambdaInvokeBenchmark"):
    for rnd in (1, 2):
        o, n = p("old", rnd)[name], p("new", rnd)[name]
        print(f"{name} round {rnd}: {old} p50 {o['50.0']:.1f} us p99 {o['99.0']:.1f} us | "
              f"{new} p50 {n['50.0']:.1f} us p99 {n['99.0']:.1f} us | new/old p50 {n['50.0'] / o['50.0']:.2f}")
def tp(label, rnd, kind):
    path = os.path.join(results, f"compare-tp-{label}-{rnd}-{ts}.json.{kind}")
    if not os.path.exists(path):
        return {}
    return {f"{kind} {b['benchmark'].rsplit('.', 1)[-1]} {b.get('params', {}).get('workload', '')}".strip():
            b["primaryMetric"]["score"] for b in json.load(open(path))}
for rnd in (1, 2):
    for kind in ("express", "standard"):
        o, n = tp("old", rnd, kind), tp("new", rnd, kind)
        for name in sorted(o):
            if name in n:
                print(f"{name} round {rnd}: {old} {o[name]:,.0f} | {new} {n[name]:,.0f} ops/s | new/old {n[name] / o[name]:.2f}")
PY
