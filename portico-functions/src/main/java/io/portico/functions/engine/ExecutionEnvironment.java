package io.portico.functions.engine;

import java.util.concurrent.CompletableFuture;

/**
 * One Lambda execution environment: an initialised handler (static initialisation done once, at
 * start) that serves invocations one at a time. The caller owns concurrency, timeouts and reuse:
 * it never calls {@link #invoke} concurrently, and after an invocation runs past its deadline it
 * {@link #close() closes} the environment rather than reusing it, as Lambda does.
 */
public interface ExecutionEnvironment extends AutoCloseable {

    /** How long initialisation took, for the REPORT line's {@code Init Duration}. */
    long initDurationMillis();

    /**
     * Runs one invocation and returns what the handler produced, the calling thread waiting. Handler
     * output (stdout, stderr, {@code LambdaLogger}) goes to {@code request.log()}. Returns promptly
     * with {@link InterruptedException} when the calling thread is interrupted (timeout, shutdown).
     */
    InvocationOutcome invoke(InvocationRequest request) throws InterruptedException;

    /**
     * Starts one invocation and returns at once with its outcome to come, so that the caller can wait
     * with a deadline; cancelling the future (its deadline passed) stops the invocation. The environment
     * chooses the thread: by default a new virtual thread runs {@link #invoke} and is interrupted on
     * cancel, which suits environments whose code runs elsewhere (a worker process) and which only
     * wait. Environments that run function code in this JVM run it on platform threads of their own:
     * code that never blocks would otherwise keep a virtual thread's carrier from everything else.
     */
    default CompletableFuture<InvocationOutcome> submit(InvocationRequest request) {
        CompletableFuture<InvocationOutcome> outcome = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("lambda-invocation-" + request.requestId()).start(() -> {
            try {
                outcome.complete(invoke(request));
            } catch (Throwable failure) {
                outcome.completeExceptionally(failure);
            }
        });
        outcome.whenComplete((done, failure) -> {
            if (outcome.isCancelled()) {
                thread.interrupt();
            }
        });
        return outcome;
    }

    /** Releases the environment (class loader, worker process); idempotent. */
    @Override
    void close();
}
