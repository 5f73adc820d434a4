package io.portico.tables.engine.stream;

import io.portico.tables.engine.TablesException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * DynamoDB Streams: list and describe a table's streams, position a shard iterator, read records in order.
 *
 * <p>How it works. The records are already there: every item change appends its record, numbered from 1
 * without a gap, in the change's own transaction ({@code StreamLog}). So a stream needs no state of its
 * own here: a shard is the whole stream (one shard per stream, no rollover: AWS rolls shards about every
 * four hours, which a reader of one shard cannot tell apart from one long shard), a position is a sequence,
 * and an iterator is a signed position ({@link ShardIterators}). Reading is one range read of the stream's
 * records from the position; the next iterator points after the last record read, or stays where it was
 * when none was there yet. Once a disabled stream is read to its last record, there is no next iterator: the
 * shard is closed and fully read, as AWS answers.
 *
 * <p>In-process consumers (Lambda event source mappings) need no iterator: {@link #read(String, long, int)}
 * reads from a position they keep themselves.
 *
 * <p>Thread safe: state is in the store.
 */
public final class Streams {
    /** GetRecords' most records per call, and its default. */
    public static final int MAX_RECORDS = 1000;

    private final StreamRepository repository;
    private final ShardIterators iterators;

    private Streams(StreamRepository repository, ShardIterators iterators) {
        this.repository = repository;
        this.iterators = iterators;
    }

    public static Streams create(StreamRepository repository, Clock clock) {
        return new Streams(repository, ShardIterators.create(clock));
    }

    /** How GetShardIterator positions an iterator. */
    public enum IteratorType {
        TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER
    }

    /**
     * Records read from a position, and where to read next; {@code shardEnded} when the stream is disabled
     * and nothing is left after them.
     */
    public record Batch(List<ChangeRecord> records, long next, boolean shardEnded) {
    }

    /** The streams of an account and region (of one table when {@code tableName} is given), ordered by ARN. */
    public List<StoredStream> list(String account, String region, Optional<String> tableName) {
        String prefix = tablesPrefix(account, region) + tableName.map(name -> name + "/stream/").orElse("");
        return repository.list(prefix);
    }

    /** The stream {@code arn} names, which must be the caller's. */
    public StoredStream describe(String account, String region, String arn) {
        return repository.find(arn).filter(s -> arn.startsWith(tablesPrefix(account, region)))
                .orElseThrow(() -> TablesException.streamNotFound(arn));
    }

    /** The id of the stream's one shard: AWS's form, {@code shardId-<20 digits>-<8 hex>}. */
    public static String shardId(StoredStream stream) {
        return String.format("shardId-%020d-%08x", stream.created().toEpochMilli(), stream.arn().hashCode());
    }

    /** GetShardIterator. */
    public String iterator(String account, String region, String arn, String shardId, IteratorType type,
            Optional<String> sequenceNumber) {
        StoredStream stream = describe(account, region, arn);
        if (!shardId(stream).equals(shardId)) {
            throw TablesException.shardNotFound(shardId);
        }
        long position = switch (type) {
            case TRIM_HORIZON -> stream.trimHorizon();
            case LATEST -> stream.nextSequence();
            case AT_SEQUENCE_NUMBER -> inShard(stream, type, sequenceNumber);
            case AFTER_SEQUENCE_NUMBER -> inShard(stream, type, sequenceNumber) + 1;
        };
        return iterators.issue(new ShardIterators.Position(arn, position));
    }

    /** GetRecords: the batch and the next iterator, empty once a disabled stream's shard is fully read. */
    public IteratorBatch records(String account, String region, String iterator, int limit) {
        ShardIterators.Position position = iterators.read(iterator);
        StoredStream stream = describe(account, region, position.streamArn());
        Batch batch = read(stream, position.next(), limit);
        Optional<String> next = batch.shardEnded() ? Optional.empty()
                : Optional.of(iterators.issue(new ShardIterators.Position(stream.arn(), batch.next())));
        return new IteratorBatch(stream, batch.records(), next);
    }

    /** GetRecords' answer: the stream the iterator named, its records, and the next iterator. */
    public record IteratorBatch(StoredStream stream, List<ChangeRecord> records, Optional<String> nextIterator) {
    }

    /**
     * Up to {@code limit} records of stream {@code arn} from sequence {@code from} on, in order, for in-process
     * consumers that keep their own position (start at {@link StoredStream#trimHorizon()} or
     * {@link StoredStream#nextSequence()} from {@link #find}; continue at {@link Batch#next()}). Records older
     * than the retention are gone: a position before the oldest kept record reads from the oldest.
     */
    public Batch read(String arn, long from, int limit) {
        return read(repository.find(arn).orElseThrow(() -> TablesException.streamNotFound(arn)), from, limit);
    }

    /** The stream {@code arn} names, in any account. */
    public Optional<StoredStream> find(String arn) {
        return repository.find(arn);
    }

    /** {@link #read(String, long, int)} of a stream the caller found already (one store read less per poll). */
    public Batch read(StoredStream stream, long from, int limit) {
        List<ChangeRecord> records = repository.records(stream.arn(), from, Math.min(limit, MAX_RECORDS));
        long next = records.isEmpty() ? Math.max(from, stream.trimHorizon())
                : records.get(records.size() - 1).sequence() + 1;
        // A disabled stream's last sequence is final: reading past it, nothing can come.
        boolean ended = !stream.enabled() && next > stream.lastSequence();
        return new Batch(records, next, ended);
    }

    /**
     * The position a sequence number names, which must be in the shard: one the stream handed out and still
     * keeps. Wording inferred (AWS's answers here are not recorded).
     */
    private static long inShard(StoredStream stream, IteratorType type, Optional<String> sequenceNumber) {
        String text = sequenceNumber.orElseThrow(() -> TablesException.validation(
                "Must specify a SequenceNumber for ShardIteratorType " + type));
        long sequence = SequenceNumbers.parse(text).filter(s -> s <= stream.lastSequence())
                .orElseThrow(() -> TablesException.validation("Invalid SequenceNumber for ShardIteratorType " + type
                        + ": " + text));
        if (sequence < stream.trimHorizon()) {
            throw TablesException.dataTrimmed("The data you are trying to access has been trimmed");
        }
        return sequence;
    }

    private static String tablesPrefix(String account, String region) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/";
    }
}
