package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Task state that waits on its task token ({@code .waitForTaskToken}, or an activity), as a STANDARD
 * execution stores it with the checkpoint that records the Task as submitted or scheduled: everything
 * a restarted engine needs to wait again on the same token without calling the resource again.
 *
 * @param token the token the resource or worker was given
 * @param activity the activity task, for an activity Task; empty for a callback
 * @param enteredEventId the id of the state's entered event, which error messages cite
 * @param enteredTime when the state was entered ({@code $$.State.EnteredTime})
 * @param retryAttempts how many times each of the state's retriers has retried so far
 * @param timeoutAt when TimeoutSeconds runs out, on the engine's clock; empty without one
 * @param heartbeatSeconds the state's HeartbeatSeconds, if any
 * @param lastBeat the last heartbeat, or the token's issue; HeartbeatSeconds count from here
 */
public record WaitingTask(
        String token,
        Optional<Activity> activity,
        long enteredEventId,
        Instant enteredTime,
        List<Integer> retryAttempts,
        Optional<Instant> timeoutAt,
        OptionalLong heartbeatSeconds,
        Instant lastBeat) {

    public WaitingTask {
        retryAttempts = List.copyOf(retryAttempts);
    }

    /**
     * The activity task waiting for, or held by, a worker.
     *
     * @param arn the activity
     * @param input what GetActivityTask hands the worker
     * @param handedOut when a worker took it with GetActivityTask; empty while it waits for one
     */
    public record Activity(String arn, JsonNode input, Optional<Instant> handedOut) {
    }
}
