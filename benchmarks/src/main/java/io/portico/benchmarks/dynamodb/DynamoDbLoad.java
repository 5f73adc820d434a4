package io.portico.benchmarks.dynamodb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DynamoDB load driver (issue 9): the same closed-loop workloads, over raw keep-alive HTTP/1.1, to
 * any server that speaks DynamoDB's AWS JSON 1.0 protocol: dynalite, Portico once it serves DynamoDB,
 * or (as {@code --target ceiling}) a trivial in-process endpoint that shows the driver's own ceiling.
 * {@code benchmarks/run-dynamodb.sh} starts the server and calls this; see benchmarks/README.md, "DynamoDB (issue 9)".
 *
 * <p>Order: create the table; preload the first size by BatchWriteItem (its rate is recorded); then
 * GetItem, conditional UpdateItem and Query on it, then PutItem and BatchWriteItem of new items (which
 * use keys of their own and leave the preloaded partitions as they were); then for each larger size,
 * preload the rest and Query again. One JSON line per figure goes to {@code --out}, a summary to stdout.
 * {@code --workloads StreamToHandler} runs {@link StreamLatency} instead, alone.
 *
 * <p>Exit status: 0 if every request of every window was answered as expected; 1 if any was not (the
 * figures are invalid); 3 if the target refused CreateTable (nothing measured); 2 for bad options.
 */
public final class DynamoDbLoad {

    private DynamoDbLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (RuntimeException e) {
            System.err.println("dynamodb-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.workloads().contains(StreamLatency.WORKLOAD)) {
            System.exit(StreamLatency.run(options));
            return;
        }
        List<ClosedLoop.Result> results = options.target().equals("ceiling") ? ceiling(options) : measure(options);
        if (results == null) {
            System.exit(3);
            return;
        }
        printSummary(options, results);
        System.exit(results.stream().anyMatch(r -> r.errors() > 0) ? 1 : 0);
    }

    private static List<ClosedLoop.Result> measure(LoadOptions options) throws IOException, InterruptedException {
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        DynamoDbRequests requests = new DynamoDbRequests(options.host(), options.port());
        CpuMeter cpu = new CpuMeter(options.serverPid());
        try {
            TableSetup.create(address, requests, displayName(options.target()));
        } catch (TableSetup.TargetRefused e) {
            System.err.println(e.getMessage());
            return null;
        }
        ClosedLoop loop = new ClosedLoop(address, requests, cpu);
        Preloader preloader = new Preloader(address, requests, cpu);
        String run = Long.toString(System.currentTimeMillis() % 100_000, 36); // keeps new keys unique per run
        List<ClosedLoop.Result> results = new ArrayList<>();
        long loaded = 0;
        for (long size : options.sizes()) {
            System.err.printf("== preload %,d items (BatchWriteItem, 25 a request, %d workers)%n", size - loaded,
                    options.concurrency());
            record(options, results, preloader.load(loaded, size, options.concurrency()), size);
            loaded = size;
            List<Workload> workloads = new ArrayList<>();
            boolean first = size == options.sizes().getFirst();
            for (String name : options.workloads()) {
                switch (name) {
                    case "GetItem" -> { if (first) workloads.add(Workloads.getItem(size)); }
                    case "UpdateItem" -> { if (first) workloads.add(Workloads.conditionalUpdate(size)); }
                    case "Query" -> workloads.add(Workloads.query(size));
                    case "PutItem" -> { if (first) workloads.add(Workloads.putItem(run)); }
                    case "BatchWriteItem" -> { if (first) workloads.add(Workloads.batchWrite(run)); }
                    default -> throw new IllegalStateException(name);
                }
            }
            for (Workload workload : workloads) {
                System.err.printf("== %s (%.0f s warm-up, %.0f s measured, %d workers)%n", workload.name(),
                        options.warmupSeconds(), options.seconds(), options.concurrency());
                record(options, results, loop.run(workload, options.concurrency(), options.warmupSeconds(),
                        options.seconds()), size);
            }
        }
        return results;
    }

    /** How a target names itself in messages: "Portico answered 400 ...", "dynalite answered ...". */
    private static String displayName(String target) {
        return target.equals("portico") ? "Portico" : target;
    }

