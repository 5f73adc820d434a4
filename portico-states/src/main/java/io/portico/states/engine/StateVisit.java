package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.time.Instant;
import java.util.List;
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
    /** How many times each of the state's retriers has retried in this visit. */
    private final int[] attempts;
    private int retryCount;
    private Optional<String> taskToken = Optional.empty();
    private Optional<WaitingTask> resumedTask = Optional.empty();
    private ObjectNode context;

    StateVisit(State state, JsonNode input, Frame frame, long enteredEventId, Instant enteredTime) {
        this.state = state;
        this.input = input;
        this.frame = frame;
        this.enteredEventId = enteredEventId;
        this.enteredTime = enteredTime;
        this.attempts = new int[state instanceof State.Recoverable r ? r.retry().size() : 0];
    }

    /**
     * The visit of a Task that was waiting on its token when the execution stopped (a crash): entered
     * then, with the retries it had made then and the token it waits on.
     */
    static StateVisit resumed(State state, JsonNode input, Frame frame, WaitingTask waiting) {
        StateVisit visit = new StateVisit(state, input, frame, waiting.enteredEventId(), waiting.enteredTime());
        visit.restoreAttempts(waiting.retryAttempts());
        visit.taskToken = Optional.of(waiting.token());
        visit.resumedTask = Optional.of(waiting);
        return visit;
    }

    /** The visit a crash interrupted: entered then, with the retries its checkpoint counted. */
    static StateVisit resumed(State state, JsonNode input, Frame frame, Visit stored) {
        StateVisit visit = new StateVisit(state, input, frame, stored.enteredEventId(), stored.enteredTime());
        visit.restoreAttempts(stored.attempts());
        return visit;
    }

    /** The retriers' counts as stored before a restart; the retry count is their sum. */
    private void restoreAttempts(List<Integer> stored) {
        for (int i = 0; i < Math.min(attempts.length, stored.size()); i++) {
            attempts[i] = stored.get(i);
            retryCount += attempts[i];
        }
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

    long enteredEventId() {
        return enteredEventId;
    }

    Instant enteredTime() {
        return enteredTime;
    }

    /** The retriers' attempt counts, which the interpreter's Retry handling updates in place. */
    int[] attempts() {
        return attempts;
    }

    /**
     * The frame key of a branch or iteration this visit runs: unique to the visit (its entered event) and
     * the attempt, so that a state entered again (a loop) or retried runs its branches afresh, and stable
     * across a restart, which resumes the same visit and attempt.
     */
    String childKey(String child) {
        return child + "@" + enteredEventId + (retryCount == 0 ? "" : "." + retryCount);
    }

    /** A new attempt: it gets a token of its own, and waits on no stored one. */
    void retried() {
        retryCount++;
        taskToken = Optional.empty();
        resumedTask = Optional.empty();
        context = null;
    }

    /** The stored wait this visit resumes (see {@link #resumed}); empty for a visit that started afresh. */
    Optional<WaitingTask> resumedTask() {
        return resumedTask;
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
