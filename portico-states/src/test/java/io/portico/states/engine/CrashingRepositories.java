package io.portico.states.engine;

import io.portico.core.paging.PageTokens;
import io.portico.core.store.Insertion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The engine's repositories over real ones, with a power switch: once armed with a budget of N commits,
 * the N first writes of executions, Map Runs and task tokens go through and every later one fails with
 * {@link Crash} before it reaches the store, as if the process had died right after its Nth commit.
 * Reads keep working, so the dead engine's threads find out only when they next write. Counting every
 * write (unarmed) tells how many commits an uninterrupted run makes.
 *
 * <p>State machines and activities are created before a run and are not counted. Thread safe.
 */
final class CrashingRepositories implements StatesRepositories {
    /** A write after the simulated crash. */
    static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash: the process died after its last commit", null, false, false);
        }
    }

    private final StatesRepositories real;
    private final AtomicInteger commits = new AtomicInteger();
    private volatile int budget = Integer.MAX_VALUE;
    private final ExecutionRepository executions;
    private final MapRunRepository mapRuns;
    private final TokenLedger tokens;

    CrashingRepositories(StatesRepositories real) {
        this.real = real;
        this.executions = new Executions(real.executions());
        this.mapRuns = new MapRuns(real.mapRuns());
        this.tokens = new Ledger(real.tokens());
    }

    /** From now on, {@code n} more commits go through; every later write fails. */
    void crashAfter(int n) {
        commits.set(0);
        budget = n;
    }

    /** Counts commits from zero, without a crash. */
    void count() {
        commits.set(0);
        budget = Integer.MAX_VALUE;
    }

    int commits() {
        return Math.min(commits.get(), budget);
    }

    boolean crashed() {
        return commits.get() > budget;
    }

    /**
     * Counts a checkpoint when the store runs it, not when it is asked for: the store takes the batch
     * then, so the commits that go through are exactly the first N the store makes, holding only what
     * was recorded before the crash.
     */
    private Supplier<ExecutionRepository.Batch> counted(Supplier<ExecutionRepository.Batch> pending) {
        return () -> {
            commit();
            return pending.get();
        };
    }

    private void commit() {
        if (commits.incrementAndGet() > budget) {
            throw new Crash();
        }
    }

    @Override
    public void migrate() {
        real.migrate();
    }

    @Override
    public StateMachineRepository machines() {
        return real.machines();
    }

    @Override
    public ExecutionRepository executions() {
        return executions;
    }

    @Override
    public MapRunRepository mapRuns() {
        return mapRuns;
    }

    @Override
    public ResourceRepository resources() {
        return real.resources();
    }

    @Override
    public TokenLedger tokens() {
        return tokens;
    }

    @Override
    public PageTokens pageTokens() {
        return real.pageTokens();
    }

    private final class Executions implements ExecutionRepository {
        private final ExecutionRepository real;

        Executions(ExecutionRepository real) {
            this.real = real;
        }

        @Override
        public Insertion<ExecutionRecord> insertIfAbsent(ExecutionRecord execution, List<HistoryEvent> events) {
            commit();
            return real.insertIfAbsent(execution, events);
        }

        @Override
        public void close(String arn, String status, Optional<String> output, Optional<String> error,
                          Optional<String> cause, Instant stop, List<HistoryEvent> events) {
            commit();
            real.close(arn, status, output, error, cause, stop, events);
        }

        @Override
        public boolean redrive(String arn, int redriveCount, Instant when, List<HistoryEvent> events) {
            commit();
            return real.redrive(arn, redriveCount, when, events);
        }

        @Override
        public void checkpoint(String arn, Supplier<Batch> pending) {
            real.checkpoint(arn, counted(pending));
        }

        @Override
        public void checkpointWaiting(String arn, Supplier<Batch> pending, WaitingTask task,
                                      Optional<TaskTokens.Completion> settled) {
            real.checkpointWaiting(arn, counted(pending), task, settled);
        }

        @Override
        public boolean checkpointHandOut(String arn, String token, Instant at, Optional<String> worker,
                                         Supplier<Batch> afterClaim) {
            return real.checkpointHandOut(arn, token, at, worker, counted(afterClaim));
        }

        @Override
        public Optional<CheckpointRow> checkpoint(String arn, String frameKey) {
            return real.checkpoint(arn, frameKey);
        }

        @Override
        public Optional<ExecutionRecord> find(String arn) {
            return real.find(arn);
        }

        @Override
        public List<ExecutionRecord> list(String machineArn, Optional<String> status, Optional<String> mapRunArn) {
            return real.list(machineArn, status, mapRunArn);
        }

        @Override
        public List<ExecutionRecord> running() {
            return real.running();
        }

        @Override
        public List<HistoryEvent> history(String arn) {
            return real.history(arn);
        }

        @Override
        public long lastEventId(String arn) {
            return real.lastEventId(arn);
        }

        @Override
        public int purgeClosedBefore(Instant cutoff) {
            return real.purgeClosedBefore(cutoff);
        }
    }

    private final class MapRuns implements MapRunRepository {
        private final MapRunRepository real;

        MapRuns(MapRunRepository real) {
            this.real = real;
        }

        @Override
        public void save(MapRunInfo run) {
            commit();
            real.save(run);
        }

        @Override
        public Optional<MapRunInfo> find(String arn) {
            return real.find(arn);
        }

        @Override
        public List<MapRunInfo> list(String executionArn) {
            return real.list(executionArn);
        }

        @Override
        public Optional<MapRunInfo> resumable(String executionArn, String stateMachineArn) {
            return real.resumable(executionArn, stateMachineArn);
        }

        @Override
        public int purgeClosedBefore(Instant cutoff) {
            return real.purgeClosedBefore(cutoff);
        }
    }

    private final class Ledger implements TokenLedger {
        private final TokenLedger real;

        Ledger(TokenLedger real) {
            this.real = real;
        }

        @Override
        public boolean settle(String token, TaskTokens.Completion outcome) {
            commit();
            return real.settle(token, outcome);
        }

        @Override
        public Optional<Stored> find(String token) {
            return real.find(token);
        }

        @Override
        public boolean beat(String token, Instant at) {
            commit();
            return real.beat(token, at);
        }

    }
}
