package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** How an execution ended. {@code error} and {@code cause} of a failure may each be null, as on AWS. */
public sealed interface ExecutionResult {

    record Succeeded(JsonNode output) implements ExecutionResult {
    }

    record Failed(String error, String cause) implements ExecutionResult {
    }

    record TimedOut(String error, String cause) implements ExecutionResult {
    }

    record Aborted(String error, String cause) implements ExecutionResult {
    }

    default String status() {
        return switch (this) {
            case Succeeded s -> "SUCCEEDED";
            case Failed f -> "FAILED";
            case TimedOut t -> "TIMED_OUT";
            case Aborted a -> "ABORTED";
        };
    }
}
