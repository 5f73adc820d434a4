package io.portico.states.engine;

import io.portico.states.asl.StatesError;

/**
 * What an execution ends with when Portico itself fails while running it: a bug, a store that cannot
 * be written, a stack that overflowed on input no bound foresaw. Such a failure must not leave the
 * execution RUNNING with no thread behind it (STANDARD) or turn a StartSyncExecution or TestState call
 * into an HTTP 500: the execution fails with {@code States.Runtime}, which no Retry or Catch handles,
 * and the cause says it was Portico's fault. The cause is Portico's wording; AWS has no such case.
 * Stateless.
 */
final class InternalFailure {

    /** AWS's limit on an event's cause; a cause is cut to it. */
    private static final int MAX_CAUSE = 32_768;

    private InternalFailure() {
    }

    static StatesError of(Throwable failure) {
        String cause = "Portico failed internally while running the execution: " + describe(failure);
        return StatesError.runtime(cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) : cause);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getName() : failure.getClass().getSimpleName() + ": " + message;
    }
}
