package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.time.Timers;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Task tokens: the handle a worker or callback uses to finish a task ({@code .waitForTaskToken}
 * integrations and activities). A token is issued when the task starts, and the task's thread waits
 * on it until SendTaskSuccess, SendTaskFailure, a timeout or the heartbeat deadline.
 *
 * <p>A token encodes the execution ARN so that a callback can be traced to its execution; the rest is
 * random. Deadlines (the task's timeout, the heartbeat's) are instants on the clock of the
 * {@link Timers} given at construction, and the waiting thread sleeps on those timers until the
 * earlier of them or a callback: a heartbeat moves its deadline, and the waiter, woken at the old one,
 * sleeps on to the new.
 *
 * <p>Durability. A token of a STANDARD execution starts in memory only, and becomes <em>stored</em> once
 * the Task's checkpoint records it as waiting ({@link Checkpointer#taskWaiting}); from then on the
 * {@link TokenLedger} (the store) is the truth about it. Whatever ends a stored task first (a callback's
 * success or failure, or a deadline) is settled in the ledger by one conditional write, so a callback
 * racing a timeout, or arriving after a restart before the execution has resumed, has exactly one
 * outcome, and an acknowledged callback survives {@code kill -9}. The waiting thread is only woken from
 * memory. A restarted engine {@linkplain #resume resumes} the stored task and reads what the ledger
 * settled meanwhile: the resumer registers before it reads, a callback settles before it looks for a
 * waiter, so one of the two always sees the other. Tokens of EXPRESS executions (and TestState) are
 * never stored, as their executions are not.
 *
 * <p>Thread safe.
 */
public final class TaskTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** AWS's largest TimeoutSeconds, the wait of a task that sets none. */
    private static final long MAX_TIMEOUT_SECONDS = 99_999_999L;
    private static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";

    private final Timers timers;
    private final TokenLedger ledger;
    private final ConcurrentMap<String, PendingTask> pending = new ConcurrentHashMap<>();

    /** Tokens kept in memory only, whose waits and deadlines are on {@code timers} (and their clock). */
    public TaskTokens(Timers timers) {
        this(timers, TokenLedger.NONE);
    }

    /** Tokens whose stored tasks are settled in {@code ledger}. */
    public TaskTokens(Timers timers, TokenLedger ledger) {
        this.timers = timers;
        this.ledger = ledger;
    }

    /**
     * How a task waiting on its token ended: a callback's {@link Success} or {@link Failure}, or the
     * engine's own {@link TimedOut} at a deadline, which is settled like a callback so that the first of
     * them wins.
     */
    public sealed interface Completion {
        record Success(JsonNode output) implements Completion {
        }

        record Failure(String error, String cause) implements Completion {
        }

        /** {@code States.Timeout} or {@code States.HeartbeatTimeout}; callbacks never carry it. */
        record TimedOut(String error) implements Completion {
        }
    }

    /**
     * The outcome of delivering a callback: delivered to the waiting task; {@code CLOSED}, a well-formed
     * token whose task is no longer waiting (it already completed, timed out, or its execution ended),
     * which AWS answers with TaskTimedOut; or {@code MALFORMED}, not a token at all (UNKNOWN_TASK_TOKEN).
     */
    public enum Delivery { DELIVERED, CLOSED, MALFORMED }

    /** A completion as it reached the waiter, and whether the ledger already holds it. */
    private record Settled(Completion completion, boolean stored) {
    }

    private static final class PendingTask {
        final CompletableFuture<Settled> completion = new CompletableFuture<>();
        final AtomicReference<Instant> lastBeat;
        volatile boolean stored;
        /** The callback that came before the task was stored was stored with it. */
        volatile boolean settledWhenStored;
        /**
         * Orders a callback to a task not yet stored against the storing: the callback either reaches
         * the task before the store writes (and is written with it) or finds it stored (and settles it
         * in the ledger), never in between, where a crash would lose an acknowledged callback.
         */
        final ReentrantLock storing = new ReentrantLock();

        PendingTask(Instant issued) {
            this.lastBeat = new AtomicReference<>(issued);
        }

        /** Beats only move forward: a resumer's read of the ledger may be older than a beat it raced. */
        void beat(Instant at) {
            lastBeat.accumulateAndGet(at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    public String issue(String executionArn) {
        String raw = UUID.randomUUID() + "|" + executionArn;
        String token = ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        pending.put(token, new PendingTask(timers.clock().instant()));
        return token;
    }

    /**
     * Stores the token's task as waiting: {@code write} writes the wait, with the callback that already
     * arrived if one did (its argument), and answers whether it stored anything. From then on the task's
     * callbacks and deadlines are settled in the ledger.
     */
    void store(String token, Predicate<Optional<Completion>> write) {
        PendingTask task = pending.get(token);
        if (task == null) {
            write.test(Optional.empty());
            return;
        }
        task.storing.lock();
        try {
            Optional<Completion> early = task.completion.isDone()
                    ? Optional.of(task.completion.join().completion()) : Optional.empty();
            if (write.test(early)) {
                task.settledWhenStored = early.isPresent();
                task.stored = true;
            }
        } finally {
            task.storing.unlock();
        }
    }

    /**
     * Waits again, after a restart, on a task that was stored as waiting: registers it, then takes
     * what the ledger settled while no one waited (a beat, or the callback itself).
     */
    void resume(WaitingTask waiting) {
        PendingTask task = new PendingTask(waiting.lastBeat());
        task.stored = true;
        pending.put(waiting.token(), task);
        ledger.find(waiting.token()).ifPresent(stored -> {
            task.beat(stored.lastBeat());
            stored.outcome().ifPresent(outcome -> task.completion.complete(new Settled(outcome, true)));
        });
    }

    /** When the token's task last showed life (its issue, a heartbeat, or a worker taking it). */
    Instant lastBeat(String token) {
        PendingTask task = pending.get(token);
        return task == null ? timers.clock().instant() : task.lastBeat.get();
    }

    /** Forgets a token whose task ended another way (timeout, stop, failure to start). */
    public void retire(String token) {
        pending.remove(token);
    }

    /**
     * Waits for the token's task to end: a callback's completion, or {@link Completion.TimedOut} with
     * {@code States.Timeout} once the clock reaches {@code deadline} (none: AWS's largest
     * TimeoutSeconds from now) or {@code States.HeartbeatTimeout} when no heartbeat (or start) arrived
     * within {@code heartbeatSeconds}. For a stored task the answer is what the ledger settled.
     */
    public Completion await(String token, Optional<Instant> deadline, OptionalLong heartbeatSeconds)
            throws InterruptedException {
        PendingTask task = pending.get(token);
        if (task == null) {
            throw new StatesError(StatesError.TASK_FAILED,
                    "Task token is no longer valid");
        }
        Instant timeoutAt = deadline.orElseGet(() -> timers.clock().instant().plusSeconds(MAX_TIMEOUT_SECONDS));
        try {
            while (true) {
                if (task.completion.isDone()) {
                    return settle(token, task, task.completion.join());
                }
                Instant now = timers.clock().instant();
                Instant wakeAt = timeoutAt;
                if (heartbeatSeconds.isPresent()) {
                    Instant beatDeadline = task.lastBeat.get().plusSeconds(heartbeatSeconds.getAsLong());
                    if (!beatDeadline.isAfter(now)) {
                        return settle(token, task, new Settled(new Completion.TimedOut(HEARTBEAT_TIMEOUT), false));
                    }
                    wakeAt = beatDeadline.isBefore(wakeAt) ? beatDeadline : wakeAt;
                }
                if (!timeoutAt.isAfter(now)) {
                    return settle(token, task, new Settled(new Completion.TimedOut(
                            StatesError.TIMEOUT), false));
                }
                // Wakes at a deadline or the completion; the loop tells which, or finds that a beat moved it.
                timers.awaitUntil(task.completion, wakeAt);
            }
        } finally {
            pending.remove(token);
        }
    }

    /** What ends the task: {@code candidate}, unless the ledger settled the stored task otherwise first. */
    private Completion settle(String token, PendingTask task, Settled candidate) {
        if (!task.stored || candidate.stored() || task.settledWhenStored
                || ledger.settle(token, candidate.completion())) {
            return candidate.completion();
        }
        return ledger.find(token).flatMap(TokenLedger.Stored::outcome).orElse(candidate.completion());
    }

    public Delivery complete(String token, Completion completion) {
        if (!wellFormed(token)) {
            return Delivery.MALFORMED;
        }
        PendingTask task = pending.get(token);
        if (task != null && !task.stored) {
            task.storing.lock();
            try {
                if (!task.stored) {
                    // Not stored (yet): stored with the task if it becomes stored (see store).
                    return task.completion.complete(new Settled(completion, false)) ? Delivery.DELIVERED : Delivery.CLOSED;
                }
            } finally {
                task.storing.unlock();
            }
        }
        if (!ledger.settle(token, completion)) {
            return Delivery.CLOSED;
        }
        // Looked up again: a restarted engine may have resumed the task since.
        PendingTask waiter = pending.get(token);
        if (waiter != null) {
            waiter.completion.complete(new Settled(completion, true));
        }
        return Delivery.DELIVERED;
    }

    public Delivery heartbeat(String token) {
        if (!wellFormed(token)) {
            return Delivery.MALFORMED;
        }
        Instant now = timers.clock().instant();
        PendingTask task = pending.get(token);
        if (task != null && !task.stored) {
            if (task.completion.isDone()) {
                return Delivery.CLOSED;
            }
            task.beat(now);
            return Delivery.DELIVERED;
        }
        if (!ledger.beat(token, now)) {
            return Delivery.CLOSED;
        }
        PendingTask waiter = pending.get(token);
        if (waiter != null) {
            waiter.beat(now);
        }
        return Delivery.DELIVERED;
    }

    /**
     * A worker takes the token's activity task (GetActivityTask): its heartbeat starts over, and
     * {@code record} records the hand-out (told whether the task is stored, answering whether the store
     * took it). False when the task ended before the worker got it.
     */
    boolean handOut(String token, HandOut record) {
        PendingTask task = pending.get(token);
        if (task == null || task.completion.isDone()) {
            return false;
        }
        Instant now = timers.clock().instant();
        if (!record.record(task.stored, now)) {
            return false;
        }
        task.beat(now);
        return true;
    }

    /** How a hand-out is recorded: the worker's event, and for a stored task the store's claim. */
    @FunctionalInterface
    interface HandOut {
        boolean record(boolean stored, Instant at);
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
