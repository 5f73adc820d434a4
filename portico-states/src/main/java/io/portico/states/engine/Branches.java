package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * Runs the branches of a Parallel state or the iterations of a Map state side by side, each on a
 * virtual thread of its own, at most {@code maxConcurrency} at a time (0 = no limit). Results come
 * back in branch order. The first failure beyond {@code toleratedFailures} cancels the branches still
 * running (by interrupting them) and is rethrown; a stop of the execution interrupts every branch.
 *
 * <p>One instance per fan-out; not reusable.
 */
final class Branches {
    private final ExecutionRun run;
    private final int count;
    private final int maxConcurrency;
    private final IntFunction<JsonNode> branch;
    private final ReentrantLock lock = new ReentrantLock(); // guards threads and the first unexpected failure
    private final List<Thread> threads = new ArrayList<>();
    private final JsonNode[] results;
    private final StatesError[] failures;
    private volatile boolean cancelled;
    private volatile RuntimeException unexpected;

    /** The outcome of a fan-out: every result in order, and the failures (null where a branch succeeded). */
    record Outcome(JsonNode[] results, StatesError[] failures) {
    }

    Branches(ExecutionRun run, int count, int maxConcurrency, IntFunction<JsonNode> branch) {
        this.run = run;
        this.count = count;
        this.maxConcurrency = maxConcurrency;
        this.branch = branch;
        this.results = new JsonNode[count];
        this.failures = new StatesError[count];
    }

    /**
     * Runs everything. {@code failFast} decides whether the first failure cancels the others (Parallel,
     * inline Map) or all run to the end (a Map that tolerates failures).
     */
    Outcome run(int toleratedFailures) {
        Semaphore permits = new Semaphore(maxConcurrency <= 0 ? Integer.MAX_VALUE : maxConcurrency);
        AtomicInteger failed = new AtomicInteger();
        try {
            for (int i = 0; i < count && !cancelled; i++) {
                permits.acquire();
                if (cancelled) {
                    permits.release();
                    break;
                }
                int index = i;
                Thread thread = Thread.ofVirtual().unstarted(() -> {
                    run.enlist(Thread.currentThread());
                    try {
                        results[index] = branch.apply(index);
                    } catch (StatesError e) {
                        failures[index] = e;
                        if (failed.incrementAndGet() > toleratedFailures || isTerminal(e)) {
                            cancel();
                        }
                    } catch (ExecutionInterrupted e) {
                        // cancelled by a sibling's failure or by a stop; the caller finds out which
                    } catch (RuntimeException e) {
                        unexpected(e);
                    } catch (StackOverflowError e) {
                        // Not an interrupt landing anywhere: Portico's own failure, which ends the execution.
                        failures[index] = InternalFailure.of(e);
                        cancel();
                    } finally {
                        run.dismiss(Thread.currentThread());
                        permits.release();
                    }
                });
                lock.lock();
                try {
                    threads.add(thread);
                } finally {
                    lock.unlock();
                }
                thread.start();
            }
            for (Thread thread : snapshot()) {
                thread.join();
            }
        } catch (InterruptedException e) {
            cancel();
            joinQuietly();
            Thread.currentThread().interrupt();
            throw new ExecutionInterrupted();
        }
        run.checkRunning();
        if (unexpected != null) {
            throw unexpected;
        }
        return new Outcome(results, failures);
    }

    /**
     * A branch failed outside ASL (a store call, say). When the branch was being cancelled or the
     * execution stopped, that is the interrupt landing inside the call and means nothing more;
     * otherwise the fan-out is cancelled and the failure rethrown to the caller.
     */
    private void unexpected(RuntimeException e) {
        if (cancelled || run.stopResult().isPresent()) {
            return;
        }
        lock.lock();
        try {
            if (unexpected == null) {
                unexpected = e;
            }
        } finally {
            lock.unlock();
        }
        cancel();
    }

    private static boolean isTerminal(StatesError e) {
        return StatesError.RUNTIME.equals(e.error());
    }

    private void cancel() {
        cancelled = true;
        snapshot().forEach(Thread::interrupt);
    }

    private List<Thread> snapshot() {
        lock.lock();
        try {
            return new ArrayList<>(threads);
        } finally {
            lock.unlock();
        }
    }

    private void joinQuietly() {
        for (Thread thread : snapshot()) {
            try {
                thread.join();
            } catch (InterruptedException ignored) {
                // already unwinding
            }
        }
    }
}
