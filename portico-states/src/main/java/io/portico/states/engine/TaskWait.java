package io.portico.states.engine;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Task state's wait on its task token, as the resource that hands the token out sees it: the
 * token, the deadlines, the step that stores the wait ({@link #waiting}), the wait itself, and, for a
 * STANDARD execution restarted while the Task waited, the wait as it was stored ({@link #resumed}), in
 * which case the resource must not be called again.
 *
 * <p>Deadlines are instants on the engine's clock fixed when the Task started, so a resumed wait
 * keeps what was left of them. Not thread safe, except {@link #handOut}, which a
 * worker's GetActivityTask calls while the Task's thread waits.
 */
public final class TaskWait {
    private final TaskTokens tokens;
    private final StateVisit visit;
    private final String token;
    private final Optional<Instant> timeoutAt;
    private final OptionalLong heartbeatSeconds;
    private final Optional<WaitingTask> resumed;

    private TaskWait(TaskTokens tokens, StateVisit visit, String token, Optional<Instant> timeoutAt,
                     OptionalLong heartbeatSeconds, Optional<WaitingTask> resumed) {
        this.tokens = tokens;
        this.visit = visit;
        this.token = token;
        this.timeoutAt = timeoutAt;
        this.heartbeatSeconds = heartbeatSeconds;
        this.resumed = resumed;
    }

    /** A new wait on {@code token}, just issued, with the Task's deadlines. */
    static TaskWait start(TaskTokens tokens, StateVisit visit, String token, Optional<Instant> timeoutAt,
                          OptionalLong heartbeatSeconds) {
        return new TaskWait(tokens, visit, token, timeoutAt, heartbeatSeconds, Optional.empty());
    }

    /** The stored wait of a Task whose execution restarted, registered again under its token. */
    static TaskWait resume(TaskTokens tokens, StateVisit visit, WaitingTask waiting) {
        tokens.resume(waiting);
        return new TaskWait(tokens, visit, waiting.token(), waiting.timeoutAt(), waiting.heartbeatSeconds(),
                Optional.of(waiting));
    }

    public String token() {
        return token;
    }

    /**
     * The wait as stored before a restart, if this Task resumes one: its resource was called (or its
     * activity scheduled) already and must not be again.
     */
    public Optional<WaitingTask> resumed() {
        return resumed;
    }

    /**
     * The resource was called (the callback submitted) or the activity scheduled: stores the wait, with
     * the history recorded so far, in one transaction (STANDARD executions; nothing for EXPRESS). After
     * this a restart waits again on the same token instead of calling the resource again.
     */
    public void waiting(Optional<WaitingTask.Activity> activity) {
        Frame frame = visit.frame();
        int[] attempts = visit.attempts();
        WaitingTask task = new WaitingTask(token, activity, visit.enteredEventId(), visit.enteredTime(),
                Arrays.stream(attempts).boxed().toList(), timeoutAt, heartbeatSeconds, tokens.lastBeat(token));
        tokens.store(token, early -> frame.run().checkpointer().taskWaiting(frame.key(), frame.position(), task, early));
    }

    /** Waits for the callback or a deadline; see {@link TaskTokens#await}. */
    public TaskTokens.Completion await() throws InterruptedException {
        return tokens.await(token, timeoutAt, heartbeatSeconds);
    }

    /**
     * A worker takes the activity task: {@code started} records its ActivityStarted, which becomes durable
     * in one transaction with the hand-out before the worker gets the token. False when the task ended
     * before it could.
     */
    boolean handOut(Optional<String> worker, Runnable started) {
        Checkpointer checkpointer = visit.frame().run().checkpointer();
        return tokens.handOut(token, (stored, at) -> {
            if (stored) {
                return checkpointer.handOut(token, at, worker, started);
            }
            started.run();
            checkpointer.flush();
            return true;
        });
    }
}
