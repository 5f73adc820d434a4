package io.portico.core.work;

import java.time.Instant;
import java.util.Objects;

/**
 * One unit of background work as its handler sees it: its id (unique, also usable as a request id),
 * its queue, the payload it was enqueued with, how many attempts the handler has counted
 * ({@link Outcome#retry}) and how many times in a row it failed by throwing, when it was first
 * enqueued and when it became due. The payload array is the handler's to read, not to change.
 * Immutable apart from that array; never null.
 */
public record WorkItem(String id, String queue, byte[] payload, int attempts, int failures, Instant enqueuedAt,
        Instant dueAt) {

    public WorkItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
