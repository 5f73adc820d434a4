package io.portico.functions.engine;

/**
 * A handler could not be loaded or its initialisation threw. Carries Lambda's error document, which
 * the invocation that triggered the init returns as its function error.
 */
public final class FunctionInitException extends Exception {
    private final InvocationOutcome.FunctionError error;

    public FunctionInitException(InvocationOutcome.FunctionError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public InvocationOutcome.FunctionError error() {
        return error;
    }
}
