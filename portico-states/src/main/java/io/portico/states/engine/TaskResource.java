package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs one kind of Task: invokes, blocks until the result, and records the history events AWS
 * records for it (for example TaskScheduled, TaskStarted, TaskSucceeded) through
 * {@link TaskCall#events()}. A {@code .waitForTaskToken} resource records only up to TaskStarted and
 * returns the service's response: the Task state records TaskSubmitted with it and then the callback's
 * outcome. Failures are {@link io.portico.states.asl.StatesError}s named as AWS
 * names them (the Retry/Catch error). Implementations must be thread safe and must return promptly
 * with {@link InterruptedException} (or by throwing {@code StatesError}) when the thread is
 * interrupted: that is how timeouts and StopExecution reach them.
 */
@FunctionalInterface
public interface TaskResource {

    JsonNode invoke(TaskCall call) throws InterruptedException;
}
