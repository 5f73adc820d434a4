package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One invocation of a Task resource. {@code input} is the state's effective input (Parameters or
 * Arguments applied); {@code taskToken} is present for {@code .waitForTaskToken} and activity tasks,
 * already visible to the input as {@code $$.Task.Token}.
 */
public record TaskCall(
        String resource,
        JsonNode input,
        String stateName,
        Optional<String> taskToken,
        OptionalLong timeoutSeconds,
        OptionalLong heartbeatSeconds,
        ExecutionInfo execution,
        Events events) {

    /** Records history events on the calling state's branch. */
    @FunctionalInterface
    public interface Events {
        void record(EventType type, Supplier<ObjectNode> details);
    }
}
