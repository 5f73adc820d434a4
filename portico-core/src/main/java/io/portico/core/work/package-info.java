/**
 * Background work done once: the durable {@link io.portico.core.work.WorkQueue} every service runs its
 * deliveries, retries and timers on, with claims leased to a {@link io.portico.core.work.NodeId},
 * retries with backoff and dead letters, all on the injected clock.
 */
package io.portico.core.work;
