#!/usr/bin/env bash
# Measures two commits back to back with the same harness on this machine: StartSyncExecution round
# trip (SyncRoundTripBenchmark.execution) and warm Invoke round trip (LambdaInvokeBenchmark), both
# through the official SDK clients over loopback, in sample mode (p50/p99). Each commit is built in a
# worktree of its own (nothing is installed into ~/.m2), and the runs alternate OLD, NEW, OLD, NEW so a
# machine that slows down mid-run penalises both.
#
#   benchmarks/compare-commits.sh dd7995a HEAD          # from the repository root or anywhere
#   QUICK=1 benchmarks/compare-commits.sh dd7995a HEAD  # shorter iterations (a smoke run)
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

for round in 1 2; do
  echo "== round $round: $old"; run old "$cp_old" "$round"
  echo "== round $round: $new"; run new "$cp_new" "$round"
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
PY
