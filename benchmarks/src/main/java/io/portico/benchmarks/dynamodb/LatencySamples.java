package io.portico.benchmarks.dynamodb;

import java.util.Arrays;

/**
 * Every latency of one worker in nanoseconds, kept whole (not bucketed): a 20 s window at a few
 * thousand requests/s is well under a million longs, and exact percentiles need no histogram library.
 * One per worker, merged after the run; not thread-safe.
 */
final class LatencySamples {

    private long[] nanos = new long[16_384];
    private int size;

    void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    /** All samples of {@code parts}, sorted. */
    static long[] mergeSorted(Iterable<LatencySamples> parts) {
        int total = 0;
        for (LatencySamples part : parts) {
            total += part.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencySamples part : parts) {
            System.arraycopy(part.nanos, 0, all, at, part.size);
            at += part.size;
        }
        Arrays.sort(all);
        return all;
    }

    /** The {@code p}-th percentile (0 < p <= 100) of sorted samples, in microseconds; 0 if none. */
    static double percentileMicros(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length); // nearest rank
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1_000.0;
    }
}
