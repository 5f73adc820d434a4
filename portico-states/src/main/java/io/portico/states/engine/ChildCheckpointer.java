package io.portico.states.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The checkpointer of a distributed Map's child execution: the parent's, with every frame key placed
 * under the child's own stable key (one per item or batch index, e.g. {@code /Process[3]}). A parent
 * that resumes after a restart finds the outputs of children that had finished and does not run them
 * again; unfinished children resume at their last state.
 */
record ChildCheckpointer(Checkpointer parent, String prefix) implements Checkpointer {

    @Override
    public void save(String frameKey, FrameCheckpoint position) {
        parent.save(prefix + frameKey, position);
    }

    /** A child's journal keeps its events in memory and no marks: its moves are written here. */
    @Override
    public void moved(String frameKey, Supplier<FrameCheckpoint> position) {
        parent.save(prefix + frameKey, position.get());
    }

    @Override
    public boolean taskWaiting(String frameKey, FrameCheckpoint position, WaitingTask task,
                               Optional<TaskTokens.Completion> settled) {
        return parent.taskWaiting(prefix + frameKey, position, task, settled);
    }

    @Override
    public boolean handOut(String token, Instant at, Optional<String> worker, Runnable started) {
        return parent.handOut(token, at, worker, started);
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
