package io.portico.core.work;

import java.time.Instant;

/**
 * An item set aside for good: what it was ({@code id}, {@code queue}, {@code payload}, attempts and
 * failures), when it was enqueued, when it was dead-lettered and why. Immutable apart from the payload
 * array; never null.
 */
public record DeadLetter(String id, String queue, byte[] payload, int attempts, int failures, Instant enqueuedAt,
        Instant deadAt, String reason) {
}
