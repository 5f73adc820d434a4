package io.portico.functions.engine.process;

import io.portico.functions.engine.InvocationOutcome.FunctionError;

/** How a worker's init ended: it asked for its first event, or it failed (init/error, exit). */
sealed interface InitOutcome {

    /** The worker called {@code /next}: init is done. */
    record Ready() implements InitOutcome {
    }

    /** The worker posted {@code /init/error} or exited first; {@code message} is for the log line. */
    record Failed(FunctionError error, String message) implements InitOutcome {
    }
}
