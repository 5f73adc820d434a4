package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry into one state: the state, the input it was entered with, the history event that recorded
 * the entry, and the retry attempt. It builds the context object ({@code $$}) the state's expressions
 * see and gives data-processing errors the prefix AWS puts on them.
 *
 * <p>Not thread safe.
 */
final class StateVisit {
    private final State state;
    private final JsonNode input;
    private final Frame frame;
    private final long enteredEventId;
    private final Instant enteredTime;
    private int retryCount;
    private Optional<String> taskToken = Optional.empty();
    private ObjectNode context;

    StateVisit(State state, JsonNode input, Frame frame, long enteredEventId, Instant enteredTime) {
        this.state = state;
        this.input = input;
        this.frame = frame;
        this.enteredEventId = enteredEventId;
        this.enteredTime = enteredTime;
    }

    /** The same visit seen from a Map iteration's frame, so that {@code $$.Map.Item} is visible. */
    StateVisit forItem(Frame itemFrame) {
        return new StateVisit(state, input, itemFrame, enteredEventId, enteredTime);
    }

    State state() {
        return state;
    }

    /** The raw input the state was entered with. */
    JsonNode input() {
        return input;
    }

    Frame frame() {
        return frame;
    }

    int retryCount() {
        return retryCount;
    }

    void retried() {
        retryCount++;
        context = null;
    }

    Optional<String> taskToken() {
        return taskToken;
    }

    void taskToken(String token) {
        taskToken = Optional.of(token);
        context = null;
    }

    /** The context object as this state sees it; built once per attempt. */
    JsonNode context() {
        if (context == null) {
            context = buildContext();
        }
        return context;
    }

    private ObjectNode buildContext() {
        ExecutionRun run = frame.run();
        ObjectNode ctx = JsonNodeFactory.instance.objectNode();
        ctx.set("Execution", run.contextExecution());
        ctx.set("StateMachine", run.contextStateMachine());
        ObjectNode st = ctx.putObject("State");
        st.put("Name", state.name());
        st.put("EnteredTime", Timestamps.format(enteredTime));
        // AWS shows RetryCount only to states that can retry.
        if (state instanceof State.Recoverable recoverable && !recoverable.retry().isEmpty()) {
            st.put("RetryCount", retryCount);
        }
        taskToken.ifPresent(token -> ctx.putObject("Task").put("Token", token));
        frame.mapItem().ifPresent(item -> {
            ObjectNode itemNode = ctx.putObject("Map").putObject("Item");
            itemNode.put("Index", item.index());
            itemNode.set("Value", item.value());
        });
        return ctx;
    }

    /**
     * The error a data-processing failure becomes: same name, with AWS's prefix naming this state and
     * the event that entered it.
     */
    StatesError qualify(StatesError error) {
        String detail = "An error occurred while executing the state '" + state.name()
                + "' (entered at the event id #" + enteredEventId + "). " + error.detail();
        return new StatesError(error.error(), detail);
    }
}
