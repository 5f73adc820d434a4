package io.portico.benchmarks.dynamodb;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The driver's command line. Every option has a default that fits 2 shared cores: 10 s warm-up and
 * 20 s measured per workload, 16 workers.
 *
 * @param target label of what is measured ({@code dynalite}, {@code portico}, {@code ceiling})
 * @param version the target's version, recorded with each figure
 * @param host where the target listens (ignored for {@code ceiling}, which starts its own endpoint)
 * @param port its port
 * @param serverPid the target's process id for its CPU time, 0 if unknown
 * @param warmupSeconds per workload, not recorded
 * @param seconds measured per workload
 * @param concurrency closed-loop workers (and connections)
 * @param sizes preload sizes, ascending: Query runs at each, the other workloads at the first
 * @param workloads which of PutItem, GetItem, UpdateItem, Query, BatchWriteItem to run
 * @param out the JSON-lines file to append to
 * @param rate writes per second of {@code StreamToHandler} (default 100)
 * @param batchSizes the BatchSizes {@code StreamToHandler} measures, one figure each (default 1 and 100)
 */
record LoadOptions(String target, String version, String host, int port, long serverPid, double warmupSeconds,
                   double seconds, int concurrency, List<Long> sizes, List<String> workloads, Path out, double rate,
                   List<Integer> batchSizes) {

    static final List<String> ALL_WORKLOADS = List.of("GetItem", "UpdateItem", "Query", "PutItem", "BatchWriteItem");

    static LoadOptions parse(String[] args) {
        String target = "dynalite";
        String version = "?";
        String host = "127.0.0.1";
        int port = 0;
        long serverPid = 0;
        double warmup = 10;
        double seconds = 20;
        int concurrency = 16;
        List<Long> sizes = List.of(10_000L, 1_000_000L);
        List<String> workloads = ALL_WORKLOADS;
        Path out = null;
        double rate = 100;
        List<Integer> batchSizes = List.of(1, 100);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--target" -> target = value;
                case "--version" -> version = value;
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--server-pid" -> serverPid = Long.parseLong(value);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--duration" -> seconds = Double.parseDouble(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--items" -> sizes = Arrays.stream(value.split(",")).map(Long::parseLong).sorted().toList();
                case "--workloads" -> workloads = List.of(value.split(","));
                case "--out" -> out = Path.of(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--batch-sizes" -> batchSizes = Arrays.stream(value.split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        boolean streamLatency = workloads.contains(StreamLatency.WORKLOAD);
        if (streamLatency && workloads.size() > 1) {
            throw new IllegalArgumentException(StreamLatency.WORKLOAD + " runs alone, on a server under no other load");
        }
        if (streamLatency && target.equals("ceiling")) {
            throw new IllegalArgumentException(StreamLatency.WORKLOAD + " needs a server with streams and Lambda, not the ceiling");
        }
        for (String workload : workloads) {
            if (!ALL_WORKLOADS.contains(workload) && !streamLatency) {
                throw new IllegalArgumentException("unknown workload " + workload + "; known: " + ALL_WORKLOADS
                        + " and " + StreamLatency.WORKLOAD);
            }
        }
        for (long size : sizes) {
            if (size < BenchTable.ITEMS_PER_PARTITION || size % BenchTable.ITEMS_PER_PARTITION != 0) {
                throw new IllegalArgumentException("--items: each size must be a multiple of "
                        + BenchTable.ITEMS_PER_PARTITION + " (whole partitions), got " + size);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        return new LoadOptions(target, version, host, port, serverPid, warmup, seconds, concurrency, sizes, workloads, out,
                rate, batchSizes);
    }
}
