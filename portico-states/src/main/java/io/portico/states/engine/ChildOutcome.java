package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * How one child execution of a Map Run ended, kept until the Map Run is over so that ResultWriter
 * can shape the Map's output from it or export it.
 *
 * @param info the child's identity, input and start
 * @param result how it ended
 * @param stop when it ended
 */
record ChildOutcome(ExecutionInfo info, ExecutionResult result, Instant stop) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    boolean succeeded() {
        return result instanceof ExecutionResult.Succeeded;
    }

    /** A succeeded child's output. */
    JsonNode output() {
        return ((ExecutionResult.Succeeded) result).output();
    }

    /**
     * The child's execution result unchanged: the Transformation NONE entry of AWS's result files, and
     * what a child that did not succeed contributes to the Map's output whatever the transformation.
     * Input and Output are JSON text, as AWS writes them.
     */
    ObjectNode entry() {
        ObjectNode entry = NODES.objectNode();
        entry.put("ExecutionArn", info.executionArn());
        entry.put("Input", info.input().toString());
        entry.putObject("InputDetails").put("Included", true);
        entry.put("Name", info.name());
        if (succeeded()) {
            entry.put("Output", output().toString());
            entry.putObject("OutputDetails").put("Included", true);
        }
        entry.put("RedriveCount", 0);
        if (succeeded()) {
            entry.put("RedriveStatus", "NOT_REDRIVABLE");
            entry.put("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
        }
        entry.put("StartDate", Timestamps.format(info.startTime()));
        entry.put("StateMachineArn", info.stateMachineArn());
        entry.put("Status", result.status());
        entry.put("StopDate", Timestamps.format(stop));
        Executions.error(result).ifPresent(e -> entry.put("Error", e));
        Executions.cause(result).ifPresent(c -> entry.put("Cause", c));
        return entry;
    }
}
