package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * Runs the branches of a Parallel state or the iterations of a Map state side by side on a fixed
 * number of virtual threads, each taking the next index until none is left. Results come back in
 * branch order. The first failure beyond {@code toleratedFailures} cancels the branches still running
 * (by interrupting them), no further branch starts, and it is rethrown; a stop of the execution
 * interrupts every worker.
 *
 * <p>Why workers and not a thread per branch: a Map may have 100,000 items. A thread per item, even a
 * virtual one held back by a semaphore, is an object per item kept until the fan-out ends; started all
 * at once, it is 100,000 stacks alive together, each holding its frame, its input and whatever its
 * state was doing. With {@code concurrency} workers the memory of the fan-out is that of
 * {@code concurrency} running branches plus one result slot per branch, whatever the item count.
 *
 * <p>One instance per fan-out; not reusable.
 */
final class Branches {
    private final ExecutionRun run;
    private final int count;
    private final IntFunction<JsonNode> branch;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock(); // guards the first unexpected failure
    private final JsonNode[] results;
    private final StatesError[] failures;
    private final List<Thread> workers;
    private int toleratedFailures; // set before the workers start, read by them
    private volatile boolean cancelled;
    private volatile RuntimeException unexpected;

    /** The outcome of a fan-out: every result in order, and the failures (null where a branch succeeded). */
    record Outcome(JsonNode[] results, StatesError[] failures) {
    }

    /**
     * @param concurrency how many branches may run at once, at least 1; no more workers than branches
     *                    are started
     */
    Branches(ExecutionRun run, int count, int concurrency, IntFunction<JsonNode> branch) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        this.run = run;
        this.count = count;
        this.branch = branch;
        this.results = new JsonNode[count];
        this.failures = new StatesError[count];
        List<Thread> threads = new ArrayList<>(Math.min(count, concurrency));
        for (int i = 0; i < Math.min(count, concurrency); i++) {
            threads.add(Thread.ofVirtual().unstarted(this::work));
        }
        this.workers = List.copyOf(threads);
    }

    /**
     * Runs everything. More than {@code toleratedFailures} failures (0 for Parallel and the inline Map)
     * cancel the rest; a {@code States.Runtime} failure always does.
     */
    Outcome run(int toleratedFailures) {
        this.toleratedFailures = toleratedFailures;
        try {
            for (Thread worker : workers) {
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
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

    /** One worker: takes the next branch until none is left or the fan-out is cancelled. */
    private void work() {
        run.enlist(Thread.currentThread());
        try {
            for (int index = next.getAndIncrement(); index < count && !cancelled; index = next.getAndIncrement()) {
                if (!runBranch(index)) {
                    return;
                }
            }
        } finally {
            run.dismiss(Thread.currentThread());
        }
    }

    /** Runs one branch; false when the worker must stop (cancelled, stopped, or an unexpected failure). */
    private boolean runBranch(int index) {
        try {
            results[index] = branch.apply(index);
            return true;
        } catch (StatesError e) {
            failures[index] = e;
            if (failed.incrementAndGet() > toleratedFailures || isTerminal(e)) {
                cancel();
            }
            return true;
        } catch (ExecutionInterrupted e) {
            return false; // cancelled by a sibling's failure or by a stop; the caller finds out which
        } catch (RuntimeException e) {
            unexpected(e);
            return false;
        } catch (StackOverflowError | OutOfMemoryError | LinkageError e) {
            // Not an interrupt landing anywhere: Portico's own failure, which ends the execution. Caught,
            // so the worker cannot die leaving its branch with neither a result nor a failure.
            failures[index] = InternalFailure.of(e);
            cancel();
            return false;
        }
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
        workers.forEach(Thread::interrupt);
    }

    private void joinQuietly() {
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException ignored) {
                // already unwinding
            }
        }
    }
}
