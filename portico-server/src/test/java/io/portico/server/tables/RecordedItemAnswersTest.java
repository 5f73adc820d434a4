package io.portico.server.tables;

import static io.portico.server.tables.ItemApiTest.n;
import static io.portico.server.tables.ItemApiTest.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Item answers recorded against AWS (/work/shared/conformance/dynamodb/localstack-snapshots,
 * test_dynamodb.snapshot.json), replayed through the SDK: each test names the recording it follows.
 */
@PorticoTest
class RecordedItemAnswersTest {
    private static final AttributeValue BINARY_90 = AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0x90}));

    @AutoClose
    private final DynamoDbClient ddb;

    RecordedItemAnswersTest(PorticoClients clients) {
        this.ddb = clients.dynamoDb();
    }

    /** test_empty_and_binary_values: an empty string and a binary 0x90 are stored as given. */
    @Test
    void emptyAndBinaryValues() {
        ItemApiTest.createSimple(ddb, "rec-empty");
        ddb.putItem(r -> r.tableName("rec-empty").item(Map.of("id", s("id1"), "data", s(""))));
        ddb.putItem(r -> r.tableName("rec-empty").item(Map.of("id", s("id2"), "data", BINARY_90)));

        assertThat(ddb.getItem(r -> r.tableName("rec-empty").key(Map.of("id", s("id1")))).item())
                .isEqualTo(Map.of("id", s("id1"), "data", s("")));
        assertThat(ddb.getItem(r -> r.tableName("rec-empty").key(Map.of("id", s("id2")))).item())
                .isEqualTo(Map.of("id", s("id2"), "data", BINARY_90));
    }

    /** test_data_encoding_consistency: GetItem answers the binary as written, before and after an update. */
    @Test
    void dataEncodingConsistency() {
        ItemApiTest.createSimple(ddb, "rec-encoding");
        ddb.putItem(r -> r.tableName("rec-encoding").item(Map.of("id", s("id1"), "version", n("1"), "data", BINARY_90)));
        assertThat(ddb.getItem(r -> r.tableName("rec-encoding").key(Map.of("id", s("id1")))).item())
                .isEqualTo(Map.of("data", BINARY_90, "id", s("id1"), "version", n("1")));

        ddb.updateItem(r -> r.tableName("rec-encoding").key(Map.of("id", s("id1"))).updateExpression("SET version = :v")
                .expressionAttributeValues(Map.of(":v", n("2"))));
        assertThat(ddb.getItem(r -> r.tableName("rec-encoding").key(Map.of("id", s("id1")))).item())
                .isEqualTo(Map.of("data", BINARY_90, "id", s("id1"), "version", n("2")));
    }

    /** test_valid_local_secondary_index: a Query of an ALL local index answers Count 1, ScannedCount 1. */
    @Test
    void validLocalSecondaryIndex() {
        ddb.createTable(r -> r.tableName("rec-lsi").provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("SK").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("LSI1SK").attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH), k -> k.attributeName("SK").keyType(KeyType.RANGE))
                .localSecondaryIndexes(l -> l.indexName("LSI1").keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH),
                        k -> k.attributeName("LSI1SK").keyType(KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.ALL))));
        Map<String, AttributeValue> item = Map.of("PK", s("test one"), "SK", s("hello"), "LSI1SK", n("123"));
        ddb.putItem(r -> r.tableName("rec-lsi").item(item));

        QueryResponse items = ddb.query(r -> r.tableName("rec-lsi").indexName("LSI1").keyConditionExpression("PK = :v1")
                .expressionAttributeValues(Map.of(":v1", s("test one"))));

        assertThat(items.count()).isEqualTo(1);
        assertThat(items.scannedCount()).isEqualTo(1);
        assertThat(items.items()).containsExactly(item);
    }

    /** test_batch_write_binary: a BatchWriteItem of binary keys answers UnprocessedItems {}. */
    @Test
    void batchWriteBinary() {
        ddb.createTable(r -> r.tableName("rec-batch-binary").provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("SK").attributeType(ScalarAttributeType.B))
                .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH), k -> k.attributeName("SK").keyType(KeyType.RANGE)));

        var response = ddb.batchWriteItem(r -> r.requestItems(Map.of("rec-batch-binary", List.of(
                WriteRequest.builder().putRequest(p -> p.item(Map.of("PK", s("hello"), "SK", BINARY_90))).build(),
                WriteRequest.builder().putRequest(p -> p.item(Map.of("PK", s("hello"), "SK",
                        AttributeValue.fromB(SdkBytes.fromUtf8String("x"))))).build()))));

        assertThat(response.unprocessedItems()).isEmpty();
        assertThat(ddb.query(r -> r.tableName("rec-batch-binary").keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", s("hello")))).items())
                .extracting(i -> i.get("SK").b().asByteArray()[0]).containsExactly((byte) 'x', (byte) 0x90);
    }
}
