package io.portico.tables.engine.stream;

import io.portico.tables.engine.KeySchema;
import io.portico.tables.engine.StreamViewType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stream as the store keeps it: its ARN ({@code <table arn>/stream/<label>}), view type, when it was
 * enabled and (once it is off, replaced or its table deleted) disabled, the last sequence it handed out (0
 * before its first record), the oldest sequence it still keeps (empty when it keeps none), its table's
 * key schema while the table exists, and its shards not yet trimmed, parents before children (the last
 * one open while the stream is enabled). Immutable.
 */
public record StoredStream(String arn, StreamViewType viewType, Instant created, Optional<Instant> disabled,
        long lastSequence, Optional<Long> oldestKept, Optional<KeySchema> keySchema, List<StoredShard> shards) {

    public StoredStream {
        shards = List.copyOf(shards);
    }

    /** The shard {@code shardId} names, if the stream still has it. */
    public Optional<StoredShard> shard(String shardId) {
        return shards.stream().filter(s -> s.shardId().equals(shardId)).findFirst();
    }

    public boolean enabled() {
        return disabled.isEmpty();
    }

    /** The table's name, from the ARN ({@code arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>}). */
    public String tableName() {
        String afterTable = arn.substring(arn.indexOf(":table/") + ":table/".length());
        return afterTable.substring(0, afterTable.indexOf("/stream/"));
    }

    /** The label: the time the stream was enabled, to the millisecond, UTC. */
    public String label() {
        return arn.substring(arn.lastIndexOf("/stream/") + "/stream/".length());
    }

    /** Where the next record of the stream will be. */
    public long nextSequence() {
        return lastSequence + 1;
    }

    /** The first position a reader can read: the oldest kept record, or the next one when none is kept. */
    public long trimHorizon() {
        return oldestKept.orElse(nextSequence());
    }
}
