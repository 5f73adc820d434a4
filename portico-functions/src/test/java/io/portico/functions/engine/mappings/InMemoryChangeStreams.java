package io.portico.functions.engine.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.ChangeStreams;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A test double of the {@link ChangeStreams} port (what portico-tables will implement): one stream,
 * shards held in memory, sequence numbers gapless per stream, records in the DynamodbEvent shape.
 */
final class InMemoryChangeStreams implements ChangeStreams {
    static final String STREAM = "arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2025-01-01T00:00:00.000";

    private final Clock clock;
    private final Map<String, List<ChangeRecord>> shards = new LinkedHashMap<>();
    private final Map<String, Shard> shardInfo = new LinkedHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private long nextSequence = 100;

    InMemoryChangeStreams(Clock clock) {
        this.clock = clock;
        addShard("shard-1", Optional.empty());
    }

    void addShard(String id, Optional<String> parent) {
        shards.put(id, new CopyOnWriteArrayList<>());
        shardInfo.put(id, new Shard(id, parent, false));
    }

    void close(String id) {
        shardInfo.put(id, new Shard(id, shardInfo.get(id).parentShardId(), true));
    }

    /** Drops a shard whose records all aged out, as DynamoDB's 24-hour retention does. */
    void trim(String id) {
        shards.remove(id);
        shardInfo.remove(id);
    }

    /** Appends an INSERT of {@code newImage} (DynamoDB JSON) to the shard; returns its sequence number. */
    String insert(String shard, String newImageJson) {
        return append(shard, "INSERT", Json.mapper().valueToTree(read(newImageJson)), null);
    }

    String append(String shard, String eventName, JsonNode newImage, JsonNode oldImage) {
        String sequence = String.format("%021d", nextSequence++);
        ObjectNode event = Json.object().put("eventID", UUID.randomUUID().toString().replace("-", ""))
                .put("eventName", eventName).put("eventVersion", "1.1").put("eventSource", "aws:dynamodb")
                .put("awsRegion", "us-east-1");
        ObjectNode dynamodb = event.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", clock.instant().getEpochSecond());
        JsonNode image = newImage != null ? newImage : oldImage;
        dynamodb.putObject("Keys").set("id", image.get("id"));
        if (newImage != null) {
            dynamodb.set("NewImage", newImage);
        }
        if (oldImage != null) {
            dynamodb.set("OldImage", oldImage);
        }
        dynamodb.put("SequenceNumber", sequence).put("SizeBytes", 50).put("StreamViewType", "NEW_AND_OLD_IMAGES");
        event.put("eventSourceARN", STREAM);
        shards.get(shard).add(new ChangeRecord(sequence, clock.instant(), event));
        listeners.forEach(listener -> listener.accept(STREAM)); // as the item store signals after its commit
        return sequence;
    }

    @Override
    public void onAppend(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public Optional<StreamDescription> describe(String streamArn) {
        return streamArn.equals(STREAM)
                ? Optional.of(new StreamDescription(STREAM, "orders", "NEW_AND_OLD_IMAGES")) : Optional.empty();
    }

    @Override
    public List<Shard> shards(String streamArn) {
        return streamArn.equals(STREAM) ? List.copyOf(shardInfo.values()) : List.of();
    }

    @Override
    public List<ChangeRecord> read(String streamArn, String shardId, Position after, int limit) {
        List<ChangeRecord> out = new ArrayList<>();
        for (ChangeRecord record : shards.getOrDefault(shardId, List.of())) {
            boolean past = switch (after) {
                case Position.TrimHorizon t -> true;
                case Position.After a -> record.sequenceNumber().compareTo(a.sequenceNumber()) > 0;
            };
            if (past && out.size() < limit) {
                out.add(record);
            }
        }
        return out;
    }

    @Override
    public Optional<String> latestSequenceNumber(String streamArn, String shardId) {
        List<ChangeRecord> records = shards.getOrDefault(shardId, List.of());
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1).sequenceNumber());
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
