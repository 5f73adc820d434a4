package io.portico.states.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.store.Insertion;
import io.portico.core.store.NewRow;
import io.portico.core.store.Row;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.states.engine.EventType;
import io.portico.states.engine.ExecutionRecord;
import io.portico.states.engine.ExecutionRepository;
import io.portico.states.engine.HistoryEvent;
import io.portico.states.engine.TaskTokens;
import io.portico.states.engine.WaitingTask;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * STANDARD executions, their history and their checkpoints in the store. Every method that changes
 * something is one transaction, durable when it returns. Thread safe.
 */
public final class ExecutionStore implements ExecutionRepository {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String COLUMNS = "arn, machine_arn, name, status, input, output, error, cause, start_ms, stop_ms, "
            + "definition, role_arn, version_arn, alias_arn, redrive_count, redrive_ms, trace_header, map_run_arn";

    private final Store store;

    public ExecutionStore(Store store) {
        this.store = store;
    }

    /**
     * Records a new execution with its first events unless one of that ARN exists (a name is unique per
     * state machine for 90 days), which then comes back untouched for StartExecution to judge: the same
     * ARN and start date for a repeat of a running execution with the same input, ExecutionAlreadyExists
     * otherwise.
     */
    @Override
    public Insertion<ExecutionRecord> insertIfAbsent(ExecutionRecord e, List<HistoryEvent> events) {
        NewRow row = NewRow.into("sfn_executions").key("arn", e.arn()).value("machine_arn", e.machineArn())
                .value("name", e.name()).value("status", e.status()).value("input", e.input())
                .value("output", e.output().orElse(null)).value("error", e.error().orElse(null))
                .value("cause", e.cause().orElse(null)).value("start_ms", e.startDate().toEpochMilli())
                .value("stop_ms", e.stopDate().map(Instant::toEpochMilli).orElse(null))
                .value("definition", e.definition()).value("role_arn", e.roleArn())
                .value("version_arn", e.versionArn().orElse(null)).value("alias_arn", e.aliasArn().orElse(null))
                .value("redrive_count", e.redriveCount())
                .value("redrive_ms", e.redriveDate().map(Instant::toEpochMilli).orElse(null))
                .value("trace_header", e.traceHeader().orElse(null)).value("map_run_arn", e.mapRunArn().orElse(null))
                .build();
        return store.write(tx -> {
            Insertion<ExecutionRecord> insertion = tx.insertIfAbsent(row, ExecutionStore::execution);
            if (insertion instanceof Insertion.Inserted) {
                appendEvents(tx, e.arn(), events);
            }
            return insertion;
        });
    }

    /** Closes an execution: its status and result, its last events, and its checkpoints are dropped. */
    @Override
    public void close(String arn, String status, Optional<String> output, Optional<String> error,
                      Optional<String> cause, Instant stop, List<HistoryEvent> events) {
        store.write(tx -> {
            appendEvents(tx, arn, events);
            tx.update("UPDATE sfn_executions SET status=?, output=?, error=?, cause=?, stop_ms=? WHERE arn=?",
                    status, output.orElse(null), error.orElse(null), cause.orElse(null), stop.toEpochMilli(), arn);
            tx.update("DELETE FROM sfn_checkpoints WHERE execution_arn=?", arn);
            TokenStore.deleteExecution(tx, arn);
            return null;
        });
    }

    /** Reopens a failed execution for RedriveExecution. */
    @Override
    public boolean redrive(String arn, int redriveCount, Instant when, List<HistoryEvent> events) {
        return store.write(tx -> {
            int reopened = tx.update("UPDATE sfn_executions SET status='RUNNING', output=NULL, error=NULL, cause=NULL, "
                    + "stop_ms=NULL, redrive_count=?, redrive_ms=? WHERE arn=? AND status<>'RUNNING' AND redrive_count=?",
                    redriveCount, when.toEpochMilli(), arn, redriveCount - 1);
            if (reopened == 1) {
                appendEvents(tx, arn, events);
            }
            return reopened == 1;
        });
    }

    @Override
    public void checkpoint(String arn, Supplier<Batch> pending) {
        store.write(tx -> {
            write(tx, arn, pending.get());
            return null;
        });
    }

    @Override
    public void checkpointWaiting(String arn, Supplier<Batch> pending, WaitingTask task,
                                  Optional<TaskTokens.Completion> settled) {
        store.write(tx -> {
            Batch batch = pending.get();
            write(tx, arn, batch);
            String frameKey = batch.frames().getLast().frameKey();
            TokenStore.replace(tx, arn, frameKey, task);
            settled.ifPresent(outcome -> TokenStore.settle(tx, task.token(), outcome));
            return null;
        });
    }

    @Override
    public boolean checkpointHandOut(String arn, String token, Instant at, Optional<String> worker,
                                     Supplier<Batch> afterClaim) {
        return store.write(tx -> {
            if (!TokenStore.handOut(tx, token, at, worker)) {
                return false;
            }
            write(tx, arn, afterClaim.get());
            return true;
        });
    }

    /** Appends the batch's events and upserts its frames, each of which waits on no task token any more. */
    private static void write(StoreTransaction tx, String arn, Batch batch) {
        appendEvents(tx, arn, batch.events());
        for (FrameRow frame : batch.frames()) {
            upsertCheckpoint(tx, arn, frame);
            TokenStore.deleteFrame(tx, arn, frame.frameKey());
        }
    }

