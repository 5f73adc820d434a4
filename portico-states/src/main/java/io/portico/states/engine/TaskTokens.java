package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Task tokens: the handle a worker or callback uses to finish a task ({@code .waitForTaskToken}
 * integrations and activities). A token is issued when the task starts, and the task's thread waits
 * on it until SendTaskSuccess, SendTaskFailure, a timeout or the heartbeat deadline.
 *
 * <p>A token encodes the execution ARN so that a callback can be traced to its execution; the rest is
 * random. Deadlines (the task's timeout, the heartbeat's) are instants on the clock of the
 * {@link io.portico.core.time.Timers} given at construction, and the waiting thread sleeps on those timers until the
 * earlier of them or a callback: a heartbeat moves its deadline, and the waiter, woken at the old one,
 * sleeps on to the new. Thread safe.
 */
public final class TaskTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** AWS's largest TimeoutSeconds, the wait of a task that sets none. */
    private static final long MAX_TIMEOUT_SECONDS = 99_999_999L;

    private final io.portico.core.time.Timers timers;
    private final ConcurrentMap<String, PendingTask> pending = new ConcurrentHashMap<>();

    /** Tokens whose waits and deadlines are on {@code timers} (and their clock). */
    public TaskTokens(io.portico.core.time.Timers timers) {
        this.timers = timers;
    }

    /** What a callback finished a task with. */
    public sealed interface Completion {
        record Success(JsonNode output) implements Completion {
        }

        record Failure(String error, String cause) implements Completion {
        }
    }

    /**
     * The outcome of delivering a callback: delivered to the waiting task; {@code CLOSED}, a well-formed
     * token whose task is no longer waiting (it already completed, timed out, or its execution ended or
     * restarted), which AWS answers with TaskTimedOut; or {@code MALFORMED}, not a token at all
     * (InvalidToken).
     */
    public enum Delivery { DELIVERED, CLOSED, MALFORMED }

    private static final class PendingTask {
        final CompletableFuture<Completion> completion = new CompletableFuture<>();
        volatile Instant lastBeat;

        PendingTask(Instant issued) {
            this.lastBeat = issued;
        }
    }

    public String issue(String executionArn) {
        String raw = UUID.randomUUID() + "|" + executionArn;
        String token = ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        pending.put(token, new PendingTask(timers.clock().instant()));
        return token;
    }

    /** Forgets a token whose task ended another way (timeout, stop, failure to start). */
    public void retire(String token) {
        pending.remove(token);
    }

    /**
     * Waits for the token's task to be finished by a callback. Throws {@code States.Timeout} after
     * {@code timeoutSeconds}, {@code States.HeartbeatTimeout} when no heartbeat (or start) arrived within
     * {@code heartbeatSeconds}.
     */
    public Completion await(String token, OptionalLong timeoutSeconds, OptionalLong heartbeatSeconds)
            throws InterruptedException {
        PendingTask task = pending.get(token);
        if (task == null) {
            throw new StatesError(StatesError.TASK_FAILED, "Task token is no longer valid");
        }
        Instant deadline = timers.clock().instant().plusSeconds(timeoutSeconds.orElse(MAX_TIMEOUT_SECONDS));
        try {
            while (true) {
                Instant now = timers.clock().instant();
                Instant wakeAt = deadline;
                if (heartbeatSeconds.isPresent()) {
                    Instant beatDeadline = task.lastBeat.plusSeconds(heartbeatSeconds.getAsLong());
                    if (!beatDeadline.isAfter(now)) {
                        throw new StatesError("States.HeartbeatTimeout", null);
                    }
                    wakeAt = beatDeadline.isBefore(wakeAt) ? beatDeadline : wakeAt;
                }
                if (!deadline.isAfter(now)) {
                    throw new StatesError(StatesError.TIMEOUT, null);
                }
                // Empty when a deadline came first: the loop tells which, or finds that a beat moved it.
                Optional<Completion> completion = timers.awaitUntil(task.completion, wakeAt);
                if (completion.isPresent()) {
                    return completion.get();
                }
            }
        } finally {
            pending.remove(token);
        }
    }

    public Delivery complete(String token, Completion completion) {
        if (!wellFormed(token)) {
            return Delivery.MALFORMED;
        }
        PendingTask task = pending.get(token);
        if (task == null || !task.completion.complete(completion)) {
            return Delivery.CLOSED;
        }
        return Delivery.DELIVERED;
    }

    public Delivery heartbeat(String token) {
        if (!wellFormed(token)) {
            return Delivery.MALFORMED;
        }
        PendingTask task = pending.get(token);
        if (task == null || task.completion.isDone()) {
            return Delivery.CLOSED;
        }
        task.lastBeat = timers.clock().instant();
        return Delivery.DELIVERED;
    }

    /** The execution a well-formed token belongs to. */
    public static Optional<String> executionArn(String token) {
        try {
            String raw = new String(DECODER.decode(token), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return bar == 36 ? Optional.of(raw.substring(bar + 1)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean wellFormed(String token) {
        return token != null && executionArn(token).isPresent();
    }
}
