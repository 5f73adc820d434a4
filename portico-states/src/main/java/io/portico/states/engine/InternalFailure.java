package io.portico.states.engine;

import io.portico.states.asl.StatesError;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an execution ends with when Portico itself fails while running it: a bug, a store that cannot
 * be written, a stack that overflowed on input no bound foresaw. Such a failure must not leave the
 * execution RUNNING with no thread behind it (STANDARD) or turn a StartSyncExecution or TestState call
 * into an HTTP 500: the execution fails with {@code States.Runtime}, which no Retry or Catch handles,
 * and the cause says it was Portico's fault. The cause is Portico's wording; AWS has no such case.
 * Stateless.
 */
final class InternalFailure {

    private static final Logger LOG = LoggerFactory.getLogger(InternalFailure.class);

    private InternalFailure() {
    }

    /**
     * The failure as the execution shows it: Portico's words and an incident id, never the exception's
     * class or message (they can hold a store's SQL or a file path). The caller logs the exception with
     * the id, so an operator can find it.
     */
    static StatesError of(Throwable failure, String incident) {
        return StatesError.runtime("Portico failed internally while running the execution (incident " + incident
                + "; the server's log has the details).");
    }

    /** {@link #of(Throwable, String)} with a new incident id, logged here with the failure. */
    static StatesError of(Throwable failure) {
        String incident = UUID.randomUUID().toString();
        LOG.error("Internal failure of an execution, incident {}", incident, failure);
        return of(failure, incident);
    }
}
