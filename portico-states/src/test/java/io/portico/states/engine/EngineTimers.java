package io.portico.states.engine;

import io.portico.core.time.Timers;
import java.time.Clock;

/**
 * Engine timers on the system clock for tests that do not drive time: one kit instance for the test
 * JVM (its dispatcher is a parked virtual thread; nothing closes it). Tests that drive time build
 * their own on a {@link io.portico.core.time.ManualClock}.
 */
public final class EngineTimers {
    private static final Timers SYSTEM =
            Timers.create(Clock.systemUTC(), "engine-tests");

    private EngineTimers() {
    }

    /** The kit timers on the system clock, for {@link TaskTokens}. */
    public static Timers kit() {
        return SYSTEM;
    }

    /** Engine timers that really wait, on the system clock. */
    public static ExecutionWaits waiting() {
        return ExecutionWaits.on(SYSTEM);
    }

    /** Task tokens on the system clock. */
    public static TaskTokens tokens() {
        return new TaskTokens(SYSTEM);
    }
}
