package io.portico.functions.engine;

/** What a handler produced: a response payload, or a function error in Lambda's error shape. */
public sealed interface InvocationOutcome {

    /** The handler returned; {@code payload} is the serialised response (JSON bytes, possibly empty). */
    record Success(byte[] payload) implements InvocationOutcome {
    }

    /**
     * The handler failed. {@code payload} is Lambda's error document,
     * {@code {"errorMessage":...,"errorType":...,"stackTrace":[...]}}, which Invoke returns with
     * {@code X-Amz-Function-Error: Unhandled}; {@code errorType} is its errorType, for Step Functions.
     */
    record FunctionError(String errorType, byte[] payload) implements InvocationOutcome {
    }
}