    private static void upsertCheckpoint(StoreTransaction tx, String arn, FrameRow f) {
        tx.update("INSERT INTO sfn_checkpoints (execution_arn, frame_key, state, input, variables, timer_ms, output, "
                        + "progress) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (execution_arn, frame_key) DO UPDATE SET "
                        + "state=excluded.state, input=excluded.input, variables=excluded.variables, "
                        + "timer_ms=excluded.timer_ms, output=excluded.output, progress=excluded.progress",
                arn, f.frameKey(), f.state(), f.input(), f.variables(), f.timerMs(), f.output(), f.progress());
    }

    @Override
    public Optional<CheckpointRow> checkpoint(String arn, String frameKey) {
        return store.read(tx -> tx.queryOne("SELECT state, input, variables, timer_ms, output, progress "
                        + "FROM sfn_checkpoints WHERE execution_arn=? AND frame_key=?",
                r -> new FrameRow(frameKey, r.string("state"), r.string("input"), r.string("variables"),
                        r.nullableLong("timer_ms"), r.string("output"), r.string("progress")), arn, frameKey)
                .map(row -> new CheckpointRow(row, TokenStore.find(tx, arn, frameKey))));
    }

    @Override
    public Optional<ExecutionRecord> find(String arn) {
        return store.read(tx -> tx.queryOne("SELECT " + COLUMNS + " FROM sfn_executions WHERE arn=?",
                ExecutionStore::execution, arn));
    }

    @Override
    public List<ExecutionRecord> list(String machineArn, Optional<String> status, Optional<String> mapRunArn) {
        // With a Map Run ARN, the Map Run's child executions (ListExecutions with mapRunArn).
        String key = mapRunArn.orElse(machineArn);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sfn_executions WHERE "
                + (mapRunArn.isPresent() ? "map_run_arn=?" : "machine_arn=?"));
        if (status.isPresent()) {
            sql.append(" AND status=?");
        }
        sql.append(" ORDER BY start_ms DESC, arn");
        Object[] params = status.isPresent() ? new Object[] {key, status.get()} : new Object[] {key};
        return store.read(tx -> tx.query(sql.toString(), ExecutionStore::execution, params));
    }

    @Override
    public List<ExecutionRecord> running() {
        // Distributed Map children are resumed by their parent, not on their own.
        return store.read(tx -> tx.query("SELECT " + COLUMNS + " FROM sfn_executions WHERE status='RUNNING' "
                        + "AND map_run_arn IS NULL",
                ExecutionStore::execution));
    }

    @Override
    public List<HistoryEvent> history(String arn) {
        return store.read(tx -> tx.query("SELECT id, previous_id, ts_ms, type, details FROM sfn_history "
                + "WHERE execution_arn=? ORDER BY id", ExecutionStore::event, arn));
    }

    @Override
    public long lastEventId(String arn) {
        return store.read(tx -> tx.queryOne("SELECT MAX(id) AS last FROM sfn_history WHERE execution_arn=?",
                r -> r.nullableLong("last"), arn)).map(l -> l == null ? 0L : l).orElse(0L);
    }

    /** Deletes closed executions that stopped before {@code cutoff} (history retention). */
    @Override
    public int purgeClosedBefore(Instant cutoff) {
        return store.write(tx -> {
            tx.update("DELETE FROM sfn_history WHERE execution_arn IN (SELECT arn FROM sfn_executions "
                    + "WHERE stop_ms IS NOT NULL AND stop_ms < ?)", cutoff.toEpochMilli());
            return tx.update("DELETE FROM sfn_executions WHERE stop_ms IS NOT NULL AND stop_ms < ?", cutoff.toEpochMilli());
        });
    }

    private static void appendEvents(StoreTransaction tx, String arn, List<HistoryEvent> events) {
        for (HistoryEvent ev : events) {
            tx.update("INSERT INTO sfn_history (execution_arn, id, previous_id, ts_ms, type, details) VALUES (?,?,?,?,?,?) "
                            + "ON CONFLICT (execution_arn, id) DO NOTHING",
                    arn, ev.id(), ev.previousEventId(), ev.timestamp().toEpochMilli(), ev.type().name(),
                    ev.details() == null ? null : ev.details().toString());
        }
    }

    private static HistoryEvent event(Row r) {
        String details = r.string("details");
        ObjectNode node = null;
        if (details != null) {
            try {
                node = (ObjectNode) JSON.readTree(details);
            } catch (IOException e) {
                throw new IllegalStateException("corrupt history event", e);
            }
        }
        return new HistoryEvent(r.longValue("id"), r.longValue("previous_id"), Instant.ofEpochMilli(r.longValue("ts_ms")),
                EventType.valueOf(r.string("type")), node);
    }

    private static ExecutionRecord execution(Row r) {
        Long stop = r.nullableLong("stop_ms");
        Long redrive = r.nullableLong("redrive_ms");
        return new ExecutionRecord(r.string("arn"), r.string("machine_arn"), r.string("name"), r.string("status"),
                r.string("input"), Optional.ofNullable(r.string("output")), Optional.ofNullable(r.string("error")),
                Optional.ofNullable(r.string("cause")), Instant.ofEpochMilli(r.longValue("start_ms")),
                Optional.ofNullable(stop).map(Instant::ofEpochMilli), r.string("definition"), r.string("role_arn"),
                Optional.ofNullable(r.string("version_arn")), Optional.ofNullable(r.string("alias_arn")),
                (int) r.longValue("redrive_count"), Optional.ofNullable(redrive).map(Instant::ofEpochMilli),
                Optional.ofNullable(r.string("trace_header")), Optional.ofNullable(r.string("map_run_arn")));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt stored JSON", e);
        }
    }
}
