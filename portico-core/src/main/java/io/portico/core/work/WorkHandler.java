package io.portico.core.work;

/**
 * Does the work of one item of a queue and says what became of it. Called on a virtual thread of its
 * own, with as many calls at once as the queue's concurrency allows; must be thread safe.
 *
 * <p>Throwing (any unchecked exception) is a failure of the platform, not an outcome: the queue
 * retries the item with exponential backoff and dead-letters it after {@link QueueOptions#maxFailures()}
 * failures in a row. Work may run more than once (its node may die after the work and before the
 * outcome is recorded), so handlers should be idempotent or accept at-least-once.
 */
@FunctionalInterface
public interface WorkHandler {

    /**
     * Handles {@code item}.
     *
     * @throws InterruptedException when the queue is closing: the item is released, not failed, and
     *     runs again later (after a restart, or on another node)
     */
    Outcome handle(WorkItem item) throws InterruptedException;
}
