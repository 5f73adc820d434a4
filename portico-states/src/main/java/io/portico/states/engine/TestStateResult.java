package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * How a tested state ended, shaped like TestState's response: the status, the output (SUCCEEDED and
 * CAUGHT_ERROR), the error and cause (FAILED, RETRIABLE and CAUGHT_ERROR), the next state (SUCCEEDED
 * with a Next, Choice's pick, or the matching Catch's Next), and what DEBUG inspection shows.
 * Immutable.
 */
public record TestStateResult(
        Status status,
        Optional<JsonNode> output,
        Optional<String> error,
        Optional<String> cause,
        Optional<String> nextState,
        Inspection inspection) {

    /** TestState's {@code status} values. */
    public enum Status { SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR }

    /**
     * DEBUG-level data: the intermediate values of input and output processing by inspectionData member
     * name, in the order AWS lists them ({@code input}, {@code afterInputPath}, ..., {@code variables}),
     * and how Retry or Catch handled an error.
     */
    public record Inspection(Map<String, JsonNode> data, Optional<ErrorDetails> errorDetails) {
    }

    /**
     * {@code inspectionData.errorDetails}: the index of the Catch that caught the error, or of the Retry
     * that would retry it and the back-off it would wait first.
     */
    public record ErrorDetails(Optional<Integer> catchIndex, Optional<Integer> retryIndex,
                               Optional<Integer> retryBackoffIntervalSeconds) {
    }
}
