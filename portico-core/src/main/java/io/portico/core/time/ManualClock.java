package io.portico.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, and tells whoever waits on it when it moved: every
 * {@link Timers} built on a manual clock subscribes with {@link #onAdvance}, so a thread sleeping until
 * an instant, or an action scheduled for it, wakes as soon as the test advances the clock that far,
 * without any real time passing. Its {@link #withZone} views share the same time and subscribers.
 *
 * <p>Time only moves forward. Thread safe: any thread may advance the clock; listeners run on the
 * advancing thread after the new time is visible, and must be quick (they signal, never block).
 */
public final class ManualClock extends Clock {
    private final Shared shared;
    private final ZoneId zone;

    /** The time and the subscribers, shared by a clock and its zone views. */
    private record Shared(AtomicReference<Instant> now, List<Runnable> listeners) {
    }

    /** A subscription to a clock's advances; closing it stops the notifications. Idempotent. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private ManualClock(Shared shared, ZoneId zone) {
        this.shared = shared;
        this.zone = zone;
    }

    /** A UTC clock reading {@code start} until advanced. */
    public static ManualClock at(Instant start) {
        return new ManualClock(new Shared(new AtomicReference<>(Objects.requireNonNull(start, "start")),
                new CopyOnWriteArrayList<>()), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward by {@code by} (zero or positive) and then notifies the subscribers.
     *
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a manual clock only moves forward: " + by);
        }
        shared.now.updateAndGet(current -> current.plus(by));
        shared.listeners.forEach(Runnable::run);
    }

    /**
     * Moves the clock forward to {@code to}, if it reads earlier, and then notifies the subscribers.
     * A {@code to} at or before the current reading changes nothing.
     */
    public void advanceTo(Instant to) {
        shared.now.accumulateAndGet(to, (current, target) -> target.isAfter(current) ? target : current);
        shared.listeners.forEach(Runnable::run);
    }

    /** Calls {@code listener} after every advance, until the returned subscription is closed. */
    public Subscription onAdvance(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        shared.listeners.add(listener);
        return () -> shared.listeners.remove(listener);
    }

    @Override
    public Instant instant() {
        return shared.now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new ManualClock(shared, other);
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "," + zone + "]";
    }
}
