package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Checkpoints of one STANDARD execution: each call writes the journal's pending events and the
 * frame's position (with the task token a Task waits on, if it does) in one transaction, so the
 * history and the position never disagree after a crash.
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
    public void transition(String frameKey, String state, JsonNode input, ObjectNode variables) {
        executions.checkpoint(executionArn, journal.drain(), frameKey, state, input.toString(), variables.toString(),
                null, null);
    }

    @Override
    public void timer(String frameKey, String state, JsonNode input, ObjectNode variables, Instant until) {
        executions.checkpoint(executionArn, journal.drain(), frameKey, state, input.toString(), variables.toString(),
                until.toEpochMilli(), null);
    }

    @Override
    public boolean taskWaiting(String frameKey, String state, JsonNode input, ObjectNode variables, WaitingTask task) {
        executions.checkpointWaiting(executionArn, journal.drain(), frameKey, state, input.toString(),
                variables.toString(), task);
        return true;
    }

    @Override
    public void frameDone(String frameKey, JsonNode output) {
        if (frameKey.isEmpty()) {
            return; // the top level closes with the execution itself
        }
        executions.checkpoint(executionArn, journal.drain(), frameKey, null, null, "{}", null, output.toString());
    }

    @Override
    public void flush() {
        executions.append(executionArn, journal.drain());
    }

    @Override
    public Optional<FrameCheckpoint> load(String frameKey) {
        return executions.checkpoint(executionArn, frameKey).map(row -> new FrameCheckpoint(
                Optional.ofNullable(row.state()),
                row.input() == null ? null : Executions.parseStored(row.input()),
                row.variables() == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        : (ObjectNode) Executions.parseStored(row.variables()),
                Optional.ofNullable(row.timerMs()).map(Instant::ofEpochMilli), row.task(),
                Optional.ofNullable(row.output()).map(Executions::parseStored)));
    }
}
