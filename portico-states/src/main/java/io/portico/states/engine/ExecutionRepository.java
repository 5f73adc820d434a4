package io.portico.states.engine;

import io.portico.core.store.Insertion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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

    /**
     * Reopens a closed execution for RedriveExecution, with its ExecutionRedriven event, in one
     * transaction, unless it was reopened since it showed {@code redriveCount - 1} redrives (a concurrent
     * redrive won): then nothing is written and the answer is false.
     */
    boolean redrive(String arn, int redriveCount, Instant when, List<HistoryEvent> events);

    /**
     * Writes what {@code pending} supplies: events and frame checkpoints (a later row of a frame replaces
     * an earlier one; a frame written here no longer waits on a task token). The store takes the batch
     * when it runs the write, inside its transaction, so that writes of one execution commit in the order
     * their batches were taken: one taken later never commits before one taken earlier, so neither a
     * frame's older checkpoint nor a gap in the history's ids can outlive a crash.
     */
    void checkpoint(String arn, Supplier<Batch> pending);

    /**
     * {@link #checkpoint}, the batch's last frame at a Task state that now waits on {@code task}, so that
     * after a crash the Task waits on the same token; with the callback that arrived before the wait was
     * stored, if one did, as the task's outcome.
     */
    void checkpointWaiting(String arn, Supplier<Batch> pending, WaitingTask task, Optional<TaskTokens.Completion> settled);

    /**
     * Records that a worker took the stored activity task of {@code token} and then, in the same
     * transaction, writes what {@code afterClaim} supplies (the worker's ActivityStarted with it). Answers
     * false, writing nothing and never calling {@code afterClaim}, when the task was taken or settled
     * already.
     */
    boolean checkpointHandOut(String arn, String token, Instant at, Optional<String> worker, Supplier<Batch> afterClaim);

    /** The frame checkpoint last written, if any. */
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
     * A frame checkpoint's stored columns: JSON documents as text. Only {@code frameKey} and
     * {@code variables} are never null; the others are null when the checkpoint has no such part.
     * {@code progress} is the engine's own record of how far the frame got (see {@code Visit}).
     */
    record FrameRow(String frameKey, String state, String input, String variables, Long timerMs, String output,
            String progress) {
    }

    /** What one write of a running execution carries: its new events and frame checkpoints. */
    record Batch(List<HistoryEvent> events, List<FrameRow> frames) {
        public Batch {
            events = List.copyOf(events);
            frames = List.copyOf(frames);
        }
    }

    /** A frame checkpoint's raw columns, and the task token the frame waits on. */
    record CheckpointRow(FrameRow frame, Optional<WaitingTask> task) {
    }
}
