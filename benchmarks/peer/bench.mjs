#!/usr/bin/env node
// Peer side of the Portico Step Functions benchmark.
//
// Runs the shared workloads in benchmarks/machines/ on the npm package
// aws-local-stepfunctions (an in-process ASL interpreter) and prints one JSON
// line per (workload, concurrency) to stdout. Diagnostics go to stderr.
//
//   node bench.mjs [--duration 10] [--warmup 3] [--concurrency 1,16]
//                  [--workloads pass-choice-10,map-1000,sync-3]
//                  [--verify] [--print] [--write-expected]
//
// --verify          run each workload once, count StateEntered events, compare the
//                   output with machines/<name>.expected.json, exit 1 on mismatch
//                   (no timing). The timed run also checks the first result.
// --print           with --verify: also print each output to stderr.
// --write-expected  write machines/<name>.expected.json from the peer's output
//                   (only to (re)create the reference files; review the diff!).
import './polyfill.js';

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';
import { StateMachine } from 'aws-local-stepfunctions';

const here = dirname(fileURLToPath(import.meta.url));
const machinesDir = join(here, '..', 'machines');
const peerPkg = JSON.parse(
  readFileSync(join(here, 'node_modules', 'aws-local-stepfunctions', 'package.json'), 'utf8'),
);

function parseArgs(argv) {
  const opts = {
    duration: 10,
    warmup: 3,
    concurrency: [1, 16],
    workloads: null,
    verify: false,
    print: false,
    writeExpected: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`);
      return argv[++i];
    };
    switch (a) {
      case '--duration': opts.duration = Number(next()); break;
      case '--warmup': opts.warmup = Number(next()); break;
      case '--concurrency': opts.concurrency = next().split(',').map(Number); break;
      case '--workloads': opts.workloads = next().split(','); break;
      case '--verify': opts.verify = true; break;
      case '--print': opts.print = true; break;
      case '--write-expected': opts.writeExpected = true; break;
      case '-h': case '--help':
        console.error(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 18).join('\n'));
        process.exit(0);
        break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  if (!(opts.duration > 0) || !(opts.warmup >= 0)) throw new Error('bad --duration/--warmup');
  if (opts.concurrency.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('bad --concurrency');
  return opts;
}

function loadWorkloads(filter) {
  const manifest = JSON.parse(readFileSync(join(machinesDir, 'workloads.json'), 'utf8'));
  const all = manifest.workloads.map((w) => {
    const read = (f) => JSON.parse(readFileSync(join(machinesDir, f), 'utf8'));
    let expected;
    try { expected = read(w.expected); } catch { expected = undefined; }
    return { ...w, definitionJson: read(w.definition), inputJson: read(w.input), expectedJson: expected };
  });
  if (!filter) return all;
  for (const f of filter) {
    if (!all.some((w) => w.name === f)) throw new Error(`unknown workload ${f}`);
  }
  return all.filter((w) => filter.includes(w.name));
}

// One execution, StateEntered events counted (nested Map iteration events are
// forwarded to the root logger by the peer, so they are included).
async function runCounted(sm, input) {
  const execution = sm.run(input);
  let entered = 0;
  const drain = (async () => {
    for await (const ev of execution.eventLogs) {
      if (ev.type === 'StateEntered') entered++;
    }
  })();
  const output = await execution.result;
  await drain;
  return { output, entered };
}

async function verify(workloads, opts) {
  let ok = true;
  for (const w of workloads) {
    const sm = new StateMachine(w.definitionJson);
    const { output, entered } = await runCounted(sm, w.inputJson);
    if (opts.writeExpected) {
      writeFileSync(join(machinesDir, w.expected), JSON.stringify(output, null, 2) + '\n');
      w.expectedJson = output;
      console.error(`wrote ${w.expected}`);
    }
    const outputOk = w.expectedJson !== undefined && isDeepStrictEqual(output, w.expectedJson);
    const countOk = entered === w.transitionsPerExecution;
    ok &&= outputOk && countOk;
    console.log(JSON.stringify({
      engine: 'aws-local-stepfunctions',
      version: peerPkg.version,
      workload: w.name,
      check: outputOk && countOk ? 'ok' : 'FAIL',
      outputMatchesExpected: outputOk,
      stateEnteredEvents: entered,
      transitionsPerExecution: w.transitionsPerExecution,
    }));
    if (opts.print) console.error(`--- ${w.name} output:\n${JSON.stringify(output, null, 2)}`);
  }
  return ok;
}

const now = () => process.hrtime.bigint();

// Runs `concurrency` closed-loop workers, each starting its next execution as
// soon as the previous one finished, until `seconds` have elapsed.
async function measure(sm, input, concurrency, seconds, recordLatency) {
  const deadline = now() + BigInt(Math.round(seconds * 1e9));
  const latenciesNs = [];
  let executions = 0;
  let failures = 0;
  let firstOutput;
  const worker = async () => {
    while (now() < deadline) {
      const t0 = now();
      try {
        const out = await sm.run(input).result;
        if (firstOutput === undefined) firstOutput = out;
        executions++;
      } catch (e) {
        failures++;
        if (failures === 1) console.error(`execution failed: ${e?.stack ?? e}`);
      }
      if (recordLatency) latenciesNs.push(Number(now() - t0));
    }
  };
  const start = now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = Number(now() - start) / 1e9;
  return { executions, failures, seconds: elapsed, latenciesNs, firstOutput };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)];
}

async function bench(workloads, opts) {
  const env = {
    node: process.version,
    cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    loadavg1m: null,
  };
  let allOk = true;
  for (const w of workloads) {
    // Definition parsed and validated once, like a deployed state machine.
    const sm = new StateMachine(w.definitionJson);
    for (const concurrency of opts.concurrency) {
      if (opts.warmup > 0) await measure(sm, w.inputJson, concurrency, opts.warmup, false);
      if (global.gc) global.gc();
      const loadavg1m = Number(os.loadavg()[0].toFixed(2));
      const r = await measure(sm, w.inputJson, concurrency, opts.duration, true);
      const outputOk = w.expectedJson !== undefined && isDeepStrictEqual(r.firstOutput, w.expectedJson);
      allOk &&= outputOk && r.failures === 0;
      const sorted = Float64Array.from(r.latenciesNs).sort();
      const us = (ns) => (ns === null ? null : Number((ns / 1e3).toFixed(1)));
      const transitions = r.executions * w.transitionsPerExecution;
      console.log(JSON.stringify({
        engine: 'aws-local-stepfunctions',
        version: peerPkg.version,
        workload: w.name,
        concurrency,
        executions: r.executions,
        transitions,
        seconds: Number(r.seconds.toFixed(3)),
        transitionsPerSecond: Math.round(transitions / r.seconds),
        executionsPerSecond: Number((r.executions / r.seconds).toFixed(1)),
        latencyMicros: { p50: us(percentile(sorted, 50)), p99: us(percentile(sorted, 99)), max: us(percentile(sorted, 100)) },
        failures: r.failures,
        outputMatchesExpected: outputOk,
        ...env,
        loadavg1m,
        timestamp: new Date().toISOString(),
      }));
    }
  }
  return allOk;
}

const opts = parseArgs(process.argv.slice(2));
const workloads = loadWorkloads(opts.workloads);
const ok = opts.verify || opts.writeExpected ? await verify(workloads, opts) : await bench(workloads, opts);
process.exitCode = ok ? 0 : 1;
