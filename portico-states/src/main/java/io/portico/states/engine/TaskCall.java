package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One invocation of a Task resource. {@code input} is the state's effective input (Parameters or
 * Arguments applied); {@code tokenWait} is present for {@code .waitForTaskToken} and activity tasks,
 * whose token is already visible to the input as {@code $$.Task.Token}.
 *
 * <p>A Task that resumes a stored wait after a restart ({@code tokenWait().get().resumed()} present)
 * carries the activity's stored input and no {@code timeoutSeconds}: its deadlines are the stored ones,
 * which its {@link TaskWait} keeps.
 */
public record TaskCall(
        String resource,
        JsonNode input,
        String stateName,
        Optional<TaskWait> tokenWait,
        OptionalLong timeoutSeconds,
        OptionalLong heartbeatSeconds,
        ExecutionInfo execution,
        Events events) {

    /** The task token, for {@code .waitForTaskToken} and activity tasks. */
    public Optional<String> taskToken() {
        return tokenWait.map(TaskWait::token);
    }

    /** Records history events on the calling state's branch. */
    @FunctionalInterface
    public interface Events {
        void record(EventType type, Supplier<ObjectNode> details);
    }
}
