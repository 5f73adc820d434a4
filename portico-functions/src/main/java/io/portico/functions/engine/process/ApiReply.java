package io.portico.functions.engine.process;

/**
 * What the Runtime API answers a worker's POST (or a refused {@code /next}): Lambda's status codes and
 * error bodies, as its runtime API server (RAPID) renders them.
 */
sealed interface ApiReply {

    /** {@code 202 {"status":"OK"}}. */
    record Accepted() implements ApiReply {
    }

    /** An error status with Lambda's {@code {"errorMessage":...,"errorType":...}} body. */
    record Rejected(int status, String errorType, String errorMessage) implements ApiReply {
    }

    ApiReply ACCEPTED = new Accepted();

    /** The request id in the path is not the current invocation's, or that invocation was answered. */
    static Rejected invalidRequestId() {
        return new Rejected(400, "InvalidRequestID", "Invalid request ID");
    }

    /** The call does not fit the runtime's state, e.g. a second response to one invocation. */
    static Rejected invalidStateTransition(String from, String to) {
        return new Rejected(403, "InvalidStateTransition", "State transition from " + from + " to " + to
                + " failed for runtime. Error: State transition is not allowed");
    }

    /** A response above {@link RuntimeApiSession#MAX_RESPONSE_BYTES}. */
    static Rejected requestEntityTooLarge() {
        return new Rejected(413, "RequestEntityTooLarge", "Exceeded maximum allowed payload size ("
                + RuntimeApiSession.MAX_RESPONSE_BYTES + " bytes).");
    }

    /** The worker is gone or replaced its own {@code /next}: RAPID's "container error". */
    static Rejected internalServerError() {
        return new Rejected(500, "InternalServerError", "Internal Server Error");
    }
}
