#!/usr/bin/env python3
"""Summarises one run of run-states.sh: transitions/s of both engines per workload and the ratio."""
import json
import os
import platform
import sys

peer_file, jmh_file, standard_file = sys.argv[1:4]
transitions = {w["name"]: w["transitionsPerExecution"]
               for w in json.load(open(os.path.join(os.path.dirname(__file__), "machines", "workloads.json")))["workloads"]}

peer = {}
for line in open(peer_file):
    if line.startswith("{"):
        r = json.loads(line)
        peer[(r["workload"], r["concurrency"])] = r["transitionsPerSecond"]

def rows(path):
    return json.load(open(path))

print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}; load {open('/proc/loadavg').read().split()[:3]}")
print(f"{'workload':<18}{'Portico t/s':>14}{'peer t/s (c=1)':>16}{'peer t/s (c=16)':>17}{'ratio':>8}")
for r in rows(jmh_file):
    name = r["benchmark"].rsplit(".", 2)[-2]
    score = r["primaryMetric"]["score"]
    if name == "ExpressTransitionsBenchmark":
        w = r["params"]["workload"]
        tps = score * transitions[w]
        best_peer = max(peer.get((w, 1), 0), peer.get((w, 16), 0))
        ratio = tps / best_peer if best_peer else float("nan")
        print(f"{w:<18}{tps:>14,.0f}{peer.get((w, 1), 0):>16,.0f}{peer.get((w, 16), 0):>17,.0f}{ratio:>7.1f}x")
    elif name == "StandardTransitionsBenchmark":
        print(f"STANDARD durable, 1 thread: {score * 10:,.0f} transitions/s ({score:,.0f} executions/s)")
    elif name == "SyncRoundTripBenchmark":
        p = r["primaryMetric"]["scorePercentiles"]
        print(f"StartSyncExecution round trip (SfnClient, sync-3): p50 {p['50.0'] / 1000:.3f} ms, p99 {p['99.0'] / 1000:.3f} ms")
for r in rows(standard_file):
    score = r["primaryMetric"]["score"]
    print(f"STANDARD durable, 64 threads: {score * 10:,.0f} transitions/s ({score:,.0f} executions/s, every transition committed)")
