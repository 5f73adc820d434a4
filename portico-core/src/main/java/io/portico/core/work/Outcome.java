package io.portico.core.work;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link WorkHandler} made of an item: done (the item is deleted), retry at a time (counting
 * an attempt or not), or dead-letter (kept aside with the reason, listable, never run again). A
 * handler that throws instead is retried with exponential backoff by the queue itself.
 */
public sealed interface Outcome {

    /** The work is done: the item is deleted. */
    record Done() implements Outcome {
    }

    /**
     * Run the item again once the clock reads {@code at}; {@code countsAttempt} adds one to its
     * durable attempt count (a throttle, say, would not).
     */
    record Retry(Instant at, boolean countsAttempt) implements Outcome {
        public Retry {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The item can never succeed: keep it aside with {@code reason} and never run it again. */
    record DeadLetter(String reason) implements Outcome {
        public DeadLetter {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Outcome done() {
        return new Done();
    }

    /** Retry at {@code at}, counting one more attempt. */
    static Outcome retry(Instant at) {
        return new Retry(at, true);
    }

    /** Retry at {@code at} without counting an attempt. */
    static Outcome postpone(Instant at) {
        return new Retry(at, false);
    }

    static Outcome deadLetter(String reason) {
        return new DeadLetter(reason);
    }
}
