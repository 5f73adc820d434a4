package io.portico.states.asl;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The bounds every expression evaluation runs under, whatever its language (JSONata, a JSONPath read,
 * an intrinsic function): how long one evaluation may run, and how much it may build. A setting of the
 * engine; {@link #defaults()} are Portico's figures (see docs/states.md, "Evaluation bounds").
 *
 * <p>{@code size} counts the characters of the strings and the elements of the arrays and objects an
 * evaluation creates, cumulatively: a state's output is at most 256 KiB, so an evaluation that builds
 * 32 times that much is not heading for a result AWS would accept, and is stopped before it exhausts
 * the server's memory. Values the evaluation only reads (the state input, variables) are not counted.
 *
 * <p>{@code clock} measures {@code time}. It is not the engine's clock on purpose: an engine driven by a
 * manual clock (tests) would otherwise never time an evaluation out, and a test of the time bound
 * wants a clock of its own that moves by a known step on every reading.
 *
 * <p>Immutable and thread safe.
 */
public record EvaluationLimits(Duration time, long size, InstantSource clock) {

    /** jsonata-js's timebox default, which AWS does not document a figure to replace. */
    public static final Duration DEFAULT_TIME = Duration.ofSeconds(5);
    /** 32 × the 256 KiB quota on a state's output, in characters and elements. */
    public static final long DEFAULT_SIZE = 32L * 256 * 1024;

    /**
     * Milliseconds from {@link System#nanoTime()}: only differences are read, and a deadline must not
     * move when someone sets the wall clock. Its instants are no dates.
     */
    private static final InstantSource MONOTONIC = new InstantSource() {
        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            return System.nanoTime() / 1_000_000;
        }
    };
    private static final EvaluationLimits DEFAULTS = new EvaluationLimits(DEFAULT_TIME, DEFAULT_SIZE, MONOTONIC);

    public EvaluationLimits {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(clock, "clock");
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("time must be positive: " + time);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
    }

    /** Five seconds and 8 Mi characters and elements per evaluation, on a monotonic clock. */
    public static EvaluationLimits defaults() {
        return DEFAULTS;
    }

    public EvaluationLimits withTime(Duration value) {
        return new EvaluationLimits(value, size, clock);
    }

    public EvaluationLimits withSize(long value) {
        return new EvaluationLimits(time, value, clock);
    }

    public EvaluationLimits withClock(InstantSource value) {
        return new EvaluationLimits(time, size, value);
    }

    /** A budget for one evaluation starting now. */
    public EvaluationBudget start() {
        return new EvaluationBudget(this);
    }
}
