package io.portico.states.engine;

import io.portico.core.arn.Arn;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every Map Run of the engine: the running ones in memory (where UpdateMapRun reaches them), the ones
 * of STANDARD executions also in the store, and the child executions of STANDARD type as execution
 * rows that name their Map Run. Map Runs of EXPRESS executions (and of executions run without a
 * checkpointer, such as TestState) live in memory only, the last {@value #MEMORY_LIMIT} kept after
 * they end.
 *
 * <p>A STANDARD execution that resumes after a restart continues the Map Run it left unfinished (same
 * ARN; a shutdown's stop leaves it ABORTED in the store), and its children get the same ARNs as
 * before, derived from the Map Run and the item index.
 *
 * <p>Thread safe.
 */
public final class MapRuns {
    static final int MEMORY_LIMIT = 1000;

    private final Clock clock;
    private final Optional<MapRunRepository> store;
    private final Optional<ExecutionRepository> executions;
    private final Map<String, MapRun> live = new ConcurrentHashMap<>();
    private final ReentrantLock endedLock = new ReentrantLock();
    private final Map<String, MapRunInfo> ended = new LinkedHashMap<>(16, 0.75f, false) { // guarded by endedLock
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MapRunInfo> eldest) {
            return size() > MEMORY_LIMIT;
        }
    };

    private MapRuns(Clock clock, Optional<MapRunRepository> store, Optional<ExecutionRepository> executions) {
        this.clock = clock;
        this.store = store;
        this.executions = executions;
    }

    /** Map Runs kept in memory only (tests, and engines without a store). */
    public static MapRuns inMemory(Clock clock) {
        return new MapRuns(clock, Optional.empty(), Optional.empty());
    }

    /** Map Runs of STANDARD executions kept in the store, their children as execution rows. */
    public static MapRuns durable(Clock clock, MapRunRepository store, ExecutionRepository executions) {
        return new MapRuns(clock, Optional.of(store), Optional.of(executions));
    }

    Clock clock() {
        return clock;
    }

    /**
     * Starts (or, after a restart, continues) the Map Run of a distributed Map with {@code label} in
     * {@code parent}. {@code durable} says whether the parent is a STANDARD execution whose Map Runs
     * and children belong in the store.
     */
    MapRun open(ExecutionRun parent, String label, MapLimits limits, long items, long childCount, boolean durable) {
        ExecutionInfo info = parent.info();
        Arn parentArn = Arn.parse(info.executionArn()).orElseThrow();
        String machineArn = info.stateMachineArn() + "/" + label;
        boolean persisted = durable && store.isPresent();
        Optional<MapRunInfo> resumed = persisted ? store.get().resumable(info.executionArn(), machineArn) : Optional.empty();
        String arn = resumed.map(MapRunInfo::mapRunArn).orElseGet(() -> Arn.of("states", parentArn.region(),
                parentArn.account(), "mapRun:" + info.stateMachineName() + "/" + label + ":" + UUID.randomUUID()).toString());
        Instant start = resumed.map(MapRunInfo::startDate).orElseGet(clock::instant);
        MapRun run = new MapRun(arn, info.executionArn(), machineArn, start, limits, items, childCount,
                persisted ? store.get()::save : snapshot -> { });
        live.put(arn, run);
        if (persisted) {
            store.get().save(run.snapshot());
        }
        return run;
    }

    /** The run has ended: it leaves the live set (its last snapshot is already saved when durable). */
    void closed(MapRun run, boolean durable) {
        live.remove(run.arn());
        if (!durable || store.isEmpty()) {
            endedLock.lock();
            try {
                ended.put(run.arn(), run.snapshot());
            } finally {
                endedLock.unlock();
            }
        }
    }

    /** Whether child executions of this parent are stored as execution rows. */
    boolean storesChildren(boolean durable) {
        return durable && executions.isPresent();
    }

    Optional<ExecutionRepository> executionStore() {
        return executions;
    }

    public MapRunInfo describe(String mapRunArn) {
        checkArn(mapRunArn);
        MapRun running = live.get(mapRunArn);
        if (running != null) {
            return running.snapshot();
        }
        Optional<MapRunInfo> stored = store.flatMap(s -> s.find(mapRunArn));
        if (stored.isPresent()) {
            return stored.get();
        }
        endedLock.lock();
        try {
            MapRunInfo info = ended.get(mapRunArn);
            if (info != null) {
                return info;
            }
        } finally {
            endedLock.unlock();
        }
        throw notFound(mapRunArn);
    }

    /** The Map Runs an execution started, newest first. */
    public List<MapRunInfo> list(String executionArn) {
        Map<String, MapRunInfo> byArn = new LinkedHashMap<>();
        store.ifPresent(s -> s.list(executionArn).forEach(r -> byArn.put(r.mapRunArn(), r)));
        endedLock.lock();
        try {
            ended.values().stream().filter(r -> r.executionArn().equals(executionArn))
                    .forEach(r -> byArn.put(r.mapRunArn(), r));
        } finally {
            endedLock.unlock();
        }
        live.values().stream().filter(r -> r.executionArn().equals(executionArn))
                .forEach(r -> byArn.put(r.arn(), r.snapshot()));
        List<MapRunInfo> out = new ArrayList<>(byArn.values());
        out.sort(Comparator.comparing(MapRunInfo::startDate).reversed());
        return out;
    }

    /** UpdateMapRun: changes the settings of a running Map Run; they take effect at once. */
    public void update(String mapRunArn, Optional<Integer> maxConcurrency, Optional<Long> toleratedFailureCount,
                       Optional<Double> toleratedFailurePercentage) {
        MapRunInfo current = describe(mapRunArn);
        MapRun run = live.get(mapRunArn);
        if (run == null || !current.isRunning()) {
            // AWS accepts updates only while the Map Run is in progress.
            throw StepFunctionsException.of(StepFunctionsException.Kind.NOT_RUNNING,
                    "Map Run is not running: '" + mapRunArn + "'");
        }
        run.update(maxConcurrency, toleratedFailureCount, toleratedFailurePercentage);
    }

    /** ListExecutions with mapRunArn: the Map Run's stored child executions, newest first. */
    public List<ExecutionRecord> executions(String mapRunArn, Optional<String> status) {
        describe(mapRunArn);
        return executions.map(e -> e.list(mapRunArn, status, Optional.of(mapRunArn))).orElse(List.of());
    }

    static void checkArn(String arn) {
        Optional<Arn> parsed = Arn.parse(arn);
        if (parsed.isEmpty() || !parsed.get().service().equals("states") || !parsed.get().resource().startsWith("mapRun:")) {
            throw StepFunctionsException.malformedArn(arn);
        }
    }

    private static StepFunctionsException notFound(String arn) {
        return StepFunctionsException.of(StepFunctionsException.Kind.RESOURCE_NOT_FOUND,
                "Map Run Does Not Exist: '" + arn + "'");
    }
}
