package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Streams through the official DynamoDbStreamsClient: the records of every view type in the shapes
 * AWS's recordings show (test_dynamodb.snapshot.json: test_batch_write_items_streaming and
 * test_dynamodb_stream_stream_view_type), DescribeStream, the four iterator types, paging, a disabled stream,
 * and the refusals.
 */
@PorticoTest
class StreamsApiTest {
    @AutoClose
    private final DynamoDbClient ddb;
    @AutoClose
    private final DynamoDbStreamsClient streams;

    StreamsApiTest(PorticoClients clients) {
        this.ddb = clients.dynamoDb();
        this.streams = clients.dynamoDbStreams();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A table keyed by {@code key} (S) whose stream has {@code view}; its stream ARN. */
    String streamed(String name, String key, StreamViewType view) {
        return ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName(key).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(key).keyType(KeyType.HASH))
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(view)))
                .tableDescription().latestStreamArn();
    }

    String shardId(String arn) {
        return streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
    }

    String iterator(String arn, ShardIteratorType type) {
        return streams.getShardIterator(r -> r.streamArn(arn).shardId(shardId(arn)).shardIteratorType(type))
                .shardIterator();
    }

    List<Record> all(String arn) {
        return streams.getRecords(r -> r.shardIterator(iterator(arn, ShardIteratorType.TRIM_HORIZON))).records();
    }

    @Test
    void newAndOldImages_batchWrites_asRecorded() {
        String arn = streamed("batch-streamed", "id", StreamViewType.NEW_AND_OLD_IMAGES);
        ddb.putItem(r -> r.tableName("batch-streamed").item(Map.of("id", s("Fred"))));
        ddb.batchWriteItem(r -> r.requestItems(Map.of("batch-streamed", List.of(
                WriteRequest.builder().putRequest(p -> p.item(Map.of("id", s("NewKey")))).build(),
                WriteRequest.builder().putRequest(p -> p.item(Map.of("id", s("Fred")))).build()))));
        ddb.batchWriteItem(r -> r.requestItems(Map.of("batch-streamed", List.of(
                WriteRequest.builder().deleteRequest(d -> d.key(Map.of("id", s("NewKey")))).build()))));
        ddb.putItem(r -> r.tableName("batch-streamed").item(Map.of("id", s("Fred"), "name", s("Fred"))));

        List<Record> records = all(arn);

        assertThat(records).extracting(Record::eventName).containsExactly(OperationType.INSERT, OperationType.INSERT,
                OperationType.REMOVE, OperationType.MODIFY);
        assertThat(records).extracting(r -> r.dynamodb().sizeBytes()).containsExactly(12L, 16L, 16L, 26L);
        Record modify = records.get(3);
        assertThat(modify.eventVersion()).isEqualTo("1.1");
        assertThat(modify.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(modify.awsRegion()).isEqualTo("us-east-1");
        assertThat(modify.eventID()).isNotBlank();
        assertThat(modify.userIdentity()).isNull();
        assertThat(modify.dynamodb().keys()).isEqualTo(Map.of("id", s("Fred")));
        assertThat(modify.dynamodb().newImage()).isEqualTo(Map.of("id", s("Fred"), "name", s("Fred")));
        assertThat(modify.dynamodb().oldImage()).isEqualTo(Map.of("id", s("Fred")));
        assertThat(modify.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(modify.dynamodb().approximateCreationDateTime()).isNotNull();
        Record remove = records.get(2);
        assertThat(remove.dynamodb().hasNewImage()).isFalse();
        assertThat(remove.dynamodb().oldImage()).isEqualTo(Map.of("id", s("NewKey")));
        assertThat(records.get(0).dynamodb().hasOldImage()).isFalse();
        List<BigInteger> sequences = records.stream().map(r -> new BigInteger(r.dynamodb().sequenceNumber())).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        assertThat(records).allSatisfy(r -> assertThat(r.dynamodb().sequenceNumber()).hasSizeGreaterThanOrEqualTo(21));
    }

    @Test
    void keysOnly_recordsKeysAndSizes_asRecorded() {
        String arn = streamed("keys-only", "Username", StreamViewType.KEYS_ONLY);
        for (String user : List.of("Fred", "Alice")) {
            ddb.putItem(r -> r.tableName("keys-only").item(Map.of("Username", s(user))));
            ddb.updateItem(r -> r.tableName("keys-only").key(Map.of("Username", s(user)))
                    .updateExpression("SET age = :a").expressionAttributeValues(Map.of(":a", AttributeValue.fromN("3"))));
            ddb.deleteItem(r -> r.tableName("keys-only").key(Map.of("Username", s(user))));
        }

        List<Record> records = all(arn);

        assertThat(records).extracting(Record::eventName).containsExactly(OperationType.INSERT, OperationType.MODIFY,
                OperationType.REMOVE, OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        assertThat(records).extracting(r -> r.dynamodb().sizeBytes()).containsExactly(12L, 12L, 12L, 13L, 13L, 13L);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.dynamodb().hasNewImage()).isFalse();
            assertThat(r.dynamodb().hasOldImage()).isFalse();
            assertThat(r.dynamodb().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
        });
    }

    @Test
    void newImageAndOldImage_carryOnlyTheirImage() {
        String newArn = streamed("new-image", "id", StreamViewType.NEW_IMAGE);
        String oldArn = streamed("old-image", "id", StreamViewType.OLD_IMAGE);
        for (String table : List.of("new-image", "old-image")) {
            ddb.putItem(r -> r.tableName(table).item(Map.of("id", s("a"), "v", s("1"))));
            ddb.putItem(r -> r.tableName(table).item(Map.of("id", s("a"), "v", s("2"))));
            ddb.deleteItem(r -> r.tableName(table).key(Map.of("id", s("a"))));
        }

        List<Record> newImages = all(newArn);
        List<Record> oldImages = all(oldArn);

        assertThat(newImages).extracting(r -> r.dynamodb().newImage().get("v")).containsExactly(s("1"), s("2"), null);
        assertThat(newImages).allSatisfy(r -> assertThat(r.dynamodb().hasOldImage()).isFalse());
        assertThat(oldImages).extracting(r -> r.dynamodb().oldImage().get("v")).containsExactly(null, s("1"), s("2"));
        assertThat(oldImages).allSatisfy(r -> assertThat(r.dynamodb().hasNewImage()).isFalse());
        assertThat(newImages.get(2).dynamodb().hasNewImage()).isFalse();
        assertThat(oldImages.get(0).dynamodb().hasOldImage()).isFalse();
    }

    @Test
    void describeStream_answersTheRecordedMembers() {
        String arn = streamed("described", "id", StreamViewType.NEW_AND_OLD_IMAGES);

        StreamDescription description = streams.describeStream(r -> r.streamArn(arn)).streamDescription();

        assertThat(description.streamArn()).isEqualTo(arn);
        assertThat(description.streamLabel()).isEqualTo(arn.substring(arn.lastIndexOf('/') + 1));
        assertThat(description.streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(description.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(description.tableName()).isEqualTo("described");
        assertThat(description.creationRequestDateTime()).isNotNull();
        assertThat(description.keySchema()).singleElement().satisfies(k -> {
            assertThat(k.attributeName()).isEqualTo("id");
            assertThat(k.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(description.shards()).singleElement().satisfies(shard -> {
            assertThat(shard.shardId()).startsWith("shardId-").hasSizeGreaterThanOrEqualTo(28);
            assertThat(shard.sequenceNumberRange().startingSequenceNumber()).hasSizeGreaterThanOrEqualTo(21);
            assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
        });
        assertThat(description.lastEvaluatedShardId()).isNull();
        String shard = description.shards().get(0).shardId();
        assertThat(streams.describeStream(r -> r.streamArn(arn).exclusiveStartShardId(shard)).streamDescription()
                .shards()).isEmpty();
    }

    @Test
    void iteratorTypes_positionTheReader() {
        String arn = streamed("iterated", "id", StreamViewType.KEYS_ONLY);
        for (String id : List.of("a", "b", "c")) {
            ddb.putItem(r -> r.tableName("iterated").item(Map.of("id", s(id))));
        }
        List<Record> records = all(arn);
        String second = records.get(1).dynamodb().sequenceNumber();
        String shard = shardId(arn);

        String latest = iterator(arn, ShardIteratorType.LATEST);
        String at = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(second)).shardIterator();
        String after = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(second)).shardIterator();
        ddb.putItem(r -> r.tableName("iterated").item(Map.of("id", s("d"))));

        assertThat(keys(streams.getRecords(r -> r.shardIterator(latest)))).containsExactly("d");
        assertThat(keys(streams.getRecords(r -> r.shardIterator(at)))).containsExactly("b", "c", "d");
        assertThat(keys(streams.getRecords(r -> r.shardIterator(after)))).containsExactly("c", "d");
    }

    @Test
    void getRecords_pagesWithLimitAndNextShardIterator_thenWaitsForMore() {
        String arn = streamed("paged", "id", StreamViewType.KEYS_ONLY);
        for (int i = 0; i < 5; i++) {
            String id = "i" + i;
            ddb.putItem(r -> r.tableName("paged").item(Map.of("id", s(id))));
        }
        List<String> read = new ArrayList<>();
        String iterator = iterator(arn, ShardIteratorType.TRIM_HORIZON);
        for (int page = 0; page < 3; page++) {
            String current = iterator;
            GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(current).limit(2));
            read.addAll(keys(response));
            iterator = response.nextShardIterator();
        }
        String caughtUp = iterator;
        GetRecordsResponse empty = streams.getRecords(r -> r.shardIterator(caughtUp));
        ddb.putItem(r -> r.tableName("paged").item(Map.of("id", s("late"))));
        GetRecordsResponse late = streams.getRecords(r -> r.shardIterator(empty.nextShardIterator()));

        assertThat(read).containsExactly("i0", "i1", "i2", "i3", "i4");
        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextShardIterator()).isNotNull();
        assertThat(keys(late)).containsExactly("late");
    }

    @Test
    void disabledStream_isDescribedDisabled_andItsShardEndsOnceRead() {
        String arn = streamed("switched-off", "id", StreamViewType.KEYS_ONLY);
        ddb.putItem(r -> r.tableName("switched-off").item(Map.of("id", s("a"))));
        String iterator = iterator(arn, ShardIteratorType.TRIM_HORIZON);
        ddb.updateTable(r -> r.tableName("switched-off").streamSpecification(sp -> sp.streamEnabled(false)));
        ddb.putItem(r -> r.tableName("switched-off").item(Map.of("id", s("b"))));

        StreamDescription description = streams.describeStream(r -> r.streamArn(arn)).streamDescription();
        GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(iterator));

        assertThat(description.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(description.shards().get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(keys(response)).containsExactly("a");
        assertThat(response.nextShardIterator()).isNull();
    }

    @Test
    void deletedTable_itsStreamStaysListedAndReadable_disabled() {
        String arn = streamed("dropped", "id", StreamViewType.NEW_IMAGE);
        ddb.putItem(r -> r.tableName("dropped").item(Map.of("id", s("a"))));
        ddb.deleteTable(r -> r.tableName("dropped"));

        StreamDescription description = streams.describeStream(r -> r.streamArn(arn)).streamDescription();
        GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(iterator(arn,
                ShardIteratorType.TRIM_HORIZON)));

        assertThat(streams.listStreams(r -> r.tableName("dropped")).streams()).extracting(st -> st.streamArn())
                .containsExactly(arn);
        assertThat(description.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(description.tableName()).isEqualTo("dropped");
        assertThat(keys(response)).containsExactly("a");
        assertThat(response.nextShardIterator()).isNull();
    }

    @Test
    void listStreams_filtersByTable_andPages() {
        String one = streamed("listed-1", "id", StreamViewType.KEYS_ONLY);
        String two = streamed("listed-2", "id", StreamViewType.KEYS_ONLY);

        var all = streams.listStreams(r -> r.limit(100)).streams();
        var first = streams.listStreams(r -> r.tableName("listed-1"));
        var page = streams.listStreams(r -> r.limit(1).exclusiveStartStreamArn(one));

        assertThat(all).extracting(st -> st.streamArn()).contains(one, two).isSorted();
        assertThat(first.streams()).singleElement().satisfies(st -> {
            assertThat(st.streamArn()).isEqualTo(one);
            assertThat(st.tableName()).isEqualTo("listed-1");
            assertThat(st.streamLabel()).isEqualTo(one.substring(one.lastIndexOf('/') + 1));
        });
        assertThat(first.lastEvaluatedStreamArn()).isNull();
        assertThat(page.streams()).hasSize(1);
        assertThat(page.streams().get(0).streamArn()).isGreaterThan(one);
    }

    @Test
    void unknownStream_isResourceNotFound_inDynamoDbsWords() {
        String arn = "arn:aws:dynamodb:us-east-1:000000000000:table/nope/stream/2024-11-18T14:36:44.149";

        assertThatThrownBy(() -> streams.describeStream(r -> r.streamArn(arn)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found: Stream: " + arn + " not found");
    }

    @Test
    void tamperedIterator_isRefused() {
        String arn = streamed("tampered", "id", StreamViewType.KEYS_ONLY);
        String iterator = iterator(arn, ShardIteratorType.TRIM_HORIZON);
        String tampered = (iterator.charAt(0) == 'A' ? "B" : "A") + iterator.substring(1);

        assertThatThrownBy(() -> streams.getRecords(r -> r.shardIterator(tampered)))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    @Test
    void sequenceNumberOutsideTheShard_isRefused() {
        String arn = streamed("outside", "id", StreamViewType.KEYS_ONLY);
        String shard = shardId(arn);

        assertThatThrownBy(() -> streams.getShardIterator(r -> r.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber("100000000000000000099")))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
        assertThatThrownBy(() -> streams.getRecords(r -> r.shardIterator("x").limit(1001)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("1 validation error detected: Value '1001' at 'limit' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 1000");
    }

    @Test
    void hostileShardIds_areRefusedByTheModelsBounds_orNotFound_inAwsWords() {
        String arn = streamed("hostile-shards", "id", StreamViewType.KEYS_ONLY);
        String own = shardId(arn);
        String oversize = "shardId-" + "9".repeat(58);   // 66 characters: the model allows 28 to 65

        assertThatThrownBy(() -> streams.describeStream(r -> r.streamArn(arn).exclusiveStartShardId(oversize)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("1 validation error detected: Value '" + oversize + "' at "
                        + "'exclusiveStartShardId' failed to satisfy constraint: Member must have length less than or "
                        + "equal to 65");
        assertThatThrownBy(() -> streams.getShardIterator(r -> r.streamArn(arn).shardId("short")
                .shardIteratorType(ShardIteratorType.LATEST)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("1 validation error detected: Value 'short' at 'shardId' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 28");
        String otherStreams = shardId(streamed("hostile-other", "id", StreamViewType.KEYS_ONLY));
        for (String hostile : List.of(otherStreams, own.substring(0, own.length() - 1) + "z", "x".repeat(40))) {
            assertThatThrownBy(() -> streams.getShardIterator(r -> r.streamArn(arn).shardId(hostile)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageStartingWith("Requested resource not found: Shard does not exist");
        }
    }

    /**
     * On the wire, a record has exactly the members AWS's recording shows (test_batch_write_items_streaming's
     * first record), and an unknown stream is DynamoDB's namespaced ResourceNotFoundException.
     */
    @Test
    void wire_recordMembersAreTheRecordedOnes(URI endpoint) throws Exception {
        String arn = streamed("wire-streamed", "id", StreamViewType.NEW_AND_OLD_IMAGES);
        ddb.putItem(r -> r.tableName("wire-streamed").item(Map.of("id", s("Fred"))));
        String iterator = iterator(arn, ShardIteratorType.TRIM_HORIZON);

        JsonNode body = Json.readOne(post(endpoint, "GetRecords",
                "{\"ShardIterator\":\"" + iterator + "\"}").body().getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> missing = post(endpoint, "DescribeStream", "{\"StreamArn\":\"" + arn + "x\"}");

        JsonNode record = body.path("Records").path(0);
        assertThat(fieldNames(record)).containsExactlyInAnyOrder("awsRegion", "dynamodb", "eventID", "eventName",
                "eventSource", "eventVersion");
        assertThat(fieldNames(record.path("dynamodb"))).containsExactlyInAnyOrder("ApproximateCreationDateTime",
                "Keys", "NewImage", "SequenceNumber", "SizeBytes", "StreamViewType");
        assertThat(record.path("dynamodb").path("ApproximateCreationDateTime").isNumber()).isTrue();
        assertThat(record.path("dynamodb").path("Keys").toString()).isEqualTo("{\"id\":{\"S\":\"Fred\"}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                + "\"message\":\"Requested resource not found: Stream: " + arn + "x not found\"}");
    }

    private static HttpResponse<String> post(URI endpoint, String operation, String body)
            throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(endpoint)
                    .header("X-Amz-Target", "DynamoDBStreams_20120810." + operation)
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> keys(GetRecordsResponse response) {
        return response.records().stream().map(r -> r.dynamodb().keys().values().iterator().next().s()).toList();
    }
}
