package io.portico.functions.engine;

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
     * Runs one invocation on the calling thread and returns what the handler produced. Handler
     * output (stdout, stderr, {@code LambdaLogger}) goes to {@code request.log()}. Returns promptly
     * with {@link InterruptedException} when the calling thread is interrupted (timeout, shutdown).
     */
    InvocationOutcome invoke(InvocationRequest request) throws InterruptedException;

    /** Releases the environment (class loader, worker process); idempotent. */
    @Override
    void close();
}
