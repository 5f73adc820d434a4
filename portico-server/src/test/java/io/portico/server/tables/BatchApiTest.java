package io.portico.server.tables;

import static io.portico.server.tables.ItemApiTest.n;
import static io.portico.server.tables.ItemApiTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchGetItem and BatchWriteItem through the official DynamoDbClient, with AWS's recorded answers. */
@PorticoTest
class BatchApiTest {
    @AutoClose
    private final DynamoDbClient ddb;

    BatchApiTest(PorticoClients clients) {
        this.ddb = clients.dynamoDb();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(d -> d.key(key)).build();
    }

    @Test
    void batchWriteThenBatchGet_acrossTwoTables_asRecordedFromAws() {
        ItemApiTest.createSimple(ddb, "batch-a");
        ItemApiTest.createSimple(ddb, "batch-b");
        ddb.putItem(r -> r.tableName("batch-b").item(Map.of("id", s("gone"))));

        BatchWriteItemResponse written = ddb.batchWriteItem(r -> r.requestItems(Map.of(
                "batch-a", List.of(put(Map.of("id", s("1"), "v", n("1"))), put(Map.of("id", s("2"), "v", n("2")))),
                "batch-b", List.of(put(Map.of("id", s("3"))), delete(Map.of("id", s("gone"))))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(written.unprocessedItems()).isEmpty();
        assertThat(written.consumedCapacity()).hasSize(2);

        BatchGetItemResponse got = ddb.batchGetItem(r -> r.requestItems(Map.of(
                "batch-a", KeysAndAttributes.builder().keys(Map.of("id", s("1")), Map.of("id", s("2")), Map.of("id", s("9")))
                        .projectionExpression("v").build(),
                "batch-b", KeysAndAttributes.builder().keys(Map.of("id", s("gone"))).build())));
        assertThat(got.responses().get("batch-a")).containsExactlyInAnyOrder(Map.of("v", n("1")), Map.of("v", n("2")));
        // recorded (test_dynamodb_get_batch_items): a table with nothing found answers an empty list
        assertThat(got.responses().get("batch-b")).isEmpty();
        assertThat(got.unprocessedKeys()).isEmpty();
        assertThat(ddb.describeTable(r -> r.tableName("batch-b")).table().itemCount()).isEqualTo(1);
    }

    @Test
    void batchWrite_refusesWithoutWritingAnything() {
        ddb.createTable(r -> r.tableName("batch-schema").billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sortKey").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH), k -> k.attributeName("sortKey").keyType(KeyType.RANGE)));

        // recorded: test_batch_write_not_matching_schema
        assertThatThrownBy(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of("batch-schema",
                List.of(put(Map.of("id", s("ok"), "sortKey", s("1"))), put(Map.of("nonKey", s("hello"))))))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The provided key element does not match the schema"));
        // recorded: test_batch_write_not_existing_table
        assertThatThrownBy(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of("batch-schema",
                List.of(put(Map.of("id", s("ok"), "sortKey", s("1")))), "batch-none", List.of(put(Map.of("id", s("x"))))))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Requested resource not found"));
        assertThatThrownBy(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of("batch-schema", List.of(
                put(Map.of("id", s("d"), "sortKey", s("1"))), delete(Map.of("id", s("d"), "sortKey", s("1"))))))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Provided list of item keys contains duplicates"));
        List<WriteRequest> tooMany = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            tooMany.add(put(Map.of("id", s("x" + i), "sortKey", s("1"))));
        }
        ItemApiTest.createSimple(ddb, "batch-other");
        List<WriteRequest> more = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            more.add(put(Map.of("id", s("y" + i))));
        }
        assertThatThrownBy(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of("batch-schema", tooMany, "batch-other", more))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Too many items requested for the BatchWriteItem call"));

        assertThat(ddb.scan(r -> r.tableName("batch-schema")).count()).isZero();
        assertThat(ddb.scan(r -> r.tableName("batch-other")).count()).isZero();
    }

    @Test
    void batchGet_refusesDuplicatesAndMoreThanAHundredKeys() {
        ItemApiTest.createSimple(ddb, "batch-get");
        assertThatThrownBy(() -> ddb.batchGetItem(r -> r.requestItems(Map.of("batch-get",
                KeysAndAttributes.builder().keys(Map.of("id", s("1")), Map.of("id", s("1"))).build()))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Provided list of item keys contains duplicates"));
        // the model caps one table's keys at 100; the call's cap of 100 counts every table's
        ItemApiTest.createSimple(ddb, "batch-get-2");
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            keys.add(Map.of("id", s("k" + i)));
        }
        assertThatThrownBy(() -> ddb.batchGetItem(r -> r.requestItems(Map.of(
                "batch-get", KeysAndAttributes.builder().keys(keys).build(),
                "batch-get-2", KeysAndAttributes.builder().keys(keys).build()))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Too many items requested for the BatchGetItem call"));
    }

    @Test
    void batchGet_stopsAtSixteenMegabytes_andAnswersTheRestAsUnprocessedKeys() {
        ItemApiTest.createSimple(ddb, "batch-big");
        String payload = "x".repeat(390 * 1024);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String id = "k" + i;
            ddb.putItem(r -> r.tableName("batch-big").item(Map.of("id", s(id), "p", s(payload))));
            keys.add(Map.of("id", s(id)));
        }

        BatchGetItemResponse first = ddb.batchGetItem(r -> r.requestItems(Map.of("batch-big",
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
        int got = first.responses().get("batch-big").size();
        assertThat(got).isBetween(40, 44);
        KeysAndAttributes rest = first.unprocessedKeys().get("batch-big");
        assertThat(rest.keys()).hasSize(45 - got);
        assertThat(rest.consistentRead()).isTrue();
        BatchGetItemResponse second = ddb.batchGetItem(r -> r.requestItems(first.unprocessedKeys()));
        assertThat(second.responses().get("batch-big")).hasSize(45 - got);
        assertThat(second.unprocessedKeys()).isEmpty();
    }
}
