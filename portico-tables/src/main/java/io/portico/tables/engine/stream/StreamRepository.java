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

    /** Up to {@code limit} records of the stream from position {@code from} on, in sequence order. */
    List<ChangeRecord> records(String arn, long from, int limit);

    /**
     * Deletes the records committed before {@code before}, and the streams disabled before it (whose records
     * are all older), at most {@code limit} records per call.
     *
     * @return the number of records deleted
     */
    int trim(Instant before, int limit);
}
