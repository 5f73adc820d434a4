package io.portico.states.engine;

/**
 * Unwinds a running execution that was stopped from outside (StopExecution, the execution's own
 * TimeoutSeconds, or server shutdown). Not an ASL error: Retry and Catch never see it.
 */
final class ExecutionInterrupted extends RuntimeException {
    ExecutionInterrupted() {
        super(null, null, false, false);
    }
}
