package io.portico.states.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.store.Row;
import io.portico.core.store.Store;
import io.portico.states.engine.MapRunCounts;
import io.portico.states.engine.MapRunInfo;
import io.portico.states.engine.MapRunRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Map Runs of STANDARD executions in the store ({@code sfn_map_runs}, schema version 2). A run is
 * saved whole on every change (its counts are small); each save is one transaction. The child
 * executions themselves are ordinary rows of {@code sfn_executions} carrying the Map Run's ARN.
 *
 * <p>Thread safe.
 */
public final class MapRunStore implements MapRunRepository {
    private static final String COLUMNS = "arn, execution_arn, machine_arn, status, start_ms, stop_ms, max_concurrency, "
            + "tolerated_count, tolerated_percentage, item_counts, execution_counts";

    private final Store store;

    public MapRunStore(Store store) {
        this.store = store;
    }

    /** Inserts or replaces the run. */
    @Override
    public void save(MapRunInfo run) {
        store.write(tx -> tx.update("INSERT INTO sfn_map_runs (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                        + "ON CONFLICT (arn) DO UPDATE SET status=excluded.status, stop_ms=excluded.stop_ms, "
                        + "max_concurrency=excluded.max_concurrency, tolerated_count=excluded.tolerated_count, "
                        + "tolerated_percentage=excluded.tolerated_percentage, item_counts=excluded.item_counts, "
                        + "execution_counts=excluded.execution_counts",
                run.mapRunArn(), run.executionArn(), run.stateMachineArn(), run.status(),
                run.startDate().toEpochMilli(), run.stopDate().map(Instant::toEpochMilli).orElse(null),
                run.maxConcurrency(), run.toleratedFailureCount().orElse(null),
                run.toleratedFailurePercentage().orElse(null), counts(run.itemCounts()), counts(run.executionCounts())));
    }

    @Override
    public Optional<MapRunInfo> find(String arn) {
        return store.read(tx -> tx.queryOne("SELECT " + COLUMNS + " FROM sfn_map_runs WHERE arn=?",
                MapRunStore::run, arn));
    }

    /** The Map Runs an execution started, newest first. */
    @Override
    public List<MapRunInfo> list(String executionArn) {
        return store.read(tx -> tx.query("SELECT " + COLUMNS + " FROM sfn_map_runs WHERE execution_arn=? "
                + "ORDER BY start_ms DESC, arn", MapRunStore::run, executionArn));
    }

    /**
     * The run an execution left unfinished for this item processor: RUNNING when the process stopped,
     * or ABORTED by the shutdown's stop. A resumed execution continues it (same ARN) rather than
     * starting another; a run that ended SUCCEEDED or FAILED is never continued.
     */
    @Override
    public Optional<MapRunInfo> resumable(String executionArn, String stateMachineArn) {
        return store.read(tx -> tx.queryOne("SELECT " + COLUMNS + " FROM sfn_map_runs WHERE execution_arn=? "
                + "AND machine_arn=? AND status IN ('RUNNING', 'ABORTED') ORDER BY start_ms DESC LIMIT 1",
                MapRunStore::run, executionArn, stateMachineArn));
    }

    /** Deletes Map Runs that stopped before {@code cutoff} (history retention, as for executions). */
    @Override
    public int purgeClosedBefore(Instant cutoff) {
        return store.write(tx -> tx.update("DELETE FROM sfn_map_runs WHERE stop_ms IS NOT NULL AND stop_ms < ?",
                cutoff.toEpochMilli()));
    }

    private static String counts(MapRunCounts c) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("pending", c.pending()).put("running", c.running()).put("succeeded", c.succeeded())
                .put("failed", c.failed()).put("timedOut", c.timedOut()).put("aborted", c.aborted())
                .put("total", c.total()).put("resultsWritten", c.resultsWritten())
                .put("failuresNotRedrivable", c.failuresNotRedrivable()).put("pendingRedrive", c.pendingRedrive());
        return n.toString();
    }

    private static MapRunCounts counts(String text) {
        JsonNode n = ExecutionStore.parse(text);
        return new MapRunCounts(n.path("pending").asLong(), n.path("running").asLong(), n.path("succeeded").asLong(),
                n.path("failed").asLong(), n.path("timedOut").asLong(), n.path("aborted").asLong(),
                n.path("total").asLong(), n.path("resultsWritten").asLong(), n.path("failuresNotRedrivable").asLong(),
                n.path("pendingRedrive").asLong());
    }

    private static MapRunInfo run(Row r) {
        Long stop = r.nullableLong("stop_ms");
        String percentage = r.string("tolerated_percentage");
        return new MapRunInfo(r.string("arn"), r.string("execution_arn"), r.string("machine_arn"), r.string("status"),
                Instant.ofEpochMilli(r.longValue("start_ms")), Optional.ofNullable(stop).map(Instant::ofEpochMilli),
                (int) r.longValue("max_concurrency"), Optional.ofNullable(r.nullableLong("tolerated_count")),
                Optional.ofNullable(percentage).map(Double::valueOf), counts(r.string("item_counts")),
                counts(r.string("execution_counts")));
    }
}
