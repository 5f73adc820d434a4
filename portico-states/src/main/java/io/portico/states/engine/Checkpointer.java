package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.StatesError;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The durability hooks of a STANDARD execution. The interpreter calls them at every point after which
 * a crash must not lose or repeat work; each call returns only once what it records, together with
 * every history event recorded before it, is durable. EXPRESS executions use {@link #NONE}.
 *
 * <p>A <em>frame</em> is one running graph: the top level ({@code ""}), a Parallel branch, or a Map
 * iteration, named by a key that is stable across restarts (for example {@code /Fanout#1/Each[3]}).
 * On restart the interpreter asks {@link #load} for each frame it enters and resumes it where its last
 * checkpoint left it, so a finished branch of a Parallel is not run again.
 */
public interface Checkpointer {

    /**
     * Writes the frame's {@code position}, with every history event and frame mark recorded before it
     * (see {@link DurableJournal}), in one transaction.
     */
    void save(String frameKey, FrameCheckpoint position);

    /**
     * The frame moved on to its next state ({@code position}), a move its exited event carried as a mark
     * (see {@link Journal#record(EventType, long, Supplier, LongFunction)}):
     * makes it durable. A checkpointer whose journal keeps no marks (a distributed Map's child) writes
     * {@code position} itself.
     */
    void moved(String frameKey, Supplier<FrameCheckpoint> position);

    /**
     * The frame's Task, at {@code position}, now waits on its task token: the resource was called, or the
     * activity scheduled. Stores the wait with the position and the events recorded so far, in one
     * transaction, so that a restart waits again on the same token instead of calling the resource again;
     * the wait ends with the frame's next checkpoint (or the execution).
     *
     * @return whether the wait was stored (false for a checkpointer that keeps nothing)
     */
    boolean taskWaiting(String frameKey, FrameCheckpoint position, WaitingTask task,
                        Optional<TaskTokens.Completion> settled);

    /**
     * A worker takes the stored activity task of {@code token}: claims it and, only if the claim holds,
     * runs {@code started} (which records the worker's ActivityStarted) and makes every event recorded so
     * far durable with the claim, in one transaction. False when the task was taken or settled already.
     * A checkpointer that keeps nothing runs {@code started} and answers true.
     */
    boolean handOut(String token, Instant at, Optional<String> worker, Runnable started);

    /** Makes every event and frame mark recorded so far durable (before blocking on something outside the engine). */
    void flush();

    Optional<FrameCheckpoint> load(String frameKey);

    /**
     * Where a frame stood at its last checkpoint: at {@code state} with {@code input} and its own
     * {@code variables}, sleeping in a Wait until {@code timerUntil} or waiting on a task token as
     * {@code task}, with how far the state had got ({@code visit}, empty before it was entered); or done
     * with {@code output} or {@code failure}. {@code closed} says that the frame's closing event (a Map
     * iteration's MapIterationSucceeded or MapIterationFailed) is recorded too. {@code lastEventId} is the
     * frame's own last event (0 when unknown), which its next event names as its previous one.
     */
    record FrameCheckpoint(Optional<String> state, JsonNode input, ObjectNode variables, Optional<Instant> timerUntil,
                           Optional<WaitingTask> task, Optional<JsonNode> output, Optional<Visit> visit, boolean closed,
                           Optional<StatesError> failure, long lastEventId) {

        /** At {@code state}, about to run it ({@code visit} empty) or in it. */
        static FrameCheckpoint at(String state, JsonNode input, ObjectNode variables, Optional<Visit> visit,
                                  long lastEventId) {
            // A frame TestState drives has no state of its own: Optional.ofNullable.
            return new FrameCheckpoint(Optional.ofNullable(state), input, variables, Optional.empty(), Optional.empty(),
                    Optional.empty(), visit, false, Optional.empty(), lastEventId);
        }

        /** The frame's graph ended with {@code output}. */
        static FrameCheckpoint done(JsonNode output, boolean closed, long lastEventId) {
            return new FrameCheckpoint(Optional.empty(), null, JsonNodeFactory.instance.objectNode(), Optional.empty(),
                    Optional.empty(), Optional.of(output), Optional.empty(), closed, Optional.empty(), lastEventId);
        }

        /** The frame's graph failed with {@code error}, and its closing event says so. */
        static FrameCheckpoint failed(StatesError error, long lastEventId) {
            return new FrameCheckpoint(Optional.empty(), null, JsonNodeFactory.instance.objectNode(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.of(error), lastEventId);
        }

        FrameCheckpoint withTimer(Instant until) {
            return new FrameCheckpoint(state, input, variables, Optional.of(until), task, output, visit, closed, failure,
                    lastEventId);
        }
    }

    /** Checkpoints nothing: for EXPRESS executions, TestState and benchmarks. */
    Checkpointer NONE = new Discarding();

    /**
     * A checkpointer that keeps nothing and has nothing to load; {@link #NONE} is the one the engine uses.
     * Open so that a test can override the one hook it is about and leave the rest doing nothing.
     */
    class Discarding implements Checkpointer {
        @Override
        public void save(String frameKey, FrameCheckpoint position) {
        }

        @Override
        public void moved(String frameKey, Supplier<FrameCheckpoint> position) {
        }

        @Override
        public boolean taskWaiting(String frameKey, FrameCheckpoint position, WaitingTask task,
                                   Optional<TaskTokens.Completion> settled) {
            return false;
        }

        @Override
        public boolean handOut(String token, Instant at, Optional<String> worker, Runnable started) {
            started.run();
            return true;
        }

        @Override
        public void flush() {
        }

        @Override
        public Optional<FrameCheckpoint> load(String frameKey) {
            return Optional.empty();
        }
    }
}
