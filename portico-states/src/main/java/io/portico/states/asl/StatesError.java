package io.portico.states.asl;

/**
 * A failure inside an execution, named the way ASL names errors: {@code error} is what Retry and Catch
 * match (e.g. {@code States.Runtime}), {@code cause} the human-readable detail (may be null: a Fail
 * state without Cause has none). Data-processing code throws it with the bare detail; the interpreter
 * prefixes the state name and event id as AWS does before it reaches the history.
 */
public class StatesError extends RuntimeException {
    public static final String RUNTIME = "States.Runtime";
    public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String TIMEOUT = "States.Timeout";
    public static final String TASK_FAILED = "States.TaskFailed";

    private final String error;
    private final String detail;

    public StatesError(String error, String detail) {
        super(error + ": " + detail, null, false, false);
        this.error = error;
        this.detail = detail;
    }

    /** The error name; null when a Fail state names none. */
    public String error() {
        return error;
    }

    /** The cause text; null when there is none. */
    public String detail() {
        return detail;
    }

    public static StatesError runtime(String detail) {
        return new StatesError(RUNTIME, detail);
    }

    public static StatesError query(String detail) {
        return new StatesError(QUERY_EVALUATION_ERROR, detail);
    }
}