    /** The driver against {@link TrivialEndpoint}: PutItem requests, answered 200 {}, no DynamoDB work. */
    private static List<ClosedLoop.Result> ceiling(LoadOptions options) throws IOException, InterruptedException {
        try (TrivialEndpoint endpoint = new TrivialEndpoint()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", endpoint.port());
            ClosedLoop loop = new ClosedLoop(address, new DynamoDbRequests("127.0.0.1", endpoint.port()), new CpuMeter(0));
            List<ClosedLoop.Result> results = new ArrayList<>();
            System.err.printf("== driver ceiling: PutItem requests to a trivial endpoint in this JVM, %d workers%n",
                    options.concurrency());
            record(options, results, loop.run(Workloads.putItem("ceiling"), options.concurrency(),
                    options.warmupSeconds(), options.seconds()), 0);
            return results;
        }
    }

    private static void record(LoadOptions options, List<ClosedLoop.Result> results, ClosedLoop.Result result,
                               long tableItems) throws IOException {
        results.add(result);
        Files.writeString(options.out(), jsonLine(options, result, tableItems) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.err.println("   " + summaryLine(result));
        if (result.errors() > 0) {
            System.err.println("   first error: " + result.firstError());
        }
    }

    /** One figure as a JSON line (flat, numbers rounded; written by hand: the fields are fixed). */
    static String jsonLine(LoadOptions options, ClosedLoop.Result r, long tableItems) {
        return String.format(Locale.ROOT, "{\"engine\":\"%s\",\"version\":\"%s\",\"workload\":\"%s\","
                        + "\"operation\":\"%s\",\"tableItems\":%d,\"concurrency\":%d,\"requests\":%d,\"items\":%d,"
                        + "\"seconds\":%.2f,\"requestsPerSecond\":%.1f,\"itemsPerSecond\":%.1f,"
                        + "\"latencyMicros\":{\"p50\":%.1f,\"p99\":%.1f,\"max\":%.1f},\"errors\":%d,\"valid\":%b,"
                        + "\"serverCores\":%s,\"driverCores\":%.2f,\"cpus\":%d,\"loadavgStart\":\"%s\","
                        + "\"loadavgEnd\":\"%s\",\"java\":\"%s\",\"timestamp\":\"%s\"}",
                options.target(), options.version(), r.workload(), r.operation(), tableItems, r.concurrency(),
                r.requests(), r.items(), r.seconds(), r.requestsPerSecond(), r.itemsPerSecond(), r.p50Micros(),
                r.p99Micros(), r.maxMicros(), r.errors(), r.errors() == 0,
                Double.isNaN(r.serverCores()) ? "null" : String.format(Locale.ROOT, "%.2f", r.serverCores()),
                r.driverCores(), Runtime.getRuntime().availableProcessors(), r.loadAtStart(), r.loadAtEnd(),
                System.getProperty("java.version"), Instant.now());
    }

    static String summaryLine(ClosedLoop.Result r) {
        return String.format(Locale.ROOT, "%-28s %10.0f req/s %11.0f items/s  p50 %8.2f ms  p99 %8.2f ms  "
                        + "errors %d  server %s cores  driver %.2f cores  load %s -> %s",
                r.workload(), r.requestsPerSecond(), r.itemsPerSecond(), r.p50Micros() / 1000, r.p99Micros() / 1000,
                r.errors(), Double.isNaN(r.serverCores()) ? "?" : String.format(Locale.ROOT, "%.2f", r.serverCores()),
                r.driverCores(), r.loadAtStart(), r.loadAtEnd());
    }

    private static void printSummary(LoadOptions options, List<ClosedLoop.Result> results) {
        System.out.printf("%s %s, %d workers, %.0f s warm-up + %.0f s measured per workload, %d cpus%n",
                options.target(), options.version(), options.concurrency(), options.warmupSeconds(), options.seconds(),
                Runtime.getRuntime().availableProcessors());
        for (ClosedLoop.Result result : results) {
            System.out.println(summaryLine(result));
        }
        long invalid = results.stream().filter(r -> r.errors() > 0).count();
        System.out.println(invalid == 0 ? "valid: no errors" : "INVALID: " + invalid + " figure(s) with errors");
    }
}
