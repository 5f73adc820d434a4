package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.arn.Arn;
import java.time.Instant;

/**
 * The identity of one execution, as the context object ({@code $$.Execution}) shows it, and the
 * account and region it acts in. The two are kept apart on purpose: TestState lets a caller choose what
 * the context object shows (any execution ARN), but what a Task may reach is always the caller's own
 * account and region, never one read from that ARN.
 */
public record ExecutionInfo(
        String executionArn,
        String name,
        String stateMachineArn,
        String stateMachineName,
        String roleArn,
        Instant startTime,
        JsonNode input,
        int redriveCount,
        String account,
        String region) {

    /** An execution whose ARN the engine made, so its account and region are the ARN's. */
    public ExecutionInfo(String executionArn, String name, String stateMachineArn, String stateMachineName,
            String roleArn, Instant startTime, JsonNode input, int redriveCount) {
        this(executionArn, name, stateMachineArn, stateMachineName, roleArn, startTime, input, redriveCount,
                Arn.parse(executionArn).map(Arn::account).orElseThrow(() -> notAnArn(executionArn)),
                Arn.parse(executionArn).map(Arn::region).orElseThrow(() -> notAnArn(executionArn)));
    }

    private static IllegalArgumentException notAnArn(String executionArn) {
        return new IllegalArgumentException("not an execution ARN: " + executionArn);
    }
}
