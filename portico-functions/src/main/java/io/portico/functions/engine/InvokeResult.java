package io.portico.functions.engine;

import io.portico.core.json.Json;
import java.util.Optional;

/**
 * What Invoke answers: the payload (the handler's response or Lambda's error document),
 * {@code functionError} ({@code Unhandled}) when the function failed, the log of this invocation
 * (for {@code LogType: Tail}) and the version that ran.
 */
public record InvokeResult(byte[] payload, Optional<String> functionError, String log, String executedVersion,
        String requestId) {

    public boolean failed() {
        return functionError.isPresent();
    }

    /** The errorType of a failed invocation's error document, if it names one. */
    public Optional<String> errorType() {
        if (!failed()) {
            return Optional.empty();
        }
        try {
            var node = Json.mapper().readTree(payload);
            return node != null && node.path("errorType").isTextual()
                    ? Optional.of(node.get("errorType").asText()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
