package io.portico.states.asl;

/**
 * What is left of one evaluation's {@link EvaluationLimits}: its deadline and the characters and
 * elements it may still build.
 *
 * <p>How it is used: code that loops or allocates on the evaluation's behalf calls {@link #checkTime()}
 * once per iteration (the first check starts the clock) and {@link #charge(long)} before (or, for values a library built, right after) it
 * creates a value, so no loop and no allocation can run far past either bound. Both checks are O(1): a
 * clock reading and a subtraction. Once a bound is passed every later check fails too, so a library
 * that swallows the first failure meets the next one.
 *
 * <p>A failure is {@link Exceeded}, which says which bound and nothing about the language: each
 * language words it as AWS does for its own errors ({@code States.QueryEvaluationError},
 * {@code States.IntrinsicFailure}, {@code States.Runtime}).
 *
 * <p>Not thread safe: one evaluation, one thread.
 */
public final class EvaluationBudget {

    /** Which bound an evaluation passed. */
    public enum Kind { TIME, SIZE }

    /** {@link #deadline} before the first {@link #checkTime()} sets it. */
    private static final long UNSET = Long.MIN_VALUE;

    private final EvaluationLimits limits;
    private long deadline = UNSET;
    private long remaining;

    EvaluationBudget(EvaluationLimits limits) {
        this.limits = limits;
        this.remaining = limits.size();
    }

    public EvaluationLimits limits() {
        return limits;
    }

    /**
     * The deadline is set by the first check, not when the budget is made: most evaluations (a path, a
     * small intrinsic) never loop and never check, and start no clock. An evaluation checks before any
     * loop or library call can run long, so the time it ran before its first check is short.
     *
     * @throws Exceeded {@link Kind#TIME} once the clock reads past the deadline
     */
    public void checkTime() {
        long now = limits.clock().millis();
        if (deadline == UNSET) {
            long time = limits.time().toMillis();
            deadline = now > Long.MAX_VALUE - time ? Long.MAX_VALUE : now + time;
        } else if (now > deadline) {
            throw new Exceeded(Kind.TIME, limits);
        }
    }

    /**
     * Counts {@code units} characters or elements against the size bound.
     *
     * @throws Exceeded {@link Kind#SIZE} once the evaluation has built more than the bound allows
     */
    public void charge(long units) {
        remaining -= Math.max(0, units);
        if (remaining < 0) {
            throw new Exceeded(Kind.SIZE, limits);
        }
    }

    /**
     * An evaluation passed one of its bounds. Carries no stack trace: it is an answer, not a bug, and
     * may be thrown from deep inside a library.
     */
    public static final class Exceeded extends RuntimeException {
        private final Kind kind;

        Exceeded(Kind kind, EvaluationLimits limits) {
            super(kind == Kind.TIME
                    ? "the evaluation ran longer than " + limits.time().toMillis() + " ms"
                    : "the evaluation built more than " + limits.size() + " characters and elements",
                    null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }
}
