package io.portico.server.tables;

import static io.portico.server.tables.ItemApiTest.n;
import static io.portico.server.tables.ItemApiTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.server.conformance.RecordedAnswers;
import io.portico.server.conformance.WireAnswers;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Stream answers recorded against AWS ({@code test_dynamodb.snapshot.json}, {@code test_dynamodb_streams.snapshot.json}):
 * the writes of each recorded test replayed through the SDK, then its CreateTable, DescribeStream,
 * GetShardIterator and GetRecords answers compared member by member on the wire ({@link RecordedAnswers}).
 */
@PorticoTest
class RecordedStreamAnswersTest {
    private final WireAnswers wire = new WireAnswers();
    @AutoClose
    private final DynamoDbClient ddb;
    @AutoClose
    private final DynamoDbStreamsClient streams;

    RecordedStreamAnswersTest(PorticoClients clients) {
        this.ddb = clients.create(DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(wire)));
        this.streams = clients.create(DynamoDbStreamsClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(wire)));
    }

    private static CreateTableRequest streamed(String name, String key, StreamViewType view) {
        return CreateTableRequest.builder().tableName(name).provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(a -> a.attributeName(key).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(key).keyType(KeyType.HASH))
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(view)).build();
    }

    /**
     * The recorded test's streamed table {@code name} (key {@code id}, NEW_AND_OLD_IMAGES), its CreateTable answer
     * compared with {@code createKey} and its DescribeStream answer with {@code describe-stream}; its stream ARN.
     */
    private String createAndDescribe(RecordedAnswers aws, String createKey, String name) {
        CreateTableResponse created = ddb.createTable(streamed(name, "id", StreamViewType.NEW_AND_OLD_IMAGES));
        aws.assertAnswer(createKey, wire, created);
        String arn = created.tableDescription().latestStreamArn();
        aws.assertAnswer("describe-stream", wire, streams.describeStream(r -> r.streamArn(arn)));
        return arn;
    }

    private String shardId(String arn) {
        return streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
    }

    private String trimHorizon(String arn) {
        return streams.getShardIterator(r -> r.streamArn(arn).shardId(shardId(arn))
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    /** GetRecords' records from {@code iterator}, as {@code {"Records": [...]}}, the shape the recordings keep. */
    private JsonNode records(String iterator) {
        streams.getRecords(r -> r.shardIterator(iterator));
        ObjectNode out = Json.object();
        out.set("Records", wire.last().path("Records"));
        return out;
    }

    /** TestDynamoDB::test_batch_write_items_streaming: BatchWriteItem's records; an overwrite with the same item writes none. */
    @Test
    void batchWriteItems_streamRecords() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_batch_write_items_streaming");
        String iterator = trimHorizon(createAndDescribe(aws, "create-table", "rec-batch-streaming"));

        aws.assertAnswer("put-item-1", wire, ddb.putItem(r -> r.tableName("rec-batch-streaming").item(Map.of("id", s("Fred")))));
        aws.assertAnswer("batch-write-response-overwrite-item-1", wire, ddb.batchWriteItem(r -> r.requestItems(Map.of(
                "rec-batch-streaming", List.of(put(Map.of("id", s("Fred"))), put(Map.of("id", s("NewKey"))))))));
        aws.assertAnswer("batch-write-response-delete", wire, ddb.batchWriteItem(r -> r.requestItems(Map.of(
                "rec-batch-streaming", List.of(WriteRequest.builder().deleteRequest(d -> d.key(Map.of("id", s("NewKey")))).build(),
                        put(Map.of("id", s("Fred"), "name", s("Fred"))))))));

        aws.assertRecorded("get-records", records(iterator));
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    /** TestDynamoDB::test_dynamodb_stream_stream_view_type: KEYS_ONLY records of item writes and of PartiQL. */
    @Test
    void keysOnly_streamRecords_ofItemWritesAndPartiql() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_stream_stream_view_type");
        CreateTableResponse created = ddb.createTable(streamed("rec_keys_only", "Username", StreamViewType.KEYS_ONLY));
        aws.assertAnswer("create-table", wire, created);
        String arn = created.tableDescription().latestStreamArn();
        ddb.putItem(r -> r.tableName("rec_keys_only").item(Map.of("Username", s("Fred"))));
        ddb.updateItem(r -> r.tableName("rec_keys_only").key(Map.of("Username", s("Fred"))).updateExpression("set S=:r")
                .expressionAttributeValues(Map.of(":r", s("Fred_Modified"))).returnValues(ReturnValue.UPDATED_NEW));
        ddb.deleteItem(r -> r.tableName("rec_keys_only").key(Map.of("Username", s("Fred"))));
        DescribeStreamResponse described = streams.describeStream(r -> r.streamArn(arn));
        aws.assertAnswer("describe-stream", wire, described);
        ddb.executeStatement(r -> r.statement("INSERT INTO rec_keys_only VALUE {'Username': 'Alice'}"));
        ddb.executeStatement(r -> r.statement("UPDATE rec_keys_only SET partiql=1 WHERE Username='Alice'"));
        ddb.executeStatement(r -> r.statement("DELETE FROM rec_keys_only WHERE Username='Alice'"));

        var shard = described.streamDescription().shards().get(0);
        GetShardIteratorResponse iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .sequenceNumber(shard.sequenceNumberRange().startingSequenceNumber()));
        aws.assertAnswer("get-shard-iterator", wire, iterator);

        aws.assertRecorded("get-records", records(iterator.shardIterator()));
    }

    /** TestDynamoDB::test_transact_write_items_streaming: TransactWriteItems' records; an overwrite with the same item writes none. */
    @Test
    void transactWriteItems_streamRecords() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_transact_write_items_streaming");
        String table = "rec-tx-streaming";
        String iterator = trimHorizon(createAndDescribe(aws, "create-table", table));

        aws.assertAnswer("put-item-1", wire, ddb.putItem(r -> r.tableName(table).item(Map.of("id", s("Fred")))));
        aws.assertAnswer("transact-write-response-overwrite", wire, ddb.transactWriteItems(r -> r.transactItems(
                txPut(table, Map.of("id", s("Fred"))), txPut(table, Map.of("id", s("NewKey"))))));
        aws.assertAnswer("transact-write-response-update", wire, ddb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("id", s("NewKey")))
                        .updateExpression("SET attr1 = :v1, attr2 = :v2")
                        .expressionAttributeValues(Map.of(":v1", s("value1"), ":v2", s("value2")))).build())));
        aws.assertAnswer("transact-write-update-insert", wire, ddb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("id", s("NonExistentKey")))
                        .updateExpression("SET attr1 = :v1").expressionAttributeValues(Map.of(":v1", s("value1")))).build())));
        aws.assertAnswer("transact-write-response-delete", wire, ddb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(Map.of("id", s("NewKey")))).build(),
                txPut(table, Map.of("id", s("Fred"), "name", s("Fred"))))));

        aws.assertRecorded("get-records", records(iterator));
    }

    private static TransactWriteItem txPut(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    /** TestDynamoDB::test_transact_write_items_streaming_for_different_tables: only the streamed table's write is a record. */
    @Test
    void transactWriteItems_acrossTables_streamOnlyTheStreamedTable() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_transact_write_items_streaming_for_different_tables");
        String iterator = trimHorizon(createAndDescribe(aws, "create-table-stream", "rec-tx-two-a"));
        aws.assertAnswer("create-table-no-stream", wire, ddb.createTable(streamed("rec-tx-two-b", "id",
                StreamViewType.NEW_AND_OLD_IMAGES).toBuilder().streamSpecification((StreamSpecification) null).build()));

        aws.assertAnswer("transact-write-two-tables", wire, ddb.transactWriteItems(r -> r.transactItems(
                txPut("rec-tx-two-a", Map.of("id", s("Fred"))), txPut("rec-tx-two-b", Map.of("id", s("Fred"))))));

        aws.assertRecorded("get-records", records(iterator));
    }

    /** TestDynamoDB::test_dynamodb_stream_records_with_update_item: UpdateItem that creates, then changes, an item. */
    @Test
    void updateItem_streamsInsertThenModify() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_stream_records_with_update_item");
        String arn = createAndDescribe(aws, "create-table", "rec-update-streaming");
        GetShardIteratorResponse iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shardId(arn))
                .shardIteratorType(ShardIteratorType.LATEST));
        aws.assertAnswer("get-shard-iterator", wire, iterator);

        for (String[] values : new String[][] {{"value1", "value2"}, {"value2", "value3"}}) {
            ddb.updateItem(r -> r.tableName("rec-update-streaming").key(Map.of("id", s("my-item-id")))
                    .updateExpression("SET attr1 = :v1, attr2 = :v2")
                    .expressionAttributeValues(Map.of(":v1", s(values[0]), ":v2", s(values[1]))));
        }

        aws.assertRecorded("get-records", records(iterator.shardIterator()));
    }

    /** TestDynamoDB::test_data_encoding_consistency: a binary reads the same through GetItem and GetRecords, before and after an update. */
    @Test
    void binary_readsTheSameFromTheTableAndTheStream() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_data_encoding_consistency");
        String arn = ddb.createTable(streamed("rec-encoding", "id", StreamViewType.NEW_AND_OLD_IMAGES)).tableDescription()
                .latestStreamArn();
        ddb.putItem(r -> r.tableName("rec-encoding").item(Map.of("id", s("id1"), "version", n("1"),
                "data", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0x90})))));
        aws.assertRecorded("GetItem", item("rec-encoding", "id1"));
        var shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0);
        String iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .sequenceNumber(shard.sequenceNumberRange().startingSequenceNumber())).shardIterator();
        aws.assertRecorded("GetRecords", records(iterator).path("Records").path(0).path("dynamodb").path("NewImage"));

        ddb.updateItem(r -> r.tableName("rec-encoding").key(Map.of("id", s("id1"))).updateExpression("SET version=:v")
                .expressionAttributeValues(Map.of(":v", n("2"))));

        aws.assertRecorded("GetItemAfterUpdate", item("rec-encoding", "id1"));
        aws.assertRecorded("GetRecordsAfterUpdate", records(iterator).path("Records").path(1).path("dynamodb").path("NewImage"));
    }

    private JsonNode item(String table, String id) {
        ddb.getItem(r -> r.tableName(table).key(Map.of("id", s(id))));
        return wire.last().path("Item");
    }

    /**
     * TestDynamoDB::test_dynamodb_streams_describe_with_exclusive_start_shard_id (no answer recorded: the test
     * asserts): DescribeStream after {@code ExclusiveStartShardId} does not list that shard.
     */
    @Test
    void describeStream_afterExclusiveStartShardId_leavesThatShardOut() {
        RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_streams_describe_with_exclusive_start_shard_id");
        String arn = ddb.createTable(r -> r.tableName("rec-exclusive-start").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        String shard = shardId(arn);

        DescribeStreamResponse after = streams.describeStream(r -> r.streamArn(arn).exclusiveStartShardId(shard));

        assertThat(after.sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(after.streamDescription().shards()).noneMatch(s -> s.shardId().equals(shard));
    }

    /** TestDynamoDBStreams::test_non_existent_stream: DescribeStream of a stream that does not exist. */
    @Test
    void describeStream_ofAStreamThatDoesNotExist_isResourceNotFound() {
        RecordedAnswers aws = RecordedAnswers.dynamoDbStreams("TestDynamoDBStreams::test_non_existent_stream");
        String arn = "arn:aws:dynamodb:us-east-1:000000000000:table/rec-no-stream/stream/2024-11-18T14:36:44.149";

        assertThatThrownBy(() -> streams.describeStream(r -> r.streamArn(arn)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("non-existent-stream", e));
    }
}
