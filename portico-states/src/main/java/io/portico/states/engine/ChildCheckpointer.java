package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * The checkpointer of a distributed Map's child execution: the parent's, with every frame key placed
 * under the child's own stable key (one per item or batch index, e.g. {@code /Process[3]}). A parent
 * that resumes after a restart finds the outputs of children that had finished and does not run them
 * again; unfinished children resume at their last state.
 */
record ChildCheckpointer(Checkpointer parent, String prefix) implements Checkpointer {

    @Override
    public void transition(String frameKey, String state, JsonNode input, ObjectNode variables) {
        parent.transition(prefix + frameKey, state, input, variables);
    }

    @Override
    public void timer(String frameKey, String state, JsonNode input, ObjectNode variables, Instant until) {
        parent.timer(prefix + frameKey, state, input, variables, until);
    }

    @Override
    public boolean taskWaiting(String frameKey, String state, JsonNode input, ObjectNode variables, WaitingTask task) {
        return parent.taskWaiting(prefix + frameKey, state, input, variables, task);
    }

    @Override
    public void frameDone(String frameKey, JsonNode output) {
        parent.frameDone(prefix + frameKey, output);
    }

    @Override
    public void flush() {
        parent.flush();
    }

    @Override
    public Optional<FrameCheckpoint> load(String frameKey) {
        return parent.load(prefix + frameKey);
    }
}
