package io.portico.tables.engine.stream;

import io.portico.tables.engine.TablesException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * DynamoDB Streams: list and describe a table's streams and their shards, position a shard iterator, read
 * records in order.
 *
 * <p>How it works. The records are already there: every item change appends its record, numbered from 1
 * without a gap, in the change's own transaction ({@code StreamLog}). A shard is a range of those numbers
 * ({@link StoredShard}): the stream's first shard opens with it, and every {@link #SHARD_LIFETIME} the sweep
 * ({@link Sweeps}) closes the open shard at the stream's last sequence and opens its child after it, in one
 * transaction. So records keep one order across shards (an item's changes are in order because the
 * stream's are), a position is a sequence, and an iterator is a signed (stream, shard, position)
 * ({@link ShardIterators}). Reading is one range read of the shard's records from the position, bounded by
 * the shard's end in the same statement; the next iterator points after the last record read, or stays
 * where it was when none was there yet. Once a closed shard (or a disabled stream's) is read to its end,
 * there is no next iterator, as AWS answers: the reader goes on with the shard's child.
 *
 * <p>In-process consumers (Lambda event source mappings) need no iterator: {@link #read} reads from a
 * position they keep themselves.
 *
 * <p>Thread safe: state is in the store.
 */
public final class Streams {
    /** GetRecords' most records per call, and its default. */
    public static final int MAX_RECORDS = 1000;
    /**
     * How long a shard stays open. AWS documents only that shards are ephemeral, "created and deleted
     * automatically"; streams are observed to roll their shard over about every four hours (consumers such as
     * the KCL's DynamoDB Streams adapter and Lambda see a new child shard that often). A shard still empty at
     * the end of its four hours stays open until it holds a record (see docs/tables.md, "Shards").
     */
    public static final Duration SHARD_LIFETIME = Duration.ofHours(4);

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
     * Records read from a position in a shard, and where to read next; {@code shardEnded} when the shard is
     * closed (or its stream disabled) and nothing is left in it after them.
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

    /** GetShardIterator. */
    public String iterator(String account, String region, String arn, String shardId, IteratorType type,
            Optional<String> sequenceNumber) {
        StoredStream stream = describe(account, region, arn);
        StoredShard shard = stream.shard(shardId).orElseThrow(TablesException::shardNotFound);
        long position = switch (type) {
            case TRIM_HORIZON -> shard.trimHorizon(stream.trimHorizon());
            case LATEST -> shard.lastSequence().map(last -> last + 1).orElse(stream.nextSequence());
            case AT_SEQUENCE_NUMBER -> inShard(stream, shard, type, sequenceNumber);
            case AFTER_SEQUENCE_NUMBER -> inShard(stream, shard, type, sequenceNumber) + 1;
        };
        return iterators.issue(new ShardIterators.Position(arn, shardId, position));
    }

    /** GetRecords: the batch and the next iterator, empty once a closed shard is fully read. */
    public IteratorBatch records(String account, String region, String iterator, int limit) {
        ShardIterators.Position position = iterators.read(iterator);
        StoredStream stream = describe(account, region, position.streamArn());
        // A shard trimmed away since the iterator was issued took its records with it.
        StoredShard shard = stream.shard(position.shardId()).orElseThrow(TablesException::dataTrimmed);
        Batch batch = read(stream, shard, position.next(), limit);
        Optional<String> next = batch.shardEnded() ? Optional.empty() : Optional.of(iterators.issue(
                new ShardIterators.Position(stream.arn(), shard.shardId(), batch.next())));
        return new IteratorBatch(stream, batch.records(), next);
    }

    /** GetRecords' answer: the stream the iterator named, its records, and the next iterator. */
    public record IteratorBatch(StoredStream stream, List<ChangeRecord> records, Optional<String> nextIterator) {
    }

    /** The stream {@code arn} names, in any account. */
    public Optional<StoredStream> find(String arn) {
        return repository.find(arn);
    }

    /**
     * Up to {@code limit} records of {@code shard} of {@code stream} from sequence {@code from} on, in order,
     * for in-process consumers that keep their own position (start at {@link StoredShard#trimHorizon}, go on
     * at {@link Batch#next()}). Records older than the retention are gone: a position before the oldest kept
     * record reads from the oldest.
     */
    public Batch read(StoredStream stream, StoredShard shard, long from, int limit) {
        long start = Math.max(from, shard.trimHorizon(stream.trimHorizon()));
        List<ChangeRecord> records = repository.records(stream.arn(), shard.shardId(), start,
                Math.min(limit, MAX_RECORDS));
        long next = records.isEmpty() ? start : records.get(records.size() - 1).sequence() + 1;
        // A closed shard's last sequence is final, and so is a disabled stream's: past it, nothing can come.
        boolean ended = (shard.closed() || !stream.enabled())
                && next > shard.lastSequence().orElse(stream.lastSequence());
        return new Batch(records, next, ended);
    }

    /**
     * The position a sequence number names, which must be in the shard: one the stream handed out into this
     * shard and still keeps. Wording inferred (AWS's answers here are not recorded).
     */
    private static long inShard(StoredStream stream, StoredShard shard, IteratorType type,
            Optional<String> sequenceNumber) {
        String text = sequenceNumber.orElseThrow(() -> TablesException.validation(
                "Must specify a SequenceNumber for ShardIteratorType " + type));
        long sequence = SequenceNumbers.parse(text).filter(s -> s <= stream.lastSequence())
                .orElseThrow(() -> invalidSequence(type, text));
        if (sequence < stream.trimHorizon()) {
            throw TablesException.dataTrimmed();
        }
        if (!shard.holds(sequence)) {
            throw invalidSequence(type, text);
        }
        return sequence;
    }

    private static TablesException invalidSequence(IteratorType type, String text) {
        return TablesException.validation("Invalid SequenceNumber for ShardIteratorType " + type + ": " + text);
    }

    private static String tablesPrefix(String account, String region) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/";
    }
}
