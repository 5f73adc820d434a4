package io.portico.server.functions;

import io.portico.core.json.Json;
import io.portico.functions.engine.ChangeStreams;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of the {@link ChangeStreams} port (portico-tables implements it later): one stream of
 * one shard, held in memory, so the Lambda API can be driven through LambdaClient before DynamoDB
 * Streams exist.
 */
final class OneStream implements ChangeStreams {
    static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2025-01-01T00:00:00.000";
    private static final String SHARD = "shardId-00000001";

    private final List<ChangeRecord> records = new CopyOnWriteArrayList<>();

    void insert(String id) {
        String sequence = String.format("%021d", 100 + records.size());
        var event = Json.object().put("eventID", "e" + sequence).put("eventName", "INSERT").put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb").put("awsRegion", "us-east-1");
        var dynamodb = event.putObject("dynamodb").put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
        dynamodb.putObject("Keys").putObject("pk").put("S", id);
        var image = dynamodb.putObject("NewImage");
        image.putObject("pk").put("S", id);
        image.putObject("count").put("N", "3");
        dynamodb.put("SequenceNumber", sequence).put("SizeBytes", 20).put("StreamViewType", "NEW_IMAGE");
        event.put("eventSourceARN", ARN);
        records.add(new ChangeRecord(sequence, Instant.now(), event));
    }

    @Override
    public Optional<StreamDescription> describe(String streamArn) {
        return streamArn.equals(ARN) ? Optional.of(new StreamDescription(ARN, "orders", "NEW_IMAGE")) : Optional.empty();
    }

    @Override
    public List<Shard> shards(String streamArn) {
        return streamArn.equals(ARN) ? List.of(new Shard(SHARD, Optional.empty(), false)) : List.of();
    }

    @Override
    public List<ChangeRecord> read(String streamArn, String shardId, Position after, int limit) {
        return records.stream().filter(r -> switch (after) {
            case Position.TrimHorizon t -> true;
            case Position.After a -> r.sequenceNumber().compareTo(a.sequenceNumber()) > 0;
        }).limit(limit).toList();
    }

    @Override
    public Optional<String> latestSequenceNumber(String streamArn, String shardId) {
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1).sequenceNumber());
    }
}
