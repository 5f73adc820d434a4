package io.portico.states.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.store.Row;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.states.engine.TaskTokens;
import io.portico.states.engine.TokenLedger;
import io.portico.states.engine.WaitingTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Tasks of STANDARD executions that wait on a task token ({@code sfn_task_tokens}, schema version 4),
 * and the ledger in which their callbacks and deadlines are settled.
 *
 * <p>A row is written by the checkpoint that records its Task as waiting, in that checkpoint's
 * transaction ({@link #replace}), and removed by the next checkpoint of its frame or the execution's
 * close: a frame runs one state at a time, so it has at most one row. Until then the row answers
 * callbacks: {@link #settle} stores the first outcome ({@code outcome IS NULL} decides, so a callback
 * and a deadline cannot both win) and the resumed Task reads it. Every method is one transaction,
 * durable when it returns. Thread safe.
 */
public final class TokenStore implements TokenLedger {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String COLUMNS = "token, activity_arn, activity_input, handed_out_ms, entered_event_id, "
            + "entered_ms, retry_attempts, timeout_ms, heartbeat_seconds, beat_ms";

    private final Store store;

    public TokenStore(Store store) {
        this.store = store;
    }

    @Override
    public boolean settle(String token, TaskTokens.Completion outcome) {
        return store.write(tx -> settle(tx, token, outcome));
    }

    /** Stores the task's outcome unless it has one (inside a transaction). */
    static boolean settle(StoreTransaction tx, String token, TaskTokens.Completion outcome) {
        return tx.update("UPDATE sfn_task_tokens SET outcome=? WHERE token=? AND outcome IS NULL",
                encode(outcome).toString(), token) == 1;
    }

    @Override
    public Optional<Stored> find(String token) {
        return store.read(tx -> tx.queryOne("SELECT beat_ms, outcome FROM sfn_task_tokens WHERE token=?",
                r -> new Stored(Instant.ofEpochMilli(r.longValue("beat_ms")),
                        Optional.ofNullable(r.string("outcome")).map(text -> decode(ExecutionStore.parse(text)))),
                token));
    }

    @Override
    public boolean beat(String token, Instant at) {
        return store.write(tx -> tx.update("UPDATE sfn_task_tokens SET beat_ms=? WHERE token=? AND outcome IS NULL",
                at.toEpochMilli(), token)) == 1;
    }

    /**
     * Records that a worker took the stored activity task (inside the transaction that writes its
     * ActivityStarted event); false when it was taken or settled already.
     */
    static boolean handOut(StoreTransaction tx, String token, Instant at, Optional<String> worker) {
        return tx.update("UPDATE sfn_task_tokens SET handed_out_ms=?, worker=?, beat_ms=? "
                        + "WHERE token=? AND outcome IS NULL AND handed_out_ms IS NULL",
                at.toEpochMilli(), worker.orElse(null), at.toEpochMilli(), token) == 1;
    }


    /** Makes {@code task} the one task the frame waits on (inside a checkpoint's transaction). */
    static void replace(StoreTransaction tx, String executionArn, String frameKey, WaitingTask task) {
        deleteFrame(tx, executionArn, frameKey);
        Optional<WaitingTask.Activity> activity = task.activity();
        tx.update("INSERT INTO sfn_task_tokens (" + COLUMNS + ", execution_arn, frame_key) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                task.token(), activity.map(WaitingTask.Activity::arn).orElse(null),
                activity.map(a -> a.input().toString()).orElse(null),
                activity.flatMap(WaitingTask.Activity::handedOut).map(Instant::toEpochMilli).orElse(null),
                task.enteredEventId(), task.enteredTime().toEpochMilli(), attemptsText(task.retryAttempts()),
                task.timeoutAt().map(Instant::toEpochMilli).orElse(null),
                task.heartbeatSeconds().isPresent() ? task.heartbeatSeconds().getAsLong() : null,
                task.lastBeat().toEpochMilli(), executionArn, frameKey);
    }

    /** The frame waits on no task any more (inside a checkpoint's transaction). */
    static void deleteFrame(StoreTransaction tx, String executionArn, String frameKey) {
        tx.update("DELETE FROM sfn_task_tokens WHERE execution_arn=? AND frame_key=?", executionArn, frameKey);
    }

    /** The execution closed: none of its tasks waits any more. */
    static void deleteExecution(StoreTransaction tx, String executionArn) {
        tx.update("DELETE FROM sfn_task_tokens WHERE execution_arn=?", executionArn);
    }

    /** The task the frame waits on, if any. */
    static Optional<WaitingTask> find(StoreTransaction tx, String executionArn, String frameKey) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM sfn_task_tokens WHERE execution_arn=? AND frame_key=?",
                TokenStore::waitingTask, executionArn, frameKey);
    }

    private static WaitingTask waitingTask(Row r) {
        String activityArn = r.string("activity_arn");
        Optional<WaitingTask.Activity> activity = activityArn == null ? Optional.empty()
                : Optional.of(new WaitingTask.Activity(activityArn, ExecutionStore.parse(r.string("activity_input")),
                        Optional.ofNullable(r.nullableLong("handed_out_ms")).map(Instant::ofEpochMilli)));
        Long timeout = r.nullableLong("timeout_ms");
        Long heartbeat = r.nullableLong("heartbeat_seconds");
        List<Integer> attempts = new ArrayList<>();
        ExecutionStore.parse(r.string("retry_attempts")).forEach(n -> attempts.add(n.asInt()));
        return new WaitingTask(r.string("token"), activity, r.longValue("entered_event_id"),
                Instant.ofEpochMilli(r.longValue("entered_ms")), attempts,
                Optional.ofNullable(timeout).map(Instant::ofEpochMilli),
                heartbeat == null ? OptionalLong.empty() : OptionalLong.of(heartbeat),
                Instant.ofEpochMilli(r.longValue("beat_ms")));
    }

    private static ObjectNode encode(TaskTokens.Completion outcome) {
        ObjectNode node = NODES.objectNode();
        switch (outcome) {
            case TaskTokens.Completion.Success s -> node.set("succeeded", s.output());
            case TaskTokens.Completion.Failure f -> {
                ObjectNode failed = node.putObject("failed");
                failed.put("error", f.error());
                failed.put("cause", f.cause());
            }
            case TaskTokens.Completion.TimedOut t -> node.put("timedOut", t.error());
        }
        return node;
    }

    private static TaskTokens.Completion decode(JsonNode node) {
        if (node.has("succeeded")) {
            return new TaskTokens.Completion.Success(node.get("succeeded"));
        }
        if (node.has("failed")) {
            JsonNode failed = node.get("failed");
            return new TaskTokens.Completion.Failure(textOrNull(failed.get("error")), textOrNull(failed.get("cause")));
        }
        return new TaskTokens.Completion.TimedOut(node.path("timedOut").asText());
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String attemptsText(List<Integer> counts) {
        var array = NODES.arrayNode();
        counts.forEach(array::add);
        return array.toString();
    }
}
