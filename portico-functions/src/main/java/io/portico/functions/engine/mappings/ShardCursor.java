package io.portico.functions.engine.mappings;

import io.portico.functions.engine.ChangeStreams.Position;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a mapping stands in one shard, kept durably: the last sequence number it has finished with
 * ({@code position}), the attempts made at the batch that follows, the size it was bisected down to
 * (0: not bisected) and the sequence number until which bisected batches stay small, and whether the
 * (closed) shard has been read to its end.
 */
public record ShardCursor(String shardId, Position position, int attempts, int batchLimit,
        Optional<String> bisectUntil, boolean finished) {

    public ShardCursor {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(bisectUntil, "bisectUntil");
    }

    public static ShardCursor at(String shardId, Position position) {
        return new ShardCursor(shardId, position, 0, 0, Optional.empty(), false);
    }

    /** Past {@code sequenceNumber}, with the attempts forgotten; bisection ends once past its batch. */
    public ShardCursor advancedTo(String sequenceNumber) {
        boolean bisectDone = bisectUntil.map(until -> SequenceNumbers.compare(sequenceNumber, until) >= 0).orElse(true);
        return new ShardCursor(shardId, Position.after(sequenceNumber), 0, bisectDone ? 0 : batchLimit,
                bisectDone ? Optional.empty() : bisectUntil, false);
    }

    public ShardCursor failedOnce() {
        return new ShardCursor(shardId, position, attempts + 1, batchLimit, bisectUntil, false);
    }

    public ShardCursor bisected(int limit, String until) {
        String end = bisectUntil.filter(u -> SequenceNumbers.compare(u, until) > 0).orElse(until);
        return new ShardCursor(shardId, position, attempts, limit, Optional.of(end), false);
    }

    public ShardCursor finish() {
        return new ShardCursor(shardId, position, 0, 0, Optional.empty(), true);
    }
}
