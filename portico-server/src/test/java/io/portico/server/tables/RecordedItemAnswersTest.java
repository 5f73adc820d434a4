package io.portico.server.tables;

import static io.portico.server.tables.ItemApiTest.n;
import static io.portico.server.tables.ItemApiTest.s;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Item, batch, transaction and PartiQL answers recorded against AWS ({@code test_dynamodb.snapshot.json}),
 * replayed through the SDK with the recorded test's inputs and compared member by member on the wire
 * ({@link RecordedAnswers}). Each test names the recording it replays.
 */
@PorticoTest
class RecordedItemAnswersTest {
    private static final AttributeValue BINARY_90 = AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0x90}));

    private final WireAnswers wire = new WireAnswers();
    @AutoClose
    private final DynamoDbClient ddb;

    RecordedItemAnswersTest(PorticoClients clients) {
        this.ddb = clients.create(DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(wire)));
    }

    private void table(String name, String key) {
        ddb.createTable(r -> r.tableName(name).provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(a -> a.attributeName(key).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(key).keyType(KeyType.HASH)));
    }

    private JsonNode item(String table, Map<String, AttributeValue> key) {
        return wire.body(ddb.getItem(r -> r.tableName(table).key(key))).path("Item");
    }

    /** TestDynamoDB::test_valid_local_secondary_index: a Query of an ALL local index with Select ALL_ATTRIBUTES. */
    @Test
    void queryOfLocalIndex_answersTheItem() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_valid_local_secondary_index");
        ddb.createTable(r -> r.tableName("rec-lsi").provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("SK").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("LSI1SK").attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH), k -> k.attributeName("SK").keyType(KeyType.RANGE))
                .localSecondaryIndexes(l -> l.indexName("LSI1").keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH),
                        k -> k.attributeName("LSI1SK").keyType(KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.ALL))));
        ddb.putItem(r -> r.tableName("rec-lsi").item(Map.of("SK", s("hello"), "LSI1SK", n("123"), "PK", s("test one"))));

        aws.assertAnswer("Items", wire, ddb.query(r -> r.tableName("rec-lsi").indexName("LSI1")
                .keyConditionExpression("PK = :v1").expressionAttributeValues(Map.of(":v1", s("test one")))
                .select(Select.ALL_ATTRIBUTES)));
    }

    /** TestDynamoDB::test_return_values_in_put_item: PutItem with ReturnValues ALL_OLD and NONE. */
    @Test
    void putItemReturnValues_answerTheOldItemOnlyWhenAsked() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_return_values_in_put_item");
        table("rec-put-return", "id");
        Map<String, AttributeValue> item1 = Map.of("id", s("id1"), "data", s("foobar"));
        Map<String, AttributeValue> item1b = Map.of("id", s("id1"), "data", s("barfoo"));

        aws.assertAnswer("PutFirstItem", wire, ddb.putItem(r -> r.tableName("rec-put-return").item(item1)
                .returnValues(ReturnValue.ALL_OLD)));
        aws.assertAnswer("PutFirstItemOLD", wire, ddb.putItem(r -> r.tableName("rec-put-return").item(item1)
                .returnValues(ReturnValue.ALL_OLD)));
        aws.assertAnswer("PutFirstItemB", wire, ddb.putItem(r -> r.tableName("rec-put-return").item(item1b)
                .returnValues(ReturnValue.ALL_OLD)));
        aws.assertAnswer("PutSecondItem", wire, ddb.putItem(r -> r.tableName("rec-put-return").item(item1)));
        aws.assertAnswer("PutSecondItemReturnNone", wire, ddb.putItem(r -> r.tableName("rec-put-return").item(item1)));
    }

    /** TestDynamoDB::test_empty_and_binary_values: an empty string and a binary 0x90 are stored as given. */
    @Test
    void emptyStringAndBinary_areAccepted() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_empty_and_binary_values");
        table("rec-empty", "id");

        aws.assertAnswer("PutFirstItem", wire, ddb.putItem(r -> r.tableName("rec-empty")
                .item(Map.of("id", s("id1"), "data", s("")))));
        aws.assertAnswer("PutSecondItem", wire, ddb.putItem(r -> r.tableName("rec-empty")
                .item(Map.of("id", s("id2"), "data", BINARY_90))));
    }

    /** TestDynamoDB::test_batch_write_binary: a BatchWriteItem of binaries (one not UTF-8) answers UnprocessedItems {}. */
    @Test
    void batchWriteOfBinaries_answersNothingUnprocessed() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_batch_write_binary");
        ddb.createTable(r -> r.tableName("rec-batch-binary").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("SK").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH), k -> k.attributeName("SK").keyType(KeyType.RANGE)));
        ddb.putItem(r -> r.tableName("rec-batch-binary").item(Map.of("PK", s("hello"), "SK", s("user"),
                "data", AttributeValue.fromB(SdkBytes.fromUtf8String("test")))));

        aws.assertAnswer("Response", wire, ddb.batchWriteItem(r -> r.requestItems(Map.of("rec-batch-binary", List.of(
                put(Map.of("PK", s("hello-1"), "SK", s("user-1"), "data", AttributeValue.fromB(SdkBytes.fromUtf8String("test-1")))),
                put(Map.of("PK", s("hello-2"), "SK", s("user-2"), "data", AttributeValue.fromB(SdkBytes.fromByteArray(
                        new byte[] {'t', 'e', 's', 't', ' ', (byte) 0xc0, ' ', (byte) 0xed})))))))));
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    /** TestDynamoDB::test_dynamodb_execute_transaction: two INSERTs in ExecuteTransaction, then a Scan. */
    @Test
    void executeTransaction_ofInserts_answersNoResponses() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_execute_transaction");
        table("rec_partiql_tx", "Username");

        aws.assertAnswer("ExecutedTransaction", wire, ddb.executeTransaction(r -> r.transactStatements(
                ParameterizedStatement.builder().statement("INSERT INTO rec_partiql_tx VALUE {'Username': 'user01'}").build(),
                ParameterizedStatement.builder().statement("INSERT INTO rec_partiql_tx VALUE {'Username': 'user02'}").build())));
        aws.assertAnswer("TableScan", wire, ddb.scan(r -> r.tableName("rec_partiql_tx")));
    }

    /** TestDynamoDB::test_dynamodb_batch_execute_statement: an INSERT and an UPDATE in BatchExecuteStatement. */
    @Test
    void batchExecuteStatement_answersEachStatementsTable() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_batch_execute_statement");
        table("rec_partiql_batch", "Username");
        ddb.putItem(r -> r.tableName("rec_partiql_batch").item(Map.of("Username", s("user02"))));

        aws.assertAnswer("ExecutedStatement", wire, ddb.batchExecuteStatement(r -> r.statements(
                BatchStatementRequest.builder().statement("INSERT INTO rec_partiql_batch VALUE {'Username': 'user01'}").build(),
                BatchStatementRequest.builder().statement("UPDATE rec_partiql_batch SET Age=20 WHERE Username='user02'").build())));
        aws.assertRecorded("ItemUser2", item("rec_partiql_batch", Map.of("Username", s("user02"))));
        aws.assertRecorded("ItemUser1", item("rec_partiql_batch", Map.of("Username", s("user01"))));
    }

    /** TestDynamoDB::test_dynamodb_partiql_missing: {@code IS NOT MISSING} in a PartiQL SELECT. */
    @Test
    void partiqlIsNotMissing_selectsItemsWithTheAttribute() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_partiql_missing");
        table("rec_partiql_missing", "Username");
        ddb.executeStatement(r -> r.statement("INSERT INTO rec_partiql_missing VALUE {'Username': 'Alice123', 'FirstName':'Alice'}"));

        aws.assertRecorded("FirstNameNotMissing", wire.body(ddb.executeStatement(r -> r
                .statement("SELECT * FROM rec_partiql_missing WHERE FirstName IS NOT MISSING"))).path("Items"));
    }

    /** TestDynamoDB::test_transaction_write_items: ConditionCheck, Put, Update and Delete in one TransactWriteItems, by name and by ARN. */
    @Test
    void transactWriteItems_answersEmpty_byNameAndByArn() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_transaction_write_items");
        table("rec-tx-write", "id");
        String arn = ddb.describeTable(r -> r.tableName("rec-tx-write")).table().tableArn();

        for (String[] run : new String[][] {{"Response", "rec-tx-write"}, {"Response_using_table_arn", arn}}) {
            String table = run[1];
            aws.assertAnswer(run[0], wire, ddb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                            .conditionExpression("attribute_not_exists(id)").key(Map.of("id", s("test1")))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("id", s("test2")))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("id", s("test3")))
                            .updateExpression("SET attr1 = :v1, attr2 = :v2")
                            .expressionAttributeValues(Map.of(":v1", s("value1"), ":v2", s("value2")))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(Map.of("id", s("test4")))).build())));
        }
    }

    /** TestDynamoDB::test_transaction_write_canceled: a failed ConditionCheck cancels the transaction, reasons listed. */
    @Test
    void transactWriteItems_failedCondition_isCancelled() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_transaction_write_canceled");
        table("rec-tx-cancel", "Username");
        ddb.putItem(r -> r.tableName("rec-tx-cancel").item(Map.of("Username", s("Fred"))));

        assertThatThrownBy(() -> ddb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("rec-tx-cancel")
                        .conditionExpression("attribute_not_exists(Username)").key(Map.of("Username", s("Fred")))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("rec-tx-cancel").key(Map.of("Username", s("Bert")))).build())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("Error", e));
    }

    /** TestDynamoDB::test_transaction_write_binary_data: a binary written in a transaction reads back as written. */
    @Test
    void transactWriteItems_ofABinary_readsBack() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_transaction_write_binary_data");
        table("rec-tx-binary", "id");

        aws.assertAnswer("WriteResponse", wire, ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                .put(p -> p.tableName("rec-tx-binary").item(Map.of("id", s("someUser"),
                        "binaryData", AttributeValue.fromB(SdkBytes.fromUtf8String("foobar"))))).build())));
        aws.assertRecorded("GetItem", item("rec-tx-binary", Map.of("id", s("someUser"))));
    }

    /** TestDynamoDB::test_transact_get_items: TransactGetItems by table name and by ARN. */
    @Test
    void transactGetItems_byNameAndByArn() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_transact_get_items");
        table("rec-tx-get", "id");
        String arn = ddb.describeTable(r -> r.tableName("rec-tx-get")).table().tableArn();
        ddb.putItem(r -> r.tableName("rec-tx-get").item(Map.of("id", s("John"))));
        ddb.putItem(r -> r.tableName("rec-tx-get").item(Map.of("id", s("Sarah"))));

        aws.assertAnswer("TransactGetItems", wire, ddb.transactGetItems(r -> r.transactItems(TransactGetItem.builder()
                .get(g -> g.tableName("rec-tx-get").key(Map.of("id", s("John")))).build())));
        aws.assertAnswer("TransactGetItems-with-TableArn", wire, ddb.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(arn).key(Map.of("id", s("Sarah")))).build())));
    }

    /** TestDynamoDB::test_batch_write_items: a delete and a put in one BatchWriteItem. */
    @Test
    void batchWriteItem_deleteAndPut_answersNothingUnprocessed() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_batch_write_items");
        table("rec-batch-write", "id");
        ddb.putItem(r -> r.tableName("rec-batch-write").item(Map.of("id", s("Fred"))));

        aws.assertAnswer("BatchWriteResponse", wire, ddb.batchWriteItem(r -> r.requestItems(Map.of("rec-batch-write", List.of(
                WriteRequest.builder().deleteRequest(d -> d.key(Map.of("id", s("Fred")))).build(),
                put(Map.of("id", s("Bob"))))))));
    }

    /** TestDynamoDB::test_dynamodb_get_batch_items: a BatchGetItem that finds nothing answers the table with an empty list. */
    @Test
    void batchGetItem_findingNothing_answersAnEmptyList() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_get_batch_items");
        ddb.createTable(r -> r.tableName("rec_batch_get").provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))
                .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH)));

        aws.assertAnswer("Response", wire, ddb.batchGetItem(r -> r.requestItems(Map.of("rec_batch_get",
                KeysAndAttributes.builder().keys(Map.of("PK", s("test-key"))).build()))));
    }

    /** TestDynamoDB::test_dynamodb_idempotent_writing: a TransactWriteItems repeated with its ClientRequestToken succeeds again. */
    @Test
    void transactWriteItems_repeatedWithItsToken_succeedsAgain() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_idempotent_writing");
        ddb.createTable(r -> r.tableName("rec-idempotent").provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("name").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH), k -> k.attributeName("name").keyType(KeyType.RANGE)));

        for (String response : List.of("Response1", "Response2")) {
            aws.assertAnswer(response, wire, ddb.transactWriteItems(r -> r.clientRequestToken("dedupe_token")
                    .transactItems(TransactWriteItem.builder().put(p -> p.tableName("rec-idempotent")
                            .item(Map.of("id", s("id1"), "name", s("name1")))).build())));
        }
    }

    /** TestDynamoDB::test_batch_write_not_matching_schema: a put without the table's keys is refused. */
    @Test
    void batchWriteItem_withoutTheKeys_isRefused() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_batch_write_not_matching_schema");
        ddb.createTable(r -> r.tableName("rec-batch-schema").provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sortKey").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH), k -> k.attributeName("sortKey").keyType(KeyType.RANGE)));

        assertThatThrownBy(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of("rec-batch-schema",
                List.of(put(Map.of("nonKey", s("hello"))))))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("ValidationException", e));
    }

    /** TestDynamoDB::test_batch_write_not_existing_table: a TransactWriteItems on a table that does not exist. */
    @Test
    void transactWriteItems_onAMissingTable_isResourceNotFound() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_batch_write_not_existing_table");

        assertThatThrownBy(() -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                .put(p -> p.tableName("non-existing-table").item(Map.of())).build())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("exc-not-found-transact-write-items", e));
    }

    /** TestDynamoDB::test_return_values_on_conditions_check_failure: the refused DeleteItem carries the item (ALL_OLD). */
    @Test
    void failedConditionWithAllOld_carriesTheItem() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_return_values_on_conditions_check_failure");
        table("rec-condition-item", "id");
        ddb.putItem(r -> r.tableName("rec-condition-item").item(Map.of("id", s("456"), "price", n("650"),
                "product", s("sporting goods"))));

        assertThatThrownBy(() -> ddb.deleteItem(r -> r.tableName("rec-condition-item").key(Map.of("id", s("456")))
                .conditionExpression("price between :lo and :hi")
                .expressionAttributeValues(Map.of(":lo", n("500"), ":hi", n("600")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("items", e));
    }

    /** TestDynamoDB::test_dynamodb_execute_statement_empy_parameter: an empty {@code Parameters} list is refused. */
    @Test
    void executeStatement_withNoParameters_isRefused() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_execute_statement_empy_parameter");
        table("rec_partiql_params", "id");

        assertThatThrownBy(() -> ddb.executeStatement(r -> r.statement("SELECT * FROM \"rec_partiql_params\" WHERE id = ?")
                .parameters(List.of())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("invalid-param-error", e));
    }
}
