package io.portico.states.engine;

import io.portico.core.store.Insertion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where STANDARD executions, their history and their checkpoints are kept. The engine owns this
 * interface; the module's {@code store} package implements it over the platform store. Every method
 * that changes something is one transaction, durable when it returns. Implementations are thread safe;
 * no argument or result is null except the nullable checkpoint columns named below.
 */
public interface ExecutionRepository {

    /**
     * Records a new execution with its first events unless one of that ARN exists (a name is unique per
     * state machine for 90 days), which then comes back untouched for StartExecution to judge: the same
     * ARN and start date for a repeat of a running execution with the same input, ExecutionAlreadyExists
     * otherwise.
     */
    Insertion<ExecutionRecord> insertIfAbsent(ExecutionRecord execution, List<HistoryEvent> events);

    /** Closes an execution: its status and result, its last events, and its checkpoints are dropped. */
    void close(String arn, String status, Optional<String> output, Optional<String> error, Optional<String> cause,
            Instant stop, List<HistoryEvent> events);

    /** Reopens a failed execution for RedriveExecution. */
    void redrive(String arn, int redriveCount, Instant when);

    /** Appends events; an empty list writes nothing. */
    void append(String arn, List<HistoryEvent> events);

    /**
     * Writes events and a frame checkpoint in one transaction. {@code state}, {@code input},
     * {@code timerMs} and {@code output} may be null (a finished frame has only an output).
     */
    void checkpoint(String arn, List<HistoryEvent> events, String frameKey, String state, String input,
            String variables, Long timerMs, String output);

    /** The frame checkpoint last written, if any. */
    /**
     * Writes events, a frame checkpoint at a Task state and the task token it waits on, in one
     * transaction, so that after a crash the Task waits on the same token.
     */
    void checkpointWaiting(String arn, List<HistoryEvent> events, String frameKey, String state, String input,
            String variables, WaitingTask task);

    Optional<CheckpointRow> checkpoint(String arn, String frameKey);

    Optional<ExecutionRecord> find(String arn);

    /**
     * A state machine's executions, newest first, optionally only those with {@code status}; with a
     * Map Run ARN, that Map Run's child executions instead (ListExecutions with mapRunArn).
     */
    List<ExecutionRecord> list(String machineArn, Optional<String> status, Optional<String> mapRunArn);

    /** Executions still RUNNING, except Distributed Map children (their parent resumes them). */
    List<ExecutionRecord> running();

    /** An execution's history, in event order. */
    List<HistoryEvent> history(String arn);

    /** The id of an execution's last recorded event, 0 when it has none. */
    long lastEventId(String arn);

    /** Deletes closed executions that stopped before {@code cutoff} (history retention); returns how many. */
    int purgeClosedBefore(Instant cutoff);

    /**
     * A frame checkpoint's stored columns: JSON documents as text. Only {@code variables} is never null;
     * the others are null when the checkpoint has no such part.
     */
    /** A frame checkpoint's raw columns, and the task token the frame waits on. */
    record CheckpointRow(String state, String input, String variables, Long timerMs, String output,
            Optional<WaitingTask> task) {
    }
}
