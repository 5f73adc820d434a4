package io.portico.functions.engine.process;

import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.process.ApiReply.Rejected;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Runtime API's state for one worker process: the state machine Lambda's RAPID keeps for a
 * runtime, and the hand-over of events and outcomes between the environment and the worker.
 *
 * <p>States and transitions are RAPID's, named as RAPID names them in its 403 messages:
 * {@code Started} (process launched) goes to {@code Ready} on the first {@code /next} (init done) or
 * to {@code InitError} on {@code /init/error}; {@code Ready} goes to {@code RuntimeResponseSentState}
 * on a response or an error for the current invocation, and back to {@code Ready} on the next
 * {@code /next}. Anything else is refused with 403, after a request id that is not the current
 * invocation's has been refused with 400, in RAPID's order. A {@code /next} while the current event is
 * unanswered receives that event again, as from RAPID.
 *
 * <p>The environment side {@link #offer offers} an event and waits on the returned future; the
 * worker's answer completes it, and so does the worker's end ({@link #workerExited}), exceptionally
 * with {@link WorkerExitedException}. Futures are completed outside the lock. Thread safe.
 */
final class RuntimeApiSession {
    /** Lambda's limit for a response, 6 MiB plus RAPID's 100 bytes of slack. */
    static final long MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

    private enum State {
        STARTED("Started"), READY("Ready"), INIT_ERROR("InitError"), RESPONSE_SENT("RuntimeResponseSentState");

        final String rapidName;

        State(String rapidName) {
            this.rapidName = rapidName;
        }
    }

    private final CompletableFuture<InitOutcome> init = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock(); // guards the fields below
    private State state = State.STARTED;
    private RuntimeEvent event; // the current invocation's; its id stays current after it is answered
    private CompletableFuture<InvocationOutcome> outcome = CompletableFuture.completedFuture(null);
    private EventSink waiting;
    private CompletableFuture<Void> parked = new CompletableFuture<>();
    private Optional<String> exitReason = Optional.empty();

    /** Completes when the worker asks for its first event, posts an init error, or exits first. */
    CompletableFuture<InitOutcome> initialised() {
        return init;
    }

    /**
     * Hands {@code next} to the worker (now, if its {@code /next} is waiting, else when it asks) and
     * returns the future of its outcome. The previous invocation must be over.
     */
    CompletableFuture<InvocationOutcome> offer(RuntimeEvent next) {
        CompletableFuture<InvocationOutcome> pending = new CompletableFuture<>();
        EventSink sink;
        lock.lock();
        try {
            if (!outcome.isDone()) {
                throw new IllegalStateException("invocation " + event.requestId() + " is still running");
            }
            if (exitReason.isPresent()) {
                pending.completeExceptionally(new WorkerExitedException(exitReason.get()));
                return pending;
            }
            event = next;
            outcome = pending;
            parked = new CompletableFuture<>();
            sink = waiting;
            waiting = null;
        } finally {
            lock.unlock();
        }
        if (sink != null) {
            sink.deliver(next);
        }
        return pending;
    }

    /**
     * Completes when the worker next waits in {@code /next} with no event to answer, or has ended: for
     * the invocation offered last, the moment Lambda ends it (its END line), post-response work done.
     */
    CompletableFuture<Void> parked() {
        lock.lock();
        try {
            return parked;
        } finally {
            lock.unlock();
        }
    }

    /** A {@code GET /runtime/invocation/next}. */
    void next(EventSink sink) {
        RuntimeEvent unanswered = null;
        EventSink superseded = null;
        Rejected refusal = null;
        boolean initDone = false;
        CompletableFuture<Void> nowParked = null;
        lock.lock();
        try {
            if (exitReason.isPresent()) {
                refusal = ApiReply.internalServerError();
            } else if (state == State.INIT_ERROR) {
                refusal = ApiReply.invalidStateTransition(state.rapidName, State.READY.rapidName);
            } else {
                initDone = state == State.STARTED;
                state = State.READY;
                if (!outcome.isDone()) {
                    unanswered = event;
                } else {
                    superseded = waiting;
                    waiting = sink;
                    nowParked = parked;
                }
            }
        } finally {
            lock.unlock();
        }
        if (initDone) {
            init.complete(new InitOutcome.Ready());
        }
        if (nowParked != null) {
            nowParked.complete(null);
        }
        if (superseded != null) {
            superseded.reject(ApiReply.internalServerError()); // one /next at a time: the newer one waits
        }
        if (refusal != null) {
            sink.reject(refusal);
        } else if (unanswered != null) {
            sink.deliver(unanswered);
        }
    }

    /** A {@code POST /runtime/invocation/{id}/response} of {@code size} bytes ({@code body} when within the limit). */
    ApiReply respond(String requestId, byte[] body, long size) {
        if (size > MAX_RESPONSE_BYTES) {
            ApiReply reply = answer(requestId, "InvocationResponse", PlatformErrors.responseTooLarge(size));
            return reply instanceof ApiReply.Accepted ? ApiReply.requestEntityTooLarge() : reply;
        }
        return answer(requestId, "InvocationResponse", new InvocationOutcome.Success(body));
    }

    /** A {@code POST /runtime/invocation/{id}/error}. */
    ApiReply fail(String requestId, PostedError error) {
        return answer(requestId, "InvocationErrorResponse", error.error());
    }

    /** A {@code POST /runtime/init/error}. */
    ApiReply initError(PostedError error) {
        lock.lock();
        try {
            if (state != State.STARTED) {
                return ApiReply.invalidStateTransition(state.rapidName, State.INIT_ERROR.rapidName);
            }
            state = State.INIT_ERROR;
        } finally {
            lock.unlock();
        }
        init.complete(new InitOutcome.Failed(error.error(), error.message()));
        return ApiReply.ACCEPTED;
    }

    /**
     * The worker process ended ({@code reason} as Lambda words it): fails its init if still running and
     * the invocation in flight, and refuses the worker's calls from now on.
     */
    void workerExited(String reason) {
        CompletableFuture<InvocationOutcome> inFlight;
        CompletableFuture<Void> over;
        lock.lock();
        try {
            if (exitReason.isPresent()) {
                return;
            }
            exitReason = Optional.of(reason);
            inFlight = outcome;
            over = parked;
            waiting = null; // its connection died with the worker
        } finally {
            lock.unlock();
        }
        init.complete(new InitOutcome.Failed(PlatformErrors.exited(Optional.empty(), reason), reason));
        inFlight.completeExceptionally(new WorkerExitedException(reason));
        over.complete(null);
    }

    /** Settles the current invocation with {@code result}, or says why it cannot. */
    private ApiReply answer(String requestId, String transition, InvocationOutcome result) {
        CompletableFuture<InvocationOutcome> answered;
        lock.lock();
        try {
            if (event == null || !event.requestId().equals(requestId)) {
                return ApiReply.invalidRequestId();
            }
            if (state != State.READY) {
                return ApiReply.invalidStateTransition(state.rapidName, transition);
            }
            if (outcome.isDone()) {
                return ApiReply.invalidRequestId(); // answered before the worker's last /next
            }
            state = State.RESPONSE_SENT;
            answered = outcome;
        } finally {
            lock.unlock();
        }
        answered.complete(result);
        return ApiReply.ACCEPTED;
    }
}
