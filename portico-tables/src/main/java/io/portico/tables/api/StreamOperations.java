package io.portico.tables.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.validation.Violation;
import io.portico.tables.engine.KeyElement;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.stream.ChangeRecord;
import io.portico.tables.engine.stream.SequenceNumbers;
import io.portico.tables.engine.stream.StoredShard;
import io.portico.tables.engine.stream.StoredStream;
import io.portico.tables.engine.stream.Streams;
import java.util.List;
import java.util.Optional;

/**
 * The four DynamoDB Streams operations: the answers in the shapes AWS's recordings show
 * (test_dynamodb.snapshot.json: describe-stream and get-records of the streaming tests). Stateless.
 */
final class StreamOperations {
    /** ListStreams' default and largest page (AWS: "The upper limit is 100"). */
    private static final int LIST_LIMIT = 100;
    /** DescribeStream's largest page of shards (AWS: "The upper limit is 100"). */
    private static final int SHARD_LIMIT = 100;

    private final Streams streams;

    StreamOperations(Streams streams) {
        this.streams = streams;
    }

    ObjectNode listStreams(Input in) {
        int limit = in.node("Limit").map(n -> n.asInt()).orElse(LIST_LIMIT);
        Optional<String> start = in.string("ExclusiveStartStreamArn");
        Optional<String> table = in.string("TableName");
        checkAtMost("limit", limit, LIST_LIMIT);
        List<StoredStream> all = streams.list(in.account(), in.region(), table);
        List<StoredStream> after = all.stream().filter(s -> start.map(a -> s.arn().compareTo(a) > 0).orElse(true))
                .toList();
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Streams");
        after.stream().limit(limit).forEach(s -> list.addObject().put("StreamArn", s.arn())
                .put("TableName", s.tableName()).put("StreamLabel", s.label()));
        if (after.size() > limit) {
            out.put("LastEvaluatedStreamArn", after.get(limit - 1).arn());
        }
        return out;
    }

    ObjectNode describeStream(Input in) {
        int limit = in.node("Limit").map(n -> n.asInt()).orElse(SHARD_LIMIT);
        Optional<String> exclusiveStart = in.string("ExclusiveStartShardId");
        String arn = in.call().required("StreamArn");
        checkAtMost("limit", limit, SHARD_LIMIT);
        StoredStream stream = streams.describe(in.account(), in.region(), arn);
        ObjectNode out = Json.object();
        ObjectNode description = out.putObject("StreamDescription")
                .put("StreamArn", stream.arn())
                .put("StreamLabel", stream.label())
                .put("StreamStatus", stream.enabled() ? "ENABLED" : "DISABLED")
                .put("StreamViewType", stream.viewType().name())
                .put("CreationRequestDateTime", stream.created().toEpochMilli() / 1000.0)
                .put("TableName", stream.tableName());
        stream.keySchema().ifPresent(keys -> {
            ArrayNode schema = description.putArray("KeySchema");
            for (KeyElement element : keys.elements()) {
                schema.addObject().put("AttributeName", element.attribute()).put("KeyType", element.type().name());
            }
        });
        ArrayNode shards = description.putArray("Shards");
        // Shard ids start with their opening time, so id order is lineage order; a start id no longer listed
        // (trimmed) still pages from where it was.
        List<StoredShard> page = stream.shards().stream()
                .filter(shard -> exclusiveStart.map(id -> shard.shardId().compareTo(id) > 0).orElse(true))
                .toList();
        for (StoredShard shard : page.subList(0, Math.min(limit, page.size()))) {
            ObjectNode item = shards.addObject().put("ShardId", shard.shardId());
            ObjectNode range = item.putObject("SequenceNumberRange").put("StartingSequenceNumber",
                    SequenceNumbers.format(shard.trimHorizon(stream.trimHorizon())));
            shard.lastSequence().filter(last -> last >= shard.firstSequence()).ifPresent(last ->
                    range.put("EndingSequenceNumber", SequenceNumbers.format(last)));
            shard.parentShardId().ifPresent(parent -> item.put("ParentShardId", parent));
        }
        if (page.size() > limit) {
            description.put("LastEvaluatedShardId", page.get(limit - 1).shardId());
        }
        return out;
    }

    ObjectNode getShardIterator(Input in) {
        String iterator = streams.iterator(in.account(), in.region(), in.call().required("StreamArn"),
                in.call().required("ShardId"), Streams.IteratorType.valueOf(in.call().required("ShardIteratorType")),
                in.string("SequenceNumber"));
        return Json.object().put("ShardIterator", iterator);
    }

    ObjectNode getRecords(Input in) {
        int limit = in.node("Limit").map(n -> n.asInt()).orElse(Streams.MAX_RECORDS);
        String iterator = in.call().required("ShardIterator");
        checkAtMost("limit", limit, Streams.MAX_RECORDS);
        Streams.IteratorBatch batch = streams.records(in.account(), in.region(), iterator, limit);
        ObjectNode out = Json.object();
        ArrayNode records = out.putArray("Records");
        for (ChangeRecord record : batch.records()) {
            records.add(StreamRecordDocuments.forGetRecords(record, batch.stream(), in.region()));
        }
        batch.nextIterator().ifPresent(next -> out.put("NextShardIterator", next));
        return out;
    }

    /** A limit above AWS's maximum (the model states only the minimum), in the kit's validation words. */
    private static void checkAtMost(String member, int value, int max) {
        if (value > max) {
            throw TablesException.invalid(Violation.of(member, value,
                    "Member must have value less than or equal to " + max));
        }
    }
}
