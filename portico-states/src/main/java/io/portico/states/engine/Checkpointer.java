package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

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

    /** The frame will next run {@code state} with {@code input}; {@code variables} are the frame's own. */
    void transition(String frameKey, String state, JsonNode input, ObjectNode variables);

    /**
     * {@code state} of the frame, entered with {@code input}, sleeps until {@code until} (a Wait state);
     * stored so a restart keeps the deadline.
     */
    void timer(String frameKey, String state, JsonNode input, ObjectNode variables, Instant until);

    /**
     * The frame's Task {@code state}, entered with {@code input}, now waits on its task token: the
     * resource was called, or the activity scheduled. Stores the wait with the frame's position and the
     * events recorded so far, in one transaction, so that a restart waits again on the same token instead
     * of calling the resource again; the wait ends with the frame's next checkpoint (or the execution).
     *
     * @return whether the wait was stored (false for a checkpointer that keeps nothing)
     */
    boolean taskWaiting(String frameKey, String state, JsonNode input, ObjectNode variables, WaitingTask task);

    /** The frame finished with {@code output}. */
    void frameDone(String frameKey, JsonNode output);

    /** Makes every event recorded so far durable (before blocking on something outside the engine). */
    void flush();

    Optional<FrameCheckpoint> load(String frameKey);

    /**
     * Where a frame stood at its last checkpoint: at a state (sleeping in a Wait until
     * {@code timerUntil}, or waiting on a task token as {@code task}), or done with {@code output}.
     */
    record FrameCheckpoint(Optional<String> state, JsonNode input, ObjectNode variables,
                           Optional<Instant> timerUntil, Optional<WaitingTask> task, Optional<JsonNode> output) {
    }

    /** Checkpoints nothing: for EXPRESS executions, TestState and benchmarks. */
    Checkpointer NONE = new Discarding();

    /**
     * A checkpointer that keeps nothing and has nothing to load; {@link #NONE} is the one the engine uses.
     * Open so that a test can override the one hook it is about and leave the rest doing nothing.
     */
    class Discarding implements Checkpointer {
        @Override
        public void transition(String frameKey, String state, JsonNode input, ObjectNode variables) {
        }

        @Override
        public void timer(String frameKey, String state, JsonNode input, ObjectNode variables, Instant until) {
        }

        @Override
        public boolean taskWaiting(String frameKey, String state, JsonNode input, ObjectNode variables,
                                   WaitingTask task) {
            return false;
        }

        @Override
        public void frameDone(String frameKey, JsonNode output) {
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
