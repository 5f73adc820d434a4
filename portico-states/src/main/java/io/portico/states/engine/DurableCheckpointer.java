package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.StatesError;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checkpoints of one STANDARD execution: each call writes the journal's pending events and frame marks
 * and the frame's position (with the task token a Task waits on, if it does) in one transaction, so the
 * history and the positions never disagree after a crash.
 *
 * <p>A frame's progress (its {@link Visit}, whether its closing event is recorded, how it failed) is one
 * JSON column, encoded here: the store keeps it as text and never reads it.
 */
final class DurableCheckpointer implements Checkpointer {
    private final ExecutionRepository executions;
    private final String executionArn;
    private final DurableJournal journal;

    DurableCheckpointer(ExecutionRepository executions, String executionArn, DurableJournal journal) {
        this.executions = executions;
        this.executionArn = executionArn;
        this.journal = journal;
    }

    @Override
    public void save(String frameKey, FrameCheckpoint position) {
        if (frameKey.isEmpty() && (position.output().isPresent() || position.failure().isPresent())) {
            flush(); // the top level closes with the execution itself, which drops every checkpoint
            return;
        }
        Optional<Journal.Mark> mark = Optional.of(new Journal.Mark(frameKey, position));
        executions.checkpoint(executionArn, () -> journal.drain(mark));
    }

    /** The exited event's mark carries the move: writing what is pending writes it. */
    @Override
    public void moved(String frameKey, Supplier<FrameCheckpoint> position) {
        flush();
    }

    @Override
    public boolean taskWaiting(String frameKey, FrameCheckpoint position, WaitingTask task,
                               Optional<TaskTokens.Completion> settled) {
        Optional<Journal.Mark> mark = Optional.of(new Journal.Mark(frameKey, position));
        executions.checkpointWaiting(executionArn, () -> journal.drain(mark), task, settled);
        return true;
    }

    @Override
    public boolean handOut(String token, Instant at, Optional<String> worker, Runnable started) {
        return executions.checkpointHandOut(executionArn, token, at, worker, () -> {
            started.run();
            return journal.drain(Optional.empty());
        });
    }

    /**
     * Always a write, even with nothing pending now: what another frame drained a moment ago may still
     * be on its way to the disk, and this write commits after it.
     */
    @Override
    public void flush() {
        executions.checkpoint(executionArn, () -> journal.drain(Optional.empty()));
    }

    @Override
    public Optional<FrameCheckpoint> load(String frameKey) {
        return executions.checkpoint(executionArn, frameKey).map(DurableCheckpointer::position);
    }

    /** A frame's position as the store keeps it. */
    static ExecutionRepository.FrameRow row(String frameKey, FrameCheckpoint p) {
        return new ExecutionRepository.FrameRow(frameKey, p.state().orElse(null),
                p.input() == null ? null : p.input().toString(), p.variables().toString(),
                p.timerUntil().map(Instant::toEpochMilli).orElse(null), p.output().map(JsonNode::toString).orElse(null),
                progress(p));
    }

    private static String progress(FrameCheckpoint p) {
        if (p.visit().isEmpty() && !p.closed() && p.failure().isEmpty() && p.lastEventId() == 0) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        p.visit().ifPresent(v -> node.set("visit", v.toNode()));
        if (p.closed()) {
            node.put("closed", true);
        }
        p.failure().ifPresent(e -> node.set("failure", Interpreter.errorDetails(e)));
        if (p.lastEventId() > 0) {
            node.put("last", p.lastEventId());
        }
        return node.toString();
    }

    private static FrameCheckpoint position(ExecutionRepository.CheckpointRow stored) {
        ExecutionRepository.FrameRow row = stored.frame();
        JsonNode progress = row.progress() == null ? JsonNodeFactory.instance.objectNode()
                : Executions.parseStored(row.progress());
        Optional<Visit> visit = progress.has("visit") ? Optional.of(Visit.from(progress.get("visit")))
                : Optional.empty();
        Optional<StatesError> failure = progress.has("failure") ? Optional.of(Visit.error(progress.get("failure")))
                : Optional.empty();
        return new FrameCheckpoint(Optional.ofNullable(row.state()),
                row.input() == null ? null : Executions.parseStored(row.input()),
                row.variables() == null ? JsonNodeFactory.instance.objectNode()
                        : (ObjectNode) Executions.parseStored(row.variables()),
                Optional.ofNullable(row.timerMs()).map(Instant::ofEpochMilli), stored.task(),
                Optional.ofNullable(row.output()).map(Executions::parseStored), visit,
                progress.path("closed").asBoolean(), failure, progress.path("last").asLong());
    }
}
