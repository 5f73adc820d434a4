package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs one kind of Task: invokes, blocks until the result, and records the history events AWS
 * records for it (for example TaskScheduled, TaskStarted, TaskSucceeded) through
 * {@link TaskCall#events()}. Failures are {@link io.portico.states.asl.StatesError}s named as AWS
 * names them (the Retry/Catch error). Implementations must be thread safe and must return promptly
 * with {@link InterruptedException} (or by throwing {@code StatesError}) when the thread is
 * interrupted: that is how timeouts and StopExecution reach them.
 */
@FunctionalInterface
public interface TaskResource {

    JsonNode invoke(TaskCall call) throws InterruptedException;
}
