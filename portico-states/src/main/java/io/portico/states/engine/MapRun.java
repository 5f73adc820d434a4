package io.portico.states.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One running Map Run: its settings (which UpdateMapRun may change while it runs), its item and
 * child-execution counts, the concurrency gate its children pass, and the children still running so
 * that a failed or stopped run can abort them.
 *
 * <p>Every change is handed to a sink (the store for STANDARD parents, nothing for EXPRESS ones) as a
 * fresh snapshot; the sink is called under one lock so a later snapshot is never overwritten by an
 * earlier one.
 *
 * <p>Thread safe.
 */
final class MapRun {
    private static final int ITEMS = 0;
    private static final int EXECUTIONS = 1;

    private final String arn;
    private final String executionArn;
    private final String stateMachineArn;
    private final Instant startDate;
    private final Consumer<MapRunInfo> sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private final ReentrantLock sinkLock = new ReentrantLock(); // orders snapshots into the sink (a store write)
    private final Set<ExecutionRun> children = ConcurrentHashMap.newKeySet();
    /** [ITEMS|EXECUTIONS][pending, running, succeeded, failed, timedOut, aborted, total, resultsWritten]. */
    private final long[][] counts = new long[2][8];
    private int maxConcurrency;
    private Optional<Long> toleratedCount;
    private Optional<Double> toleratedPercentage;
    private int slotsTaken;
    private String status = "RUNNING";
    private Optional<Instant> stopDate = Optional.empty();

    MapRun(String arn, String executionArn, String stateMachineArn, Instant startDate, MapLimits limits,
           long items, long executions, Consumer<MapRunInfo> sink) {
        this.arn = arn;
        this.executionArn = executionArn;
        this.stateMachineArn = stateMachineArn;
        this.startDate = startDate;
        this.sink = sink;
        this.maxConcurrency = limits.maxConcurrency();
        this.toleratedCount = limits.toleratedFailureCount();
        this.toleratedPercentage = limits.toleratedFailurePercentage();
        counts[ITEMS][0] = items;
        counts[ITEMS][6] = items;
        counts[EXECUTIONS][0] = executions;
        counts[EXECUTIONS][6] = executions;
    }

    String arn() {
        return arn;
    }

    String executionArn() {
        return executionArn;
    }

    String stateMachineArn() {
        return stateMachineArn;
    }

    /** Waits until fewer than MaxConcurrency children run (0 = no limit), then takes a place. */
    void acquireSlot() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (maxConcurrency > 0 && slotsTaken >= maxConcurrency) {
                slotFreed.await();
            }
            slotsTaken++;
        } finally {
            lock.unlock();
        }
    }

    void releaseSlot() {
        lock.lock();
        try {
            slotsTaken--;
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void childStarted(ExecutionRun child, int items) {
        children.add(child);
        change(() -> {
            move(ITEMS, 0, 1, items);
            move(EXECUTIONS, 0, 1, 1);
        });
    }

    /** A child ended with {@code status} (an execution status); its items move with it. */
    void childEnded(ExecutionRun child, int items, String status) {
        children.remove(child);
        int column = switch (status) {
            case "SUCCEEDED" -> 2;
            case "FAILED" -> 3;
            case "TIMED_OUT" -> 4;
            default -> 5;
        };
        change(() -> {
            move(ITEMS, 1, column, items);
            move(EXECUTIONS, 1, column, 1);
            if (column == 2) {
                counts[ITEMS][7] += items;
                counts[EXECUTIONS][7] += 1;
            }
        });
    }

    /** Items of a child that was never started because the run failed or stopped first. */
    void childSkipped(int items) {
        change(() -> {
            move(ITEMS, 0, 5, items);
            move(EXECUTIONS, 0, 5, 1);
        });
    }

    /** Whether the failed and timed-out items now exceed the tolerated failure threshold. */
    boolean thresholdExceeded() {
        lock.lock();
        try {
            long failed = counts[ITEMS][3] + counts[ITEMS][4];
            return MapLimits.exceeded(toleratedCount, toleratedPercentage, failed, counts[ITEMS][6]);
        } finally {
            lock.unlock();
        }
    }

    /** Stops every child still running; each then ends ABORTED. */
    void abortChildren() {
        children.forEach(c -> c.stop(new ExecutionResult.Aborted(null, null)));
    }

    void close(String finalStatus, Instant when) {
        change(() -> {
            status = finalStatus;
            stopDate = Optional.of(when);
        });
    }

    /** UpdateMapRun: applies the given settings to the running run and wakes children waiting for a place. */
    void update(Optional<Integer> newMaxConcurrency, Optional<Long> newCount, Optional<Double> newPercentage) {
        change(() -> {
            newMaxConcurrency.ifPresent(v -> maxConcurrency = v);
            if (newCount.isPresent()) {
                toleratedCount = newCount;
            }
            if (newPercentage.isPresent()) {
                toleratedPercentage = newPercentage;
            }
            slotFreed.signalAll();
        });
    }

    MapRunInfo snapshot() {
        lock.lock();
        try {
            return new MapRunInfo(arn, executionArn, stateMachineArn, status, startDate, stopDate, maxConcurrency,
                    toleratedCount, toleratedPercentage, counts(ITEMS), counts(EXECUTIONS));
        } finally {
            lock.unlock();
        }
    }

    private MapRunCounts counts(int row) {
        long[] c = counts[row];
        return new MapRunCounts(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], 0, 0);
    }

    private void move(int row, int from, int to, long n) {
        counts[row][from] -= n;
        counts[row][to] += n;
    }

    private void change(Runnable mutation) {
        sinkLock.lock();
        try {
            lock.lock();
            try {
                mutation.run();
            } finally {
                lock.unlock();
            }
            sink.accept(snapshot());
        } finally {
            sinkLock.unlock();
        }
    }
}
