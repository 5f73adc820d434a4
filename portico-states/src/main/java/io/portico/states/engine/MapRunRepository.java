package io.portico.states.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the Map Runs of STANDARD executions are kept. A run is saved whole on every change (its counts
 * are small); each save is one transaction, durable when it returns. The child executions themselves
 * are ordinary executions carrying the Map Run's ARN ({@link ExecutionRepository}). The engine owns this
 * interface; the module's {@code store} package implements it. Implementations are thread safe; nothing
 * is null.
 */
public interface MapRunRepository {

    /** Inserts or replaces the run. */
    void save(MapRunInfo run);

    Optional<MapRunInfo> find(String arn);

    /** The Map Runs an execution started, newest first. */
    List<MapRunInfo> list(String executionArn);

    /**
     * The run an execution left unfinished for this item processor: RUNNING when the process stopped,
     * or ABORTED by the shutdown's stop. A resumed execution continues it (same ARN) rather than
     * starting another; a run that ended SUCCEEDED or FAILED is never continued.
     */
    Optional<MapRunInfo> resumable(String executionArn, String stateMachineArn);

    /** Deletes Map Runs that stopped before {@code cutoff} (history retention, as for executions). */
    int purgeClosedBefore(Instant cutoff);
}
