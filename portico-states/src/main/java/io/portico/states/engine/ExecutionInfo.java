package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The identity of one execution, as the context object ({@code $$.Execution}) shows it. */
public record ExecutionInfo(
        String executionArn,
        String name,
        String stateMachineArn,
        String stateMachineName,
        String roleArn,
        Instant startTime,
        JsonNode input,
        int redriveCount) {
}
