package io.portico.functions.engine.mappings;

import io.portico.functions.engine.ChangeStreams.Position;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a mapping stands in one shard, kept durably: the last sequence number it has finished with
 * ({@code position}), the attempts made at the batch that follows, the size it was bisected down to
 * (0: not bisected) and the sequence number until which bisected batches stay small, whether the
 * (closed) shard has been read to its end, the tumbling window open on it, if any, and, after a failed
 * invocation or one that could not run (the function gone, Pending or throttled), the time before which it
 * is not retried (its back-off or delay, kept so that other shards or lanes moving on, or a write to the
 * table waking the mapping, cannot hurry it).
 */
public record ShardCursor(String shardId, Position position, int attempts, int batchLimit,
        Optional<String> bisectUntil, boolean finished, Optional<WindowState> window, Optional<Instant> retryAt) {

    public ShardCursor {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(bisectUntil, "bisectUntil");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(retryAt, "retryAt");
    }

    public static ShardCursor at(String shardId, Position position) {
        return new ShardCursor(shardId, position, 0, 0, Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    /** The same place, with {@code value} as its tumbling window (empty: none open) and the attempts forgotten. */
    public ShardCursor withWindow(Optional<WindowState> value) {
        return new ShardCursor(shardId, position, 0, batchLimit, bisectUntil, finished, value, Optional.empty());
    }

    /** The same cursor with {@code value} attempts made at its next batch. */
    public ShardCursor withAttempts(int value) {
        return new ShardCursor(shardId, position, value, batchLimit, bisectUntil, finished, window, retryAt);
    }

    /** Past {@code sequenceNumber}, with the attempts forgotten; bisection ends once past its batch. */
    public ShardCursor advancedTo(String sequenceNumber) {
        boolean bisectDone = bisectUntil.map(until -> SequenceNumbers.compare(sequenceNumber, until) >= 0).orElse(true);
        return new ShardCursor(shardId, Position.after(sequenceNumber), 0, bisectDone ? 0 : batchLimit,
                bisectDone ? Optional.empty() : bisectUntil, false, window, Optional.empty());
    }

    /** One more failed attempt at the next batch, which is not retried before {@code until}. */
    public ShardCursor failedOnce(Instant until) {
        return new ShardCursor(shardId, position, attempts + 1, batchLimit, bisectUntil, false, window,
                Optional.of(until));
    }

    /**
     * The same cursor, its next batch not tried before {@code until}, with no attempt counted: the function
     * could not be invoked (gone, Pending or throttled), which is no failure of the batch.
     */
    public ShardCursor waitingUntil(Instant until) {
        return new ShardCursor(shardId, position, attempts, batchLimit, bisectUntil, finished, window,
                Optional.of(until));
    }

    public ShardCursor bisected(int limit, String until) {
        String end = bisectUntil.filter(u -> SequenceNumbers.compare(u, until) > 0).orElse(until);
        return new ShardCursor(shardId, position, attempts, limit, Optional.of(end), false, window, Optional.empty());
    }

    public ShardCursor finish() {
        return new ShardCursor(shardId, position, 0, 0, Optional.empty(), true, Optional.empty(), Optional.empty());
    }
}
