package io.portico.server;

import io.portico.functions.engine.ChangeStreams;
import io.portico.tables.api.StreamRecordDocuments;
import io.portico.tables.engine.stream.SequenceNumbers;
import io.portico.tables.engine.stream.StoredShard;
import io.portico.tables.engine.stream.StoredStream;
import io.portico.tables.engine.stream.Streams;
import java.util.List;
import java.util.Optional;

/**
 * DynamoDB's streams as Lambda's event source mappings read them: portico-functions owns the
 * {@link ChangeStreams} port, portico-tables keeps the streams, and neither module knows the other, so
 * the two meet here. A stream's shards are listed parents first (a shard reads closed once it rolled over or
 * its stream was disabled), records are read in process in sequence order, bounded by their shard, and each is rendered as the element of Lambda's
 * {@code DynamodbEvent} that GetRecords' record corresponds to. Thread safe (so is {@link Streams}).
 */
final class DynamoDbChangeStreams implements ChangeStreams {
    private final Streams streams;

    DynamoDbChangeStreams(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Optional<StreamDescription> describe(String streamArn) {
        return streams.find(streamArn)
                .map(s -> new StreamDescription(s.arn(), s.tableName(), s.viewType().name()));
    }

    @Override
    public List<Shard> shards(String streamArn) {
        return streams.find(streamArn).map(s -> s.shards().stream()
                .map(shard -> new Shard(shard.shardId(), shard.parentShardId(), shard.closed() || !s.enabled()))
                .toList()).orElse(List.of());
    }

    @Override
    public List<ChangeRecord> read(String streamArn, String shardId, Position after, int limit) {
        Optional<StoredStream> stream = streams.find(streamArn);
        Optional<StoredShard> shard = stream.flatMap(s -> s.shard(shardId));
        if (shard.isEmpty()) {
            return List.of();
        }
        long from = switch (after) {
            case Position.TrimHorizon trimHorizon -> 0;
            case Position.After position -> SequenceNumbers.parse(position.sequenceNumber())
                    .orElseThrow(() -> new IllegalArgumentException("not a sequence number of this stream: "
                            + position.sequenceNumber())) + 1;
        };
        return streams.read(stream.get(), shard.get(), from, limit).records().stream()
                .map(r -> new ChangeRecord(r.sequenceNumber(), r.created(),
                        StreamRecordDocuments.forLambdaEvent(r, stream.get())))
                .toList();
    }

    @Override
    public Optional<String> latestSequenceNumber(String streamArn, String shardId) {
        return streams.find(streamArn).flatMap(s -> s.shard(shardId).flatMap(shard -> {
            long last = shard.lastSequence().orElse(s.lastSequence());
            return last >= shard.firstSequence() ? Optional.of(SequenceNumbers.format(last)) : Optional.empty();
        }));
    }
}
