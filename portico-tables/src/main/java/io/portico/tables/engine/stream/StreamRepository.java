package io.portico.tables.engine.stream;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the streams engine needs kept: the streams of {@code ddb_streams} and the records of
 * {@code ddb_stream_records}, which the item writes append in their own transactions. Implemented by the
 * {@code store} package. Thread safe.
 */
public interface StreamRepository {

    /**
     * The streams whose ARN starts with {@code arnPrefix} (an account and region's table ARN prefix, or one
     * table's {@code <table arn>/stream/}), ordered by ARN.
     */
    List<StoredStream> list(String arnPrefix);

    Optional<StoredStream> find(String arn);

    /**
     * Up to {@code limit} records of the stream's shard {@code shardId} from position {@code from} on, in
     * sequence order: none past the shard's end as the store has it when the read runs (a shard that closes
     * between a reader's look at it and this read still ends where it closed).
     */
    List<ChangeRecord> records(String arn, String shardId, long from, int limit);

    /**
     * Rolls over the shards due: every open shard of an enabled stream opened at or before {@code openedBefore}
     * that holds at least one record is closed at the stream's last sequence and a child shard opens after it,
     * at {@code now}. Each stream's rollover is one transaction (closing and opening commit together or not at
     * all).
     *
     * @return the number of shards rolled over
     */
    int rollOver(Instant openedBefore, Instant now);

    /**
     * Deletes the records committed before {@code before}, the shards closed before it, and the streams
     * disabled before it (whose records are all older), at most {@code limit} records per call.
     *
     * @return the number of records deleted
     */
    int trim(Instant before, int limit);
}
