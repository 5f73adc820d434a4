package io.portico.states.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How a running execution waits (Wait states, retry back-off). The deadline of a wait that must
 * survive a crash is stored by the {@link Checkpointer} before the wait starts; this only blocks the
 * execution's virtual thread, and a stop interrupts it.
 */
public interface Timers {

    void sleep(ExecutionRun run, Duration duration);

    default void sleepUntil(ExecutionRun run, Clock clock, Instant until) {
        Duration remaining = Duration.between(clock.instant(), until);
        if (!remaining.isNegative() && !remaining.isZero()) {
            sleep(run, remaining);
        }
    }

    /** Sleeps on the calling thread. */
    Timers SLEEPING = (run, duration) -> {
        run.checkRunning();
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionInterrupted();
        }
        run.checkRunning();
    };
}
