#!/usr/bin/env bash
# The Step Functions benchmark, both engines in one run on this machine:
#   1. the peer (aws-local-stepfunctions) on machines/*  -> results/peer-<ts>.jsonl
#   2. Portico's JMH benchmarks on the same files          -> results/jmh-<ts>.json
#   3. a summary with transitions/s and the Portico/peer ratio -> results/summary-<ts>.txt
#
#   benchmarks/run-states.sh            # from the repository root or anywhere
#   QUICK=1 benchmarks/run-states.sh    # shorter iterations (a smoke run; figures are noisier)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh"

if [[ "${QUICK:-0}" == 1 ]]; then
  jmh_args=(-f 1 -wi 1 -w 3s -i 2 -r 3s); peer_args=(--duration 5 --warmup 2)
else
  jmh_args=(-f 1 -wi 2 -w 5s -i 5 -r 5s); peer_args=(--duration 10 --warmup 3)
fi


echo "== peer: aws-local-stepfunctions"
"$here/run-peer.sh" "${peer_args[@]}" --workloads pass-choice-10,map-1000 --concurrency 1,16
peer_file="$(ls -t "$results"/peer-*.jsonl | head -1)"

echo "== portico: JMH (EXPRESS in-process, durable STANDARD on SQLite, StartSyncExecution over HTTP)"
jmh_file="$results/jmh-$ts.json"
java -cp "$cp" -Dportico.bench.machines="$here/machines" org.openjdk.jmh.Main \
  'ExpressTransitionsBenchmark|StandardTransitionsBenchmark|SyncRoundTripBenchmark.execution' \
  "${jmh_args[@]}" -t 1 -rf json -rff "$jmh_file" \
  -jvmArgsAppend "-Dportico.bench.machines=$here/machines"
java -cp "$cp" org.openjdk.jmh.Main StandardTransitionsBenchmark "${jmh_args[@]}" -t 64 -rf json \
  -rff "$results/jmh-standard64-$ts.json" -jvmArgsAppend "-Dportico.bench.machines=$here/machines"

python3 "$here/summarize.py" "$peer_file" "$jmh_file" "$results/jmh-standard64-$ts.json" | tee "$results/summary-$ts.txt"
