package io.portico.core.time;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One pending timer of a {@link TimerQueue}: what to run, or which waiting thread to wake (and fail,
 * should its scope close), ordered by instant and then by scheduling order.
 */
final class TimerEntry implements Timers.Scheduled, Comparable<TimerEntry> {
    private final TimerQueue queue;
    private final Timers owner;
    private final Instant at;
    private final long sequence;
    private final Runnable fire;
    private final CompletableFuture<Void> waiter;

    TimerEntry(TimerQueue queue, Timers owner, Instant at, long sequence, Runnable fire,
            CompletableFuture<Void> waiter) {
        this.queue = queue;
        this.owner = owner;
        this.at = at;
        this.sequence = sequence;
        this.fire = fire;
        this.waiter = waiter;
    }

    @Override
    public Instant at() {
        return at;
    }

    @Override
    public boolean cancel() {
        return queue.remove(this);
    }

    Timers owner() {
        return owner;
    }

    Runnable fire() {
        return fire;
    }

    /** Fails the thread waiting on this timer, if one does: its timers closed under it. */
    void abandon() {
        if (waiter != null) {
            waiter.completeExceptionally(new IllegalStateException("timers " + owner.name() + " closed"));
        }
    }

    @Override
    public int compareTo(TimerEntry other) {
        int byTime = at.compareTo(other.at);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
}
