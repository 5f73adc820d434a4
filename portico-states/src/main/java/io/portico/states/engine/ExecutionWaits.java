package io.portico.states.engine;

import io.portico.core.time.Timers;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * How a running execution waits (Wait states, retry back-off) and how its deadlines fire (a Task's
 * TimeoutSeconds, an execution's TimeoutSeconds), on the platform's clock-driven
 * {@link Timers}: a test that gives the engine a
 * {@link io.portico.core.time.ManualClock} drives all of them by advancing it. The deadline of a wait
 * that must survive a crash is stored by the {@link Checkpointer} before the wait starts; this only
 * blocks the execution's virtual thread, and a stop interrupts it.
 *
 * <p>TestState uses {@link #withoutWaiting()}: the same deadlines, but sleeps that return at once.
 * Immutable; thread safe.
 */
public final class ExecutionWaits {
    private final Timers kit;
    private final boolean waits;

    private ExecutionWaits(Timers kit, boolean waits) {
        this.kit = Objects.requireNonNull(kit, "kit");
        this.waits = waits;
    }

    /** Waits and deadlines on {@code kit}, whose clock must be the interpreter's. Its owner closes it. */
    public static ExecutionWaits on(Timers kit) {
        return new ExecutionWaits(kit, true);
    }

    /** The same deadlines, with sleeps that only check that the execution still runs. */
    public ExecutionWaits withoutWaiting() {
        return new ExecutionWaits(kit, false);
    }

    /** The clock the waits and deadlines are on. */
    public Clock clock() {
        return kit.clock();
    }

    /**
     * Blocks the calling execution thread until the clock reads {@code until} (at once if it already
     * does); throws {@link ExecutionInterrupted} if the execution is stopped, before or during the wait,
     * or the engine shuts down.
     */
    void sleepUntil(ExecutionRun run, Instant until) {
        run.checkRunning();
        if (!waits) {
            return;
        }
        try {
            kit.sleepUntil(until);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionInterrupted();
        } catch (IllegalStateException closed) {
            throw new ExecutionInterrupted(); // the engine is shutting down
        }
        run.checkRunning();
    }

    /** Runs {@code action} once the clock reads {@code at}, unless cancelled first. */
    Timers.Scheduled alarm(Instant at, Runnable action) {
        return kit.schedule(at, action);
    }
}
