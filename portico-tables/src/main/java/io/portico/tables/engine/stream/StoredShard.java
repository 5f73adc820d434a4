package io.portico.tables.engine.stream;

import java.time.Instant;
import java.util.Optional;

/**
 * A shard of a stream as the store keeps it: a range of the stream's sequence numbers. It opens at
 * {@code firstSequence} (the stream's next sequence when it opened) and, once closed, ends at
 * {@code lastSequence} (which is {@code firstSequence - 1} for a shard closed before it held a record: a
 * disabled stream's empty shard). Its parent is the shard it followed; the stream's first shard has none.
 * Immutable.
 */
public record StoredShard(String shardId, Optional<String> parentShardId, Instant created, long firstSequence,
        Optional<Long> lastSequence) {

    /** The shard id AWS's form takes, {@code shardId-<20 digits>-<8 hex>}: its opening time and a hash. */
    public static String id(String streamArn, Instant created, boolean first) {
        // The stream's first shard keeps the id Portico gave the one shard of a stream before rollover
        // existed, so a mapping's stored cursor still names it.
        int hash = first ? streamArn.hashCode() : (streamArn + "@" + created.toEpochMilli()).hashCode();
        return String.format("shardId-%020d-%08x", created.toEpochMilli(), hash);
    }

    public boolean closed() {
        return lastSequence.isPresent();
    }

    /** Whether {@code sequence} belongs to this shard (an open shard takes every sequence from its first on). */
    public boolean holds(long sequence) {
        return sequence >= firstSequence && lastSequence.map(last -> sequence <= last).orElse(true);
    }

    /** The first position a reader can read in the shard, given the stream's trim horizon. */
    public long trimHorizon(long streamTrimHorizon) {
        return Math.max(firstSequence, streamTrimHorizon);
    }
}
