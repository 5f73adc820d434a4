package io.portico.core.work;

import java.time.Duration;

/**
 * How a queue's items are run on this node.
 *
 * @param concurrency how many items run at once, at most (1 or more)
 * @param lease how long a claim holds without renewal: a running item's lease is renewed every third
 *     of it, and an item whose node died becomes claimable by others once its lease ends
 * @param backoff the delay before the first retry of an item whose handler threw; it doubles with
 *     each failure in a row
 * @param maxBackoff the longest delay backoff reaches
 * @param maxFailures failures in a row after which an item is dead-lettered (1 or more)
 */
public record QueueOptions(int concurrency, Duration lease, Duration backoff, Duration maxBackoff, int maxFailures) {

    public QueueOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        requirePositive(lease, "lease");
        requirePositive(backoff, "backoff");
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be below backoff: " + maxBackoff);
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
        }
    }

    /** 16 at once, a one-minute lease, backoff from 1 s doubling to 5 min, dead-letter after 10 failures. */
    public static QueueOptions defaults() {
        return new QueueOptions(16, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(5), 10);
    }

    public QueueOptions withConcurrency(int value) {
        return new QueueOptions(value, lease, backoff, maxBackoff, maxFailures);
    }

    public QueueOptions withLease(Duration value) {
        return new QueueOptions(concurrency, value, backoff, maxBackoff, maxFailures);
    }

    public QueueOptions withBackoff(Duration first, Duration max) {
        return new QueueOptions(concurrency, lease, first, max, maxFailures);
    }

    public QueueOptions withMaxFailures(int value) {
        return new QueueOptions(concurrency, lease, backoff, maxBackoff, value);
    }

    /** The delay before retrying an item that has now failed {@code failures} times in a row (1 or more). */
    Duration backoffAfter(int failures) {
        Duration delay = backoff.multipliedBy(1L << Math.min(failures - 1, 30));
        return delay.compareTo(maxBackoff) > 0 || delay.isNegative() ? maxBackoff : delay;
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
