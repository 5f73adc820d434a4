package io.portico.core;

/**
 * Lifecycle of a service module as the server drives it: {@link #start()} once after the store is
 * open and before the endpoints accept requests, {@link #close()} once on shutdown, in reverse start
 * order, after the endpoints have stopped accepting requests. Both default to doing nothing.
 *
 * <p>Implementations need not be thread safe for these two calls: the server makes them from one
 * thread. Neither may throw checked exceptions; a failing {@code start} aborts server start.
 */
public interface Component extends AutoCloseable {

    /** Starts background work (timers, pollers, recovery of work interrupted by a crash). */
    default void start() {
    }

    /** Stops background work and releases resources. Must be idempotent. */
    @Override
    default void close() {
    }
}
