package io.portico.states.asl;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves {@code step} forward each time it is read. An evaluation under it passes a
 * deadline after a known number of checks, however fast the machine runs it: time-bound tests count
 * checks instead of measuring time.
 */
public final class TickingClock implements InstantSource {
    private final long stepMillis;
    private final AtomicLong millis = new AtomicLong();

    private TickingClock(Duration step) {
        this.stepMillis = step.toMillis();
    }

    public static TickingClock stepping(Duration step) {
        return new TickingClock(step);
    }

    /** Limits of {@code checks} seconds on a clock that moves a second per reading. */
    public static EvaluationLimits limitsAfterChecks(int checks) {
        return EvaluationLimits.defaults().withTime(Duration.ofSeconds(checks)).withClock(stepping(Duration.ofSeconds(1)));
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return millis.getAndAdd(stepMillis);
    }
}
