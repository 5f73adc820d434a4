package io.portico.benchmarks.dynamodb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * N workers, each on its own keep-alive connection, each sending its next request as soon as the last
 * one was answered (a closed loop: the server's speed sets the pace, nothing queues in the driver).
 * Workers are virtual threads: they spend their time blocked on a socket, and a platform thread each
 * would only add scheduling cost on 2 cores.
 *
 * <p>Timing: warm-up first (answers checked, not recorded), then the measured window. A request counts
 * if it was sent at or after the window opened and answered before it closed; throughput is those
 * requests over the window's length. Every answer, warm-up included, is checked: a non-200 status, a
 * failed check or an I/O error is an error, and a run with any error is invalid.
 */
final class ClosedLoop {

    /** What one window measured. */
    record Result(String workload, String operation, int concurrency, long requests, long items, double seconds,
                  double p50Micros, double p99Micros, double maxMicros, long errors, String firstError,
                  double driverCores, double serverCores, String loadAtStart, String loadAtEnd) {

        double requestsPerSecond() {
            return requests / seconds;
        }

        double itemsPerSecond() {
            return items / seconds;
        }
    }

    private final InetSocketAddress address;
    private final DynamoDbRequests requests;
    private final CpuMeter cpu;

    ClosedLoop(InetSocketAddress address, DynamoDbRequests requests, CpuMeter cpu) {
        this.address = address;
        this.requests = requests;
        this.cpu = cpu;
    }

    /** Runs {@code workload} with {@code concurrency} workers: {@code warmupSeconds}, then {@code seconds} measured. */
    Result run(Workload workload, int concurrency, double warmupSeconds, double seconds) throws InterruptedException {
        byte[] head = requests.head(workload.operation());
        long start = System.nanoTime();
        long windowOpens = start + (long) (warmupSeconds * 1e9);
        long windowCloses = windowOpens + (long) (seconds * 1e9);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<LatencySamples> samples = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            LatencySamples mine = new LatencySamples();
            samples.add(mine);
            int worker = w;
            workers.add(Thread.ofVirtual().name("worker-" + w).start(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(address)) {
                    for (long seq = 0; ; seq++) {
                        byte[] request = DynamoDbRequests.request(head, workload.body(worker, seq));
                        long sent = System.nanoTime();
                        if (sent >= windowCloses) {
                            return;
                        }
                        String problem = exchange(connection, request, workload);
                        long answered = System.nanoTime();
                        if (problem != null) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, problem);
                        } else if (sent >= windowOpens && answered < windowCloses) {
                            mine.add(answered - sent);
                        }
                    }
                }
            }));
        }
        CpuMeter.Reading[] window = new CpuMeter.Reading[2];
        // a platform thread: a virtual one can wake late behind busy workers, and read both ends at once
        Thread meter = Thread.ofPlatform().daemon().name("cpu-meter").start(() -> {
            window[0] = readAt(windowOpens);
            window[1] = readAt(windowCloses);
        });
        String loadAtStart = CpuMeter.loadAverage();
        for (Thread worker : workers) {
            worker.join();
        }
        meter.join();
        long[] sorted = LatencySamples.mergeSorted(samples);
        return new Result(workload.name(), workload.operation(), concurrency, sorted.length,
                (long) sorted.length * workload.itemsPerRequest(), seconds,
                LatencySamples.percentileMicros(sorted, 50), LatencySamples.percentileMicros(sorted, 99),
                LatencySamples.percentileMicros(sorted, 100), errors.get(), firstError.get(),
                (window[1].driver() - window[0].driver()) / seconds, (window[1].server() - window[0].server()) / seconds,
                loadAtStart, CpuMeter.loadAverage());
    }

    private CpuMeter.Reading readAt(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return cpu.read();
    }

    /** One request and its check: null if all is well, else what went wrong. */
    static String exchange(KeepAliveConnection connection, byte[] request, Workload workload) {
        try {
            KeepAliveConnection.Response response = connection.exchange(request);
            if (response.status() != 200) {
                return workload.operation() + ": HTTP " + response.status() + " " + abbreviate(response.bodyText());
            }
            return workload.check(response.bodyText());
        } catch (IOException | RuntimeException e) {
            return workload.operation() + ": " + e;
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
