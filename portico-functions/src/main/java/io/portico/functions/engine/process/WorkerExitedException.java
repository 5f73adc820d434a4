package io.portico.functions.engine.process;

/** The worker process ended before it answered; {@link #getMessage()} is Lambda's wording of why. */
final class WorkerExitedException extends Exception {

    WorkerExitedException(String reason) {
        super(reason, null, false, false);
    }
}
