package io.portico.functions.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The change streams event source mappings read (DynamoDB Streams), as the module that keeps them
 * publishes them: owned here, implemented over portico-tables' streams in {@code portico-server}
 * ({@code DynamoDbChangeStreams}), the only module that knows both. Lambda's consumer ({@code StreamPoller}) never reads another module's tables.
 *
 * <p>Positions are sequence numbers, which are decimal strings that grow within a shard (DynamoDB's are
 * gapless per stream ARN in Portico). Reads are exclusive of the position given, so a consumer passes
 * the last sequence number it has processed and gets what follows. Implementations are thread safe,
 * never return null, and answer for any account or region (the ARN says which).
 */
public interface ChangeStreams {

    /** The stream {@code streamArn} names, if it exists (an ARN with a disabled stream's label still exists until trimmed). */
    Optional<StreamDescription> describe(String streamArn);

    /**
     * The stream's shards, parents before their children. Empty if the stream does not exist.
     */
    List<Shard> shards(String streamArn);

    /**
     * Up to {@code limit} records of the shard, oldest first, following {@code after} (exclusive);
     * {@link Position#TRIM_HORIZON} reads from the oldest record still kept. Records trimmed away are
     * skipped silently, as DynamoDB Streams does after 24 hours.
     */
    List<ChangeRecord> read(String streamArn, String shardId, Position after, int limit);

    /** The sequence number of the newest record of the shard, if it has any: where {@code LATEST} starts. */
    Optional<String> latestSequenceNumber(String streamArn, String shardId);

    /**
     * Calls {@code listener} with a stream's ARN after records were committed to it, so a consumer reads
     * at once instead of at its next poll. The listener runs on the committing thread: it must be quick
     * and must not block. A hint only: consumers still poll, so streams that cannot tell (the default does
     * nothing) are read at the poll interval.
     */
    default void onAppend(Consumer<String> listener) {
    }

    /** A stream: its ARN, the table it belongs to and its view type ({@code NEW_IMAGE}, {@code KEYS_ONLY}, ...). */
    record StreamDescription(String streamArn, String tableName, String viewType) {
        public StreamDescription {
            Objects.requireNonNull(streamArn, "streamArn");
            Objects.requireNonNull(tableName, "tableName");
            Objects.requireNonNull(viewType, "viewType");
        }
    }

    /**
     * A shard of a stream. A closed shard gets no more records; its children ({@code parentShardId}
     * naming it) are read only once it has been read to its end, which keeps each key's changes in order.
     */
    record Shard(String shardId, Optional<String> parentShardId, boolean closed) {
        public Shard {
            Objects.requireNonNull(shardId, "shardId");
            Objects.requireNonNull(parentShardId, "parentShardId");
        }
    }

    /**
     * One change, already in the shape of one element of the {@code Records} array of Lambda's
     * {@code DynamodbEvent}: {@code eventID}, {@code eventName} ({@code INSERT}, {@code MODIFY},
     * {@code REMOVE}), {@code eventVersion} {@code "1.1"}, {@code eventSource} {@code "aws:dynamodb"},
     * {@code awsRegion}, {@code dynamodb} ({@code ApproximateCreationDateTime} in epoch seconds,
     * {@code Keys}, {@code NewImage}, {@code OldImage}, {@code SequenceNumber}, {@code SizeBytes},
     * {@code StreamViewType}) and {@code eventSourceARN}. {@code sequenceNumber} and
     * {@code approximateCreation} repeat what the event says, for the consumer's bookkeeping. The event is
     * the consumer's to read, not to change.
     */
    record ChangeRecord(String sequenceNumber, Instant approximateCreation, ObjectNode event) {
        public ChangeRecord {
            Objects.requireNonNull(sequenceNumber, "sequenceNumber");
            Objects.requireNonNull(approximateCreation, "approximateCreation");
            Objects.requireNonNull(event, "event");
        }
    }

    /** Where a read starts: the oldest record kept, or just after a sequence number. */
    sealed interface Position {
        Position TRIM_HORIZON = new TrimHorizon();

        static Position after(String sequenceNumber) {
            return new After(sequenceNumber);
        }

        record TrimHorizon() implements Position {
        }

        record After(String sequenceNumber) implements Position {
            public After {
                Objects.requireNonNull(sequenceNumber, "sequenceNumber");
            }
        }
    }
}
