package io.portico.benchmarks.dynamodb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * The write-to-stream-handler latency workload ({@code --workloads StreamToHandler}, issue 9): how long after
 * a PutItem is acknowledged the function its table's stream triggers has the record.
 *
 * <p>Per BatchSize (default 1 and 100, MaximumBatchingWindowInSeconds 0): a table with a NEW_IMAGE stream,
 * a Java function ({@link ReceiptHandler}, zipped from this module's class file) and an event source
 * mapping from the stream to it (TRIM_HORIZON). One connection writes new items at a steady rate (an open
 * loop: write {@code i} is sent at {@code start + i / rate}, or at once if the previous answer came later),
 * each under key {@code lat-<i>}, and notes the wall clock when the 200 answer has been read: the
 * acknowledgement. The handler reads the wall clock as it is invoked and reports it per record over UDP
 * ({@link ReceiptSink}). Latency = receipt − acknowledgement, in microseconds of the same clock: driver and
 * server are processes on one machine reading the one system clock ({@code Instant.now()}, CLOCK_REALTIME,
 * microseconds on Linux), so no offset needs estimating. A second figure, the report's arrival at the
 * driver − acknowledgement, reads the driver's clock only: it cannot be fooled by the two processes
 * reading the clock differently, and is an upper bound (it adds the datagram and the driver's scheduling).
 *
 * <p>The first {@code warmup × rate} writes warm the path up and are not counted; the next {@code seconds ×
 * rate} are. After the last write the driver waits for the outstanding receipts (at most 30 s); a record
 * never received, or a write not answered 200, makes the figure invalid. The mapping is deleted after its
 * figure so the next one runs alone.
 */
final class StreamLatency {
    static final String WORKLOAD = "StreamToHandler";
    private static final String HANDLER = ReceiptHandler.class.getName();

    /** One configuration's figure; latencies in microseconds. */
    record Result(String workload, int batchSize, double rate, int records, int received, int redelivered,
                  long[] latencies, long[] arrivals, long errors, String firstError, double driverCores,
                  double serverCores, String loadAtStart, String loadAtEnd) {

        double latency(double percentile) {
            return LatencySamples.percentileMicros(latencies, percentile);
        }

        double arrival(double percentile) {
            return LatencySamples.percentileMicros(arrivals, percentile);
        }

        long missing() {
            return records - latencies.length;
        }

        boolean valid() {
            return errors == 0 && missing() == 0;
        }
    }

    private final LoadOptions options;
    private final InetSocketAddress address;
    private final DynamoDbRequests requests;
    private final CpuMeter cpu;

    private StreamLatency(LoadOptions options) {
        this.options = options;
        this.address = new InetSocketAddress(options.host(), options.port());
        this.requests = new DynamoDbRequests(options.host(), options.port());
        this.cpu = new CpuMeter(options.serverPid());
    }

    /**
     * Runs the workload for each of {@code options.batchSizes()}, writing a JSON line per figure; the exit
     * status: 0 valid, 1 invalid, 3 the target cannot do it (no stream, no Lambda).
     */
    static int run(LoadOptions options) throws IOException, InterruptedException {
        StreamLatency workload = new StreamLatency(options);
        List<Result> results = new ArrayList<>();
        try (LambdaClient lambda = lambda(options)) {
            for (int batchSize : options.batchSizes()) {
                System.err.printf("== %s, BatchSize %d, window 0 s: %.0f writes/s, %.0f s warm-up, %.0f s measured%n",
                        WORKLOAD, batchSize, options.rate(), options.warmupSeconds(), options.seconds());
                Result result = workload.measure(lambda, batchSize);
                results.add(result);
                Files.writeString(options.out(), jsonLine(options, result) + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                System.err.println("   " + summaryLine(result));
            }
        } catch (TableSetup.TargetRefused e) {
            System.err.println(e.getMessage());
            return 3;
        }
        System.out.printf("%s %s, %s, %.0f writes/s, %.0f s warm-up + %.0f s measured per BatchSize, %d cpus%n",
                options.target(), options.version(), WORKLOAD, options.rate(), options.warmupSeconds(),
                options.seconds(), Runtime.getRuntime().availableProcessors());
        results.forEach(r -> System.out.println(summaryLine(r)));
        boolean valid = results.stream().allMatch(Result::valid);
        System.out.println(valid ? "valid: every write acknowledged and received" : "INVALID: see the lines above");
        return valid ? 0 : 1;
    }

    private Result measure(LambdaClient lambda, int batchSize) throws IOException, InterruptedException,
            TableSetup.TargetRefused {
        String name = "latency-b" + batchSize;
        String created = TableSetup.create(address, requests, options.target(), name, BenchTable.createTable(name,
                "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_IMAGE\"},"));
        String streamArn = JsonScan.string(created, "LatestStreamArn").orElseThrow(() -> new TableSetup.TargetRefused(
                options.target() + " answered CreateTable with a StreamSpecification without a LatestStreamArn:"
                        + " it keeps no stream, so no function can be triggered by one"));
        int warmup = (int) Math.round(options.warmupSeconds() * options.rate());
        int measured = (int) Math.round(options.seconds() * options.rate());
        try (ReceiptSink sink = new ReceiptSink(warmup + measured)) {
            String mapping = deploy(lambda, name, streamArn, batchSize, sink.port());
            try {
                return write(name, batchSize, warmup, measured, sink);
            } finally {
                lambda.deleteEventSourceMapping(b -> b.uuid(mapping));
            }
        }
    }

    /** The function and its mapping (once Enabled); the mapping's UUID. */
    private static String deploy(LambdaClient lambda, String name, String streamArn, int batchSize, int sinkPort)
            throws IOException, InterruptedException {
        byte[] zip = handlerZip();
        lambda.createFunction(b -> b.functionName(name).runtime(software.amazon.awssdk.services.lambda.model.Runtime.JAVA21).handler(HANDLER + "::handleRequest")
                .role("arn:aws:iam::000000000000:role/bench").memorySize(512)
                .environment(e -> e.variables(Map.of("RECEIPT_PORT", Integer.toString(sinkPort))))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        String uuid = lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)
                .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(batchSize)
                .maximumBatchingWindowInSeconds(0)).uuid();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!lambda.getEventSourceMapping(b -> b.uuid(uuid)).state().equals("Enabled")) {
            if (System.nanoTime() > deadline) {
                throw new IOException("event source mapping " + uuid + " not Enabled after 30 s");
            }
            Thread.sleep(100);
        }
        return uuid;
    }

    /** Writes {@code warmup + measured} items at the rate, waits for their receipts, and sums up. */
    private Result write(String table, int batchSize, int warmup, int measured, ReceiptSink sink)
            throws InterruptedException {
        int total = warmup + measured;
        long[] acks = new long[total];
        byte[] head = requests.head("PutItem");
        long period = (long) (1e9 / options.rate());
        long errors = 0;
        String firstError = null;
        CpuMeter.Reading before = null;
        String loadAtStart = null;
        long start = System.nanoTime();
        try (KeepAliveConnection connection = new KeepAliveConnection(address)) {
            for (int i = 0; i < total; i++) {
                if (i == warmup) {
                    before = cpu.read();
                    loadAtStart = CpuMeter.loadAverage();
                }
                for (long wait = start + i * period - System.nanoTime(); wait > 0; wait = start + i * period - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                String body = "{\"TableName\":\"" + table + "\",\"Item\":"
                        + BenchTable.item(BenchTable.keyFields(ReceiptHandler.KEY_PREFIX + i, "s0000")) + "}";
                try {
                    KeepAliveConnection.Response response = connection.exchange(DynamoDbRequests.request(head, body));
                    if (response.status() == 200) {
                        acks[i] = epochMicros();
                        continue;
                    }
                    firstError = firstError != null ? firstError : "PutItem " + response.status() + " "
                            + ClosedLoop.abbreviate(response.bodyText());
                } catch (IOException e) {
                    firstError = firstError != null ? firstError : "PutItem: " + e;
                }
                errors++;
            }
        }
        awaitReceipts(sink, total - (int) errors);
        CpuMeter.Reading after = cpu.read();
        List<Long> latencies = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        for (int i = warmup; i < total; i++) {
            if (acks[i] != 0 && sink.receipt(i) != 0) {
                latencies.add(sink.receipt(i) - acks[i]);
                arrivals.add(sink.arrival(i) - acks[i]);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9 - options.warmupSeconds();
        return new Result(WORKLOAD + "-b" + batchSize, batchSize, options.rate(), measured, sink.received(),
                sink.redelivered(), sortedNanos(latencies), sortedNanos(arrivals), errors, firstError,
                (after.driver() - before.driver()) / seconds, (after.server() - before.server()) / seconds,
                loadAtStart, CpuMeter.loadAverage());
    }

    /** Waits until {@code expected} records were received, or 30 s passed without one more arriving. */
    private static void awaitReceipts(ReceiptSink sink, int expected) throws InterruptedException {
        int seen = sink.received();
        long quietSince = System.nanoTime();
        while (sink.received() < expected && System.nanoTime() - quietSince < 30_000_000_000L) {
            Thread.sleep(20);
            if (sink.received() != seen) {
                seen = sink.received();
                quietSince = System.nanoTime();
            }
        }
    }

    /** Microsecond latencies as LatencySamples keeps them: nanoseconds, sorted. */
    private static long[] sortedNanos(List<Long> micros) {
        LatencySamples samples = new LatencySamples();
        micros.forEach(m -> samples.add(m * 1_000));
        return LatencySamples.mergeSorted(List.of(samples));
    }

    /** The wall clock in microseconds since the epoch, as {@link ReceiptHandler} reads it. */
    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** A Lambda deployment package holding {@link ReceiptHandler}'s class file alone. */
    private static byte[] handlerZip() throws IOException {
        String path = HANDLER.replace('.', '/') + ".class";
        var zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip);
             InputStream in = StreamLatency.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException(path + " not on the class path");
            }
            out.putNextEntry(new ZipEntry(path));
            in.transferTo(out);
            out.closeEntry();
        }
        return zip.toByteArray();
    }

    private static LambdaClient lambda(LoadOptions options) {
        return LambdaClient.builder().endpointOverride(URI.create("http://" + options.host() + ":" + options.port()))
                .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .build();
    }

    static String jsonLine(LoadOptions options, Result r) {
        return String.format(Locale.ROOT, "{\"engine\":\"%s\",\"version\":\"%s\",\"workload\":\"%s\","
                        + "\"batchSize\":%d,\"maximumBatchingWindowInSeconds\":0,\"writesPerSecond\":%.1f,"
                        + "\"records\":%d,\"received\":%d,\"missing\":%d,\"redelivered\":%d,"
                        + "\"latencyMicros\":{\"p50\":%.0f,\"p90\":%.0f,\"p99\":%.0f,\"max\":%.0f,\"min\":%.0f},"
                        + "\"arrivalMicros\":{\"p50\":%.0f,\"p99\":%.0f,\"max\":%.0f},\"errors\":%d,\"valid\":%b,"
                        + "\"serverCores\":%s,\"driverCores\":%.2f,\"cpus\":%d,\"loadavgStart\":\"%s\","
                        + "\"loadavgEnd\":\"%s\",\"java\":\"%s\",\"timestamp\":\"%s\"}",
                options.target(), options.version(), r.workload(), r.batchSize(), r.rate(), r.records(),
                r.latencies().length, r.missing(), r.redelivered(), r.latency(50), r.latency(90), r.latency(99),
                r.latency(100), r.latencies().length == 0 ? 0 : r.latencies()[0] / 1_000.0, r.arrival(50),
                r.arrival(99), r.arrival(100), r.errors(), r.valid(),
                Double.isNaN(r.serverCores()) ? "null" : String.format(Locale.ROOT, "%.2f", r.serverCores()),
                r.driverCores(), Runtime.getRuntime().availableProcessors(), r.loadAtStart(),
                r.loadAtEnd(), System.getProperty("java.version"), Instant.now());
    }

    static String summaryLine(Result r) {
        return String.format(Locale.ROOT, "%-22s %5.0f writes/s  %d of %d received  p50 %6.2f  p90 %6.2f  p99 %6.2f"
                        + "  max %7.2f ms  (at the driver p99 %6.2f ms)  errors %d  server %s cores  load %s -> %s%s",
                r.workload(), r.rate(), r.latencies().length, r.records(), r.latency(50) / 1000, r.latency(90) / 1000,
                r.latency(99) / 1000, r.latency(100) / 1000, r.arrival(99) / 1000, r.errors(),
                Double.isNaN(r.serverCores()) ? "?" : String.format(Locale.ROOT, "%.2f", r.serverCores()),
                r.loadAtStart(), r.loadAtEnd(), r.firstError() == null ? "" : "  first error: " + r.firstError());
    }
}
