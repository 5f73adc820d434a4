package io.portico.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Timers on a {@link Clock}: run an action once the clock reads an instant, or block a thread until
 * it does (or until a future completes first). Every wait in Portico that depends on time goes
 * through one of these, on the clock the service was given, so that a test drives it by advancing a
 * {@link ManualClock} instead of sleeping.
 *
 * <p>How it works. One queue and one dispatcher thread ({@link TimerQueue}) fire timers when the clock
 * reaches them, and otherwise sleep until the earliest is due: an idle process costs nothing and
 * nothing polls. An action runs on a virtual thread of its own, so a slow one delays no other timer; a
 * waiting thread is woken by completing the future it waits on, directly from the dispatcher.
 *
 * <p>Scopes. The server creates one {@code Timers} and hands it to every service; a service takes a
 * {@link #scope} of it, which shares the one dispatcher but is closed on its own: closing a scope
 * drops the timers scheduled through it (and fails the threads waiting on it) and leaves every other
 * scope running, so a service stopping in the server's order cannot leave an action behind that fires
 * into it. Closing the timers {@link #create} made closes every scope.
 *
 * <p>Why not a {@code ScheduledExecutorService}: it counts real nanoseconds, not the injected clock,
 * so a test could only make time pass by waiting for it; and its platform threads are static or leak
 * when the owner forgets them. This is instance-owned: whoever creates it closes it.
 *
 * <p>Thread safe. No method accepts or returns null. No {@code synchronized} or {@code Object.wait}:
 * a virtual thread that waits here never pins its carrier.
 */
public final class Timers implements AutoCloseable {
    private final TimerQueue queue;
    private final String name;
    private final boolean root;
    boolean closed; // guarded by the queue's lock

    /** A timer that has been scheduled; cancelling it before it fires means it never fires. */
    public interface Scheduled {
        /** When the timer fires (or fired). */
        Instant at();

        /** Cancels the timer; true if this call stopped it from firing, false if it fired or was cancelled. */
        boolean cancel();
    }

    private Timers(TimerQueue queue, String name, boolean root) {
        this.queue = queue;
        this.name = name;
        this.root = root;
    }

    /**
     * Timers on {@code clock}, their dispatcher and actions running on virtual threads named after
     * {@code name}. Close them when done.
     */
    public static Timers create(Clock clock, String name) {
        TimerQueue queue = new TimerQueue(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(name, "name"));
        queue.start();
        return new Timers(queue, name, true);
    }

    /**
     * Timers on the same dispatcher and clock whose actions run on threads named after {@code name}, and
     * which {@link #close} on their own: the service that takes a scope closes it when it stops.
     *
     * @throws IllegalStateException if these timers are closed, or are themselves a scope (a scope of a
     *     scope would not close with it; take every scope from the timers {@link #create} made)
     */
    public Timers scope(String name) {
        Objects.requireNonNull(name, "name");
        if (!root) {
            throw new IllegalStateException("timers " + this.name + " are a scope: take scopes from the created timers");
        }
        queue.checkOpen(this);
        return new Timers(queue, name, false);
    }

    /** The clock these timers read. */
    public Clock clock() {
        return queue.clock();
    }

    /**
     * Runs {@code action} on a virtual thread of its own once the clock reads {@code at} or later (at
     * once if it already does). An action that throws is logged.
     *
     * @throws IllegalStateException if these timers are closed
     */
    public Scheduled schedule(Instant at, Runnable action) {
        Objects.requireNonNull(action, "action");
        return queue.add(this, Objects.requireNonNull(at, "at"),
                () -> Thread.ofVirtual().name(name + "-timer").start(() -> TimerQueue.runLogged(name, action)), null);
    }

    /** Runs {@code action} once {@code delay} has passed on the clock; see {@link #schedule(Instant, Runnable)}. */
    public Scheduled schedule(Duration delay, Runnable action) {
        return schedule(clock().instant().plus(delay), action);
    }

    /**
     * Blocks the calling thread until the clock reads {@code until} (returns at once if it already
     * does).
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws IllegalStateException if these timers are or get closed while waiting
     */
    public void sleepUntil(Instant until) throws InterruptedException {
        awaitUntil(new CompletableFuture<Void>(), until);
    }

    /** Blocks the calling thread until {@code duration} has passed on the clock. */
    public void sleep(Duration duration) throws InterruptedException {
        sleepUntil(clock().instant().plus(duration));
    }

    /**
     * Waits until {@code future} completes or the clock reads {@code deadline}, whichever comes first:
     * its value if it completed (its exception, unwrapped when unchecked, if it failed), empty if the
     * deadline came first. A future completed with null also reads as empty: a caller waiting on a
     * {@code CompletableFuture<Void>} signal asks the future whether it is done.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws IllegalStateException if these timers are or get closed while waiting
     */
    public <T> Optional<T> awaitUntil(CompletableFuture<T> future, Instant deadline) throws InterruptedException {
        if (!future.isDone() && deadline.isAfter(clock().instant())) {
            CompletableFuture<Void> alarm = new CompletableFuture<>();
            TimerEntry entry = queue.add(this, deadline, () -> alarm.complete(null), alarm);
            try {
                CompletableFuture.anyOf(future, alarm).get();
            } catch (ExecutionException e) {
                // the future failed, or the timers closed: told apart below
            } finally {
                entry.cancel();
            }
            if (!future.isDone() && alarm.isCompletedExceptionally()) {
                throw new IllegalStateException("timers " + name + " closed while a thread waited on them");
            }
        }
        return future.isDone() ? Optional.ofNullable(valueOf(future)) : Optional.empty();
    }

    /**
     * How many timers are scheduled and have not fired or been cancelled (through this scope; through
     * every scope for the timers {@link #create} made): for tests and metrics.
     */
    public int pending() {
        return queue.pending(root ? null : this);
    }

    /** When the earliest pending timer {@link #pending} counts fires, if any. */
    public Optional<Instant> nextDue() {
        return queue.nextDue(root ? null : this);
    }

    /**
     * Closes these timers: their pending actions never run, and threads waiting on them get an
     * {@link IllegalStateException}. Actions already started run to their end. Closing the timers
     * {@link #create} made also stops the dispatcher (waiting for it) and so closes every scope.
     * Idempotent.
     */
    @Override
    public void close() {
        if (root) {
            queue.close();
        } else {
            queue.closeScope(this);
        }
    }

    String name() {
        return name;
    }

    private static <T> T valueOf(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
