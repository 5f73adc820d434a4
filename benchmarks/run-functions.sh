#!/usr/bin/env bash
# The Lambda benchmarks (issue 3) in one run on this machine, every call through the official SDK
# clients over loopback to a real Portico (no peer is named for these targets):
#   warm Invoke round trip (1 thread, sample mode: p50/p90/p99), warm Invoke throughput (16 threads),
#   cold start of a new environment, and Lambda-task transitions in EXPRESS (16 threads)
#   -> results/lambda-*-<ts>.json and a summary in results/lambda-summary-<ts>.txt
#
#   benchmarks/run-functions.sh            # from the repository root or anywhere
#   QUICK=1 benchmarks/run-functions.sh    # shorter iterations (a smoke run; figures are noisier)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh"

if [[ "${QUICK:-0}" == 1 ]]; then
  warm=(-f 1 -wi 1 -w 3s -i 2 -r 3s); busy=("${warm[@]}"); shots=(-f 1 -wi 2 -i 5)
else
  # 16 client threads and the server share 2 cores: throughput keeps climbing for about a minute.
  warm=(-f 1 -wi 5 -w 5s -i 5 -r 5s); busy=(-f 1 -wi 12 -w 5s -i 5 -r 5s); shots=(-f 1 -wi 3 -i 20)
fi

jmh() { java -cp "$cp" org.openjdk.jmh.Main "$@"; }

echo "== warm Invoke, 1 thread (sample)"
jmh LambdaInvokeBenchmark "${warm[@]}" -t 1 -bm sample -rf json -rff "$results/lambda-latency-$ts.json"
echo "== warm Invoke, 16 threads (throughput)"
jmh LambdaInvokeBenchmark "${busy[@]}" -t 16 -bm thrpt -tu s -rf json -rff "$results/lambda-throughput-$ts.json"
echo "== cold start"
jmh LambdaColdStartBenchmark "${shots[@]}" -rf json -rff "$results/lambda-coldstart-$ts.json"
echo "== Lambda-task transitions in EXPRESS, 16 threads"
jmh LambdaTaskBenchmark "${busy[@]}" -t 16 -rf json -rff "$results/lambda-task-$ts.json"

python3 - "$results" "$ts" <<'PY' | tee "$results/lambda-summary-$ts.txt"
import json, os, platform, sys
results, ts = sys.argv[1:3]
def first(name):
    return json.load(open(os.path.join(results, f"lambda-{name}-{ts}.json")))[0]["primaryMetric"]
print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}; "
      f"load {open('/proc/loadavg').read().split()[:3]}")
latency = first("latency")
p = latency["scorePercentiles"]
unit = latency["scoreUnit"]
print(f"warm Invoke, 1 thread: p50 {p['50.0']:.3f} {unit}, p90 {p['90.0']:.3f}, p99 {p['99.0']:.3f}, p99.9 {p['99.9']:.3f}")
t = first("throughput")
print(f"warm Invoke, 16 threads: {t['score']:,.0f} ± {t['scoreError']:,.0f} {t['scoreUnit']}")
c = first("coldstart")
print(f"cold start: {c['score']:.1f} ± {c['scoreError']:.1f} {c['scoreUnit']}")
k = first("task")
print(f"EXPRESS executions of 5 lambda:invoke Tasks, 16 threads: {k['score']:,.0f} {k['scoreUnit']}"
      f" = {k['score'] * 5:,.0f} Lambda-task transitions/s")
PY
