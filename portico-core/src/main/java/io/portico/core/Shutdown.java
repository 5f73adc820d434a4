package io.portico.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * What components share when the server stops: how long a {@link Component#close()} may wait for the
 * threads it interrupted, and how it says what it leaves unfinished.
 *
 * <p>Every such thing (a request still in flight, an execution left running, an invocation cut off, a
 * work item handed back) gets one WARN line starting {@code Shutdown abandoned}, so that a stop's log
 * says what it cost and a grep finds it all. Lines name things by identifier (an ARN, a request id, an
 * operation, a path without its query) and never carry a payload, a header or a query string, which may
 * hold secrets.
 *
 * <p>Waits here are on real time, not on the injected clock: they bound how long the process takes to
 * exit, whatever the engines' clock reads. Thread safe; stateless.
 */
public final class Shutdown {
    /** How long one component's close waits, in all, for the threads it interrupted to end. */
    public static final Duration JOIN_BUDGET = Duration.ofSeconds(2);

    private Shutdown() {
    }

    /** Logs one thing the shutdown leaves unfinished: {@code Shutdown abandoned <what>}. */
    public static void abandoned(Logger log, String what) {
        log.warn("Shutdown abandoned {}", what);
    }

    /**
     * Waits for {@code threads} to end, {@code budget} in all (not each), and returns those still
     * alive. An interrupt of the caller ends the wait early; the interrupt stays set.
     */
    public static List<Thread> join(Collection<Thread> threads, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || Thread.currentThread().isInterrupted() || !thread.join(Duration.ofNanos(left))) {
                    if (thread.isAlive()) {
                        alive.add(thread);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                alive.add(thread);
            }
        }
        return alive;
    }

    /** {@code seconds} since {@code startedNanos} (a {@link System#nanoTime()}), for "in flight 2.1 s". */
    public static String since(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
