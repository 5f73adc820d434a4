package io.portico.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one queue and dispatcher thread behind a {@link Timers} and all its scopes.
 *
 * <p>Pending timers sit in a priority queue ordered by instant (ties in scheduling order), guarded by
 * one {@link ReentrantLock}, which also guards every scope's closed flag. The dispatcher (a virtual
 * thread) fires every due timer and then waits on the lock's {@link Condition}: on a manual clock
 * until the clock advances (it notifies its subscribers) or a new earliest timer is added; on any
 * other clock until the earliest timer is due, by {@link Condition#awaitNanos}, so an idle process
 * costs nothing and nothing polls. A wall clock can be set forward or back while a wait is under way,
 * so no real wait is longer than a minute before the clock is read again.
 *
 * <p>Timers fire under the lock, so a scope that closes either removed a timer first or saw it fire:
 * nothing of a closed scope starts afterwards. Firing never blocks: it starts the action's virtual
 * thread, or completes the future a waiting thread waits on.
 */
final class TimerQueue {
    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);
    private static final Duration MAX_REAL_WAIT = Duration.ofMinutes(1);

    private final Clock clock;
    private final String name;
    private final boolean manual;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<TimerEntry> entries = new PriorityQueue<>();
    private final ManualClock.Subscription subscription;
    private final Thread dispatcher;
    private long sequence; // guarded by lock
    private boolean closed; // guarded by lock

    TimerQueue(Clock clock, String name) {
        this.clock = clock;
        this.name = name;
        this.manual = clock instanceof ManualClock;
        this.subscription = clock instanceof ManualClock m ? m.onAdvance(this::clockAdvanced) : () -> { };
        this.dispatcher = Thread.ofVirtual().name(name + "-timers").unstarted(this::dispatch);
    }

    void start() {
        dispatcher.start();
    }

    Clock clock() {
        return clock;
    }

    /**
     * Queues a timer of {@code owner}.
     *
     * @throws IllegalStateException if the queue or the owner is closed
     */
    TimerEntry add(Timers owner, Instant at, Runnable fire, CompletableFuture<Void> waiter) {
        lock.lock();
        try {
            checkOpen(owner);
            TimerEntry entry = new TimerEntry(this, owner, at, sequence++, fire, waiter);
            entries.add(entry);
            // Only a new earliest timer changes when the dispatcher must wake: one behind it is taken when
            // the dispatcher wakes for the earlier one. Most timers are deadlines that never fire, so this
            // spares the dispatcher a wake-up (and a timed re-park) for each.
            if (entries.peek() == entry) {
                changed.signalAll();
            }
            return entry;
        } finally {
            lock.unlock();
        }
    }

    /** Throws unless the queue and {@code owner} are open. */
    void checkOpen(Timers owner) {
        lock.lock();
        try {
            if (closed || owner.closed) {
                throw new IllegalStateException("timers " + owner.name() + " are closed");
            }
        } finally {
            lock.unlock();
        }
    }

    boolean remove(TimerEntry entry) {
        lock.lock();
        try {
            return entries.remove(entry);
        } finally {
            lock.unlock();
        }
    }

    /** Timers of {@code owner} pending ({@code null}: of every owner). */
    int pending(Timers owner) {
        lock.lock();
        try {
            return owner == null ? entries.size() : (int) entries.stream().filter(e -> e.owner() == owner).count();
        } finally {
            lock.unlock();
        }
    }

    /** When the earliest pending timer of {@code owner} fires ({@code null}: of every owner). */
    Optional<Instant> nextDue(Timers owner) {
        lock.lock();
        try {
            return owner == null ? Optional.ofNullable(entries.peek()).map(TimerEntry::at)
                    : entries.stream().filter(e -> e.owner() == owner).map(TimerEntry::at).min(Instant::compareTo);
        } finally {
            lock.unlock();
        }
    }

    /** Closes {@code owner}: its pending timers are dropped and its waiting threads failed. Idempotent. */
    void closeScope(Timers owner) {
        List<TimerEntry> abandoned = new ArrayList<>();
        lock.lock();
        try {
            owner.closed = true;
            entries.removeIf(entry -> entry.owner() == owner && abandoned.add(entry));
        } finally {
            lock.unlock();
        }
        abandoned.forEach(TimerEntry::abandon);
    }

    /** Stops the dispatcher, dropping every pending timer of every owner; waits for it to end. Idempotent. */
    void close() {
        List<TimerEntry> abandoned;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            abandoned = new ArrayList<>(entries);
            entries.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        subscription.close();
        abandoned.forEach(TimerEntry::abandon);
        try {
            dispatcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void runLogged(String name, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            LOG.warn("A timer of {} failed", name, e);
        }
    }

    private void clockAdvanced() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dispatch() {
        lock.lock();
        try {
            while (!closed) {
                if (!fireDue()) {
                    try {
                        awaitChange();
                    } catch (InterruptedException e) {
                        // only close() ends the dispatcher, and it says so through closed
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Fires every due timer; true if there was any. Called with the lock held. */
    private boolean fireDue() {
        Instant now = clock.instant();
        boolean fired = false;
        while (!entries.isEmpty() && !entries.peek().at().isAfter(now)) {
            TimerEntry entry = entries.poll();
            runLogged(entry.owner().name(), entry.fire());
            fired = true;
        }
        return fired;
    }

    /** Waits for a change: a new earliest timer, a closed flag, an advanced manual clock or the earliest due time. */
    private void awaitChange() throws InterruptedException {
        TimerEntry first = entries.peek();
        if (first == null || manual) {
            changed.await();
            return;
        }
        Duration wait = Duration.between(clock.instant(), first.at());
        changed.awaitNanos((wait.compareTo(MAX_REAL_WAIT) > 0 ? MAX_REAL_WAIT : wait).toNanos());
    }
}
