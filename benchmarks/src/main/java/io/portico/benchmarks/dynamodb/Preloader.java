package io.portico.benchmarks.dynamodb;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills the table with preloaded items {@code from..to} by BatchWriteItem, 25 items a request, from N
 * workers at once (each takes the next 25 indexes until none are left). Its rate is the issue's
 * BatchWriteItem figure on a growing table, next to the steady-state {@code BatchWriteItem} workload.
 * Any error stops the run: a table that is not fully loaded would make every later figure wrong.
 */
final class Preloader {

    private final InetSocketAddress address;
    private final DynamoDbRequests requests;
    private final CpuMeter cpu;

    Preloader(InetSocketAddress address, DynamoDbRequests requests, CpuMeter cpu) {
        this.address = address;
        this.requests = requests;
        this.cpu = cpu;
    }

    ClosedLoop.Result load(long from, long to, int concurrency) throws InterruptedException {
        byte[] head = requests.head("BatchWriteItem");
        AtomicLong next = new AtomicLong(from);
        AtomicReference<String> failure = new AtomicReference<>();
        Workload check = Workloads.batchWrite("preload"); // only its operation name and answer check are used
        List<LatencySamples> samples = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        String loadAtStart = CpuMeter.loadAverage();
        CpuMeter.Reading before = cpu.read();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            LatencySamples mine = new LatencySamples();
            samples.add(mine);
            workers.add(Thread.ofVirtual().name("preload-" + w).start(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(address)) {
                    for (long first = next.getAndAdd(25); first < to && failure.get() == null; first = next.getAndAdd(25)) {
                        byte[] request = DynamoDbRequests.request(head, Workloads.preloadBatch(first, to));
                        long sent = System.nanoTime();
                        String problem = ClosedLoop.exchange(connection, request, check);
                        if (problem != null) {
                            failure.compareAndSet(null, problem);
                            return;
                        }
                        mine.add(System.nanoTime() - sent);
                    }
                }
            }));
        }
        Thread progress = Thread.ofVirtual().start(() -> reportProgress(next, from, to, start));
        for (Thread worker : workers) {
            worker.join();
        }
        progress.interrupt();
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuMeter.Reading after = cpu.read();
        if (failure.get() != null) {
            throw new IllegalStateException("preload failed: " + failure.get());
        }
        long[] sorted = LatencySamples.mergeSorted(samples);
        return new ClosedLoop.Result("BatchWriteItem-preload-" + to, "BatchWriteItem", concurrency, sorted.length,
                to - from, seconds, LatencySamples.percentileMicros(sorted, 50),
                LatencySamples.percentileMicros(sorted, 99), LatencySamples.percentileMicros(sorted, 100), 0, null,
                (after.driver() - before.driver()) / seconds, (after.server() - before.server()) / seconds,
                loadAtStart, CpuMeter.loadAverage());
    }

    /** A line every 10 s on stderr: a million items take minutes, and silence looks like a hang. */
    private static void reportProgress(AtomicLong next, long from, long to, long start) {
        try {
            while (true) {
                Thread.sleep(10_000);
                long done = Math.min(next.get(), to) - from;
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf("  preload: %,d of %,d items, %,.0f items/s, load %s%n",
                        done, to - from, done / seconds, CpuMeter.loadAverage());
            }
        } catch (InterruptedException e) {
            // loading finished
        }
    }
}
