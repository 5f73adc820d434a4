#!/usr/bin/env bash
# One large inline Map (issue 8), measured by the InlineMapLoad driver in a JVM of its own per figure:
# the time of one EXPRESS execution and the memory it retains, over 10,000, 60,000 and 100,000 items,
# for each workload (zeros, indexed, jsonata, calling: see InlineMapLoad's comment). Given two commits, each is
# built in a worktree of its own and measured in turn (both must contain the driver); given none, the
# working tree is built with `mvn package` and measured.
#
#   benchmarks/run-map-load.sh                 # the working tree
#   benchmarks/run-map-load.sh 1a2b3c4 HEAD    # before and after, same machine, same run
#   SIZES=10000 WORKLOADS=zeros benchmarks/run-map-load.sh
# -> results/map-load-<ts>.jsonl, one JSON line per run, labelled with its commit
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."
source .ci/select-jdk.sh
source "$here/worktrees.sh"
ts="$(date -u +%Y%m%dT%H%M%SZ)"
results="$here/results"; mkdir -p "$results"
out="$results/map-load-$ts.jsonl"
sizes="${SIZES:-10000 60000 100000}"
workloads="${WORKLOADS:-zeros indexed jsonata calling}"
heap="${HEAP:--Xmx4g}"

labels=(); classpaths=()
if [[ $# -eq 0 ]]; then
  mvn -q -B -DskipTests -pl benchmarks -am package >/dev/null
  labels+=("working-tree"); classpaths+=("$here/target/classes:$(cat "$here/target/classpath.txt")")
else
  for rev in "$@"; do
    echo "== building $rev"
    labels+=("$(git rev-parse --short "$rev")"); classpaths+=("$(build_commit "$rev")")
  done
fi

for workload in $workloads; do
  for items in $sizes; do
    for mode in time memory; do
      for i in "${!labels[@]}"; do
        line="$(java $heap -cp "${classpaths[$i]}" io.portico.benchmarks.InlineMapLoad "$mode" "$workload" "$items" \
          2>/dev/null | grep '^{')"
        echo "{\"commit\":\"${labels[$i]}\",\"loadavg\":\"$(cut -d' ' -f1 /proc/loadavg)\",${line#\{}" | tee -a "$out"
      done
    done
  done
done
echo "== $out"
