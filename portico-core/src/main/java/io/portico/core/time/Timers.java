package io.portico.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers on a {@link Clock}: run an action once the clock reads an instant, or block a thread until
 * it does (or until a future completes first). Every wait in Portico that depends on time goes
 * through one of these, on the clock the service was given, so that a test drives it by advancing a
 * {@link ManualClock} instead of sleeping.
 *
 * <p>How it works. Pending timers sit in a priority queue ordered by instant (ties in scheduling
 * order), guarded by one {@link ReentrantLock}. One dispatcher thread (virtual) takes every timer that
 * is due and fires it outside the lock, then waits on the lock's {@link Condition}: on a manual clock
 * until the clock advances (it notifies its subscribers) or a timer is added; on any other clock until
 * the earliest timer is due, by {@link Condition#awaitNanos}, so an idle process costs nothing and
 * nothing polls. A wall clock can be set forward or back while a wait is under way, so no real wait
 * is longer than a minute before the clock is read again. An action runs on a virtual thread of its
 * own, so a slow one delays no other timer; a waiting thread is woken by completing the future it
 * waits on, directly from the dispatcher.
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
    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);
    private static final Duration MAX_REAL_WAIT = Duration.ofMinutes(1);

    private final Dispatcher dispatcher;
    private final String name;
    private final boolean root;
    private boolean closed; // guarded by dispatcher.lock

    /** A timer that has been scheduled; cancelling it before it fires means it never fires. */
    public interface Scheduled {
        /** When the timer fires (or fired). */
        Instant at();

        /** Cancels the timer; true if this call stopped it from firing, false if it fired or was cancelled. */
        boolean cancel();
    }

    private Timers(Dispatcher dispatcher, String name, boolean root) {
        this.dispatcher = dispatcher;
        this.name = name;
        this.root = root;
    }

    /**
     * Timers on {@code clock}, their dispatcher and actions running on virtual threads named after
     * {@code name}. Close them when done.
     */
    public static Timers create(Clock clock, String name) {
        Dispatcher dispatcher = new Dispatcher(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(name, "name"));
        dispatcher.thread.start();
        return new Timers(dispatcher, name, true);
    }

    /**
     * Timers on the same dispatcher and clock whose actions run on threads named after {@code name}, and
     * which {@link #close} on their own: the service that takes a scope closes it when it stops.
     *
     * @throws IllegalStateException if these timers are closed
     */
    public Timers scope(String name) {
        Objects.requireNonNull(name, "name");
        dispatcher.lock.lock();
        try {
            checkOpen();
            return new Timers(dispatcher, name, false);
        } finally {
            dispatcher.lock.unlock();
        }
    }

    /** The clock these timers read. */
    public Clock clock() {
        return dispatcher.clock;
    }

    /**
     * Runs {@code action} on a virtual thread of its own once the clock reads {@code at} or later (at
     * once if it already does). An action that throws is logged.
     *
     * @throws IllegalStateException if these timers are closed
     */
    public Scheduled schedule(Instant at, Runnable action) {
        Objects.requireNonNull(action, "action");
        return add(at, () -> Thread.ofVirtual().name(name + "-timer").start(() -> runLogged(name, action)), null);
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
            Entry entry = add(deadline, () -> alarm.complete(null), alarm);
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
        dispatcher.lock.lock();
        try {
            return (int) dispatcher.entries.stream().filter(this::sees).count();
        } finally {
            dispatcher.lock.unlock();
        }
    }

    /** When the earliest pending timer {@link #pending} counts fires, if any. */
    public Optional<Instant> nextDue() {
        dispatcher.lock.lock();
        try {
            return dispatcher.entries.stream().filter(this::sees).map(Entry::at).min(Instant::compareTo);
        } finally {
            dispatcher.lock.unlock();
        }
    }

    /**
     * Closes these timers: their pending actions never run, and threads waiting on them get an
     * {@link IllegalStateException}. Actions already started run to their end. Closing the timers
     * {@link #create} made also stops the dispatcher and so closes every scope. Idempotent.
     */
    @Override
    public void close() {
        if (root) {
            dispatcher.close();
            return;
        }
        List<Entry> abandoned = new ArrayList<>();
        dispatcher.lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dispatcher.entries.removeIf(entry -> entry.owner == this && abandoned.add(entry));
        } finally {
            dispatcher.lock.unlock();
        }
        abandoned.forEach(Entry::abandon);
    }

    private boolean sees(Entry entry) {
        return root || entry.owner == this;
    }

    /** Called with the lock held. */
    private void checkOpen() {
        if (closed || dispatcher.closed) {
            throw new IllegalStateException("timers " + name + " are closed");
        }
    }

    private Entry add(Instant at, Runnable fire, CompletableFuture<Void> waiter) {
        Objects.requireNonNull(at, "at");
        dispatcher.lock.lock();
        try {
            checkOpen();
            Entry entry = new Entry(this, at, dispatcher.sequence++, fire, waiter);
            dispatcher.entries.add(entry);
            // Only a new earliest timer changes when the dispatcher must wake: one behind it is taken when
            // the dispatcher wakes for the earlier one. Most timers are deadlines that never fire, so this
            // spares the dispatcher a wake-up (and a timed re-park) for each.
            if (dispatcher.entries.peek() == entry) {
                dispatcher.changed.signalAll();
            }
            return entry;
        } finally {
            dispatcher.lock.unlock();
        }
    }

    private static void runLogged(String name, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            LOG.warn("A timer of {} failed", name, e);
        }
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

    /** The one thread, queue and lock every scope of a {@link #create}d Timers shares. */
    private static final class Dispatcher {
        private final Clock clock;
        private final String name;
        private final boolean manual;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final PriorityQueue<Entry> entries = new PriorityQueue<>();
        private final ManualClock.Subscription subscription;
        private final Thread thread;
        private long sequence; // guarded by lock
        private boolean closed; // guarded by lock

        Dispatcher(Clock clock, String name) {
            this.clock = clock;
            this.name = name;
            this.manual = clock instanceof ManualClock;
            this.subscription = clock instanceof ManualClock m ? m.onAdvance(this::clockAdvanced) : () -> { };
            this.thread = Thread.ofVirtual().name(name + "-timers").unstarted(this::dispatch);
        }

        void close() {
            List<Entry> abandoned;
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
            abandoned.forEach(Entry::abandon);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
            List<Entry> due = new ArrayList<>();
            while (true) {
                lock.lock();
                try {
                    while (!closed && !takeDue(due)) {
                        awaitChange();
                    }
                    if (closed) {
                        return;
                    }
                } catch (InterruptedException e) {
                    continue; // only close() ends the dispatcher, and it says so through closed
                } finally {
                    lock.unlock();
                }
                due.forEach(entry -> runLogged(name, entry.fire));
                due.clear();
            }
        }

        /** Moves every due entry to {@code due}; true if there was any. Called with the lock held. */
        private boolean takeDue(List<Entry> due) {
            Instant now = clock.instant();
            while (!entries.isEmpty() && !entries.peek().at.isAfter(now)) {
                due.add(entries.poll());
            }
            return !due.isEmpty();
        }

        /** Waits for a change: a new timer, a closed flag, an advanced manual clock or the earliest due time. */
        private void awaitChange() throws InterruptedException {
            Entry first = entries.peek();
            if (first == null || manual) {
                changed.await();
                return;
            }
            Duration wait = Duration.between(clock.instant(), first.at);
            changed.awaitNanos((wait.compareTo(MAX_REAL_WAIT) > 0 ? MAX_REAL_WAIT : wait).toNanos());
        }
    }

    /** One pending timer: what to run, or which waiting thread to wake (and fail, should its scope close). */
    private static final class Entry implements Scheduled, Comparable<Entry> {
        private final Timers owner;
        private final Instant at;
        private final long sequence;
        private final Runnable fire;
        private final CompletableFuture<Void> waiter;

        Entry(Timers owner, Instant at, long sequence, Runnable fire, CompletableFuture<Void> waiter) {
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
            ReentrantLock lock = owner.dispatcher.lock;
            lock.lock();
            try {
                return owner.dispatcher.entries.remove(this);
            } finally {
                lock.unlock();
            }
        }

        void abandon() {
            if (waiter != null) {
                waiter.completeExceptionally(new IllegalStateException("timers " + owner.name + " closed"));
            }
        }

        @Override
        public int compareTo(Entry other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
