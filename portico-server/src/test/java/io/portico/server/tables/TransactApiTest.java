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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems and TransactGetItems through the official DynamoDbClient, with AWS's recorded answers. */
@PorticoTest
class TransactApiTest {
    @AutoClose
    private final DynamoDbClient ddb;

    TransactApiTest(PorticoClients clients) {
        this.ddb = clients.dynamoDb();
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    @Test
    void transactWrite_acrossTablesByNameAndArn_thenTransactGet_asRecordedFromAws() {
        ItemApiTest.createSimple(ddb, "tx-a");
        ItemApiTest.createSimple(ddb, "tx-b");
        String arnB = ddb.describeTable(r -> r.tableName("tx-b")).table().tableArn();

        TransactWriteItemsResponse written = ddb.transactWriteItems(r -> r.transactItems(
                put("tx-a", Map.of("id", s("John"), "v", n("1"))),
                put(arnB, Map.of("id", s("Sarah"))),
                TransactWriteItem.builder().update(u -> u.tableName("tx-a").key(Map.of("id", s("new")))
                        .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", n("7")))).build()));
        // recorded (test_transaction_write_items): an empty answer
        assertThat(written.consumedCapacity()).isEmpty();
        assertThat(written.itemCollectionMetrics()).isEmpty();

        TransactGetItemsResponse got = ddb.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("tx-a").key(Map.of("id", s("John")))
                        .projectionExpression("id")).build(),
                TransactGetItem.builder().get(g -> g.tableName(arnB).key(Map.of("id", s("Sarah")))).build(),
                TransactGetItem.builder().get(g -> g.tableName("tx-a").key(Map.of("id", s("nobody")))).build(),
                TransactGetItem.builder().get(g -> g.tableName("tx-a").key(Map.of("id", s("new")))).build()));
        // recorded (test_transact_get_items): Item per Get, projected
        assertThat(got.responses().get(0).item()).isEqualTo(Map.of("id", s("John")));
        assertThat(got.responses().get(1).item()).isEqualTo(Map.of("id", s("Sarah")));
        assertThat(got.responses().get(2).hasItem()).isFalse();
        assertThat(got.responses().get(3).item()).isEqualTo(Map.of("id", s("new"), "v", n("7")));
    }

    @Test
    void failedCondition_cancelsTheTransaction_withReasonsInAwsWords() {
        ItemApiTest.createSimple(ddb, "tx-cancel");
        ddb.putItem(r -> r.tableName("tx-cancel").item(Map.of("id", s("exists"), "v", n("1"))));

        assertThatThrownBy(() -> ddb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("tx-cancel").item(Map.of("id", s("exists")))
                        .conditionExpression("attribute_not_exists(id)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                put("tx-cancel", Map.of("id", s("other"))))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    // recorded (test_transaction_write_canceled)
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Transaction cancelled, please refer "
                            + "cancellation reasons for specific reasons [ConditionalCheckFailed, None]");
                    assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                            .containsExactly("ConditionalCheckFailed", "None");
                    assertThat(e.cancellationReasons().get(0).message()).isEqualTo("The conditional request failed");
                    assertThat(e.cancellationReasons().get(0).item()).isEqualTo(Map.of("id", s("exists"), "v", n("1")));
                    assertThat(e.cancellationReasons().get(1).message()).isNull();
                });
        assertThat(ddb.getItem(r -> r.tableName("tx-cancel").key(Map.of("id", s("other")))).hasItem()).isFalse();
        assertThat(ddb.getItem(r -> r.tableName("tx-cancel").key(Map.of("id", s("exists")))).item())
                .isEqualTo(Map.of("id", s("exists"), "v", n("1")));
    }

    @Test
    void missingTable_andOneItemTwice_areRefused() {
        // recorded (test_batch_write_not_existing_table, exc-not-found-transact-write-items)
        assertThatThrownBy(() -> ddb.transactWriteItems(r -> r.transactItems(put("tx-none", Map.of("id", s("a"))))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found"));

        ItemApiTest.createSimple(ddb, "tx-twice");
        assertThatThrownBy(() -> ddb.transactWriteItems(r -> r.transactItems(put("tx-twice", Map.of("id", s("a"))),
                TransactWriteItem.builder().delete(d -> d.tableName("tx-twice").key(Map.of("id", s("a")))).build())))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Transaction request cannot include multiple operations on one item");
                });
        assertThatThrownBy(() -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                .put(p -> p.tableName("tx-twice").item(Map.of("id", s("b"))))
                .delete(d -> d.tableName("tx-twice").key(Map.of("id", s("c")))).build())))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("TransactItems can only contain one of Check, Put, Update or Delete"));
    }

    @Test
    void clientRequestToken_repeatWritesOnce_otherRequestIsAMismatch() {
        ItemApiTest.createSimple(ddb, "tx-token");
        TransactWriteItem increment = TransactWriteItem.builder().update(u -> u.tableName("tx-token")
                .key(Map.of("id", s("counter"))).updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", n("1")))).build();

        ddb.transactWriteItems(r -> r.clientRequestToken("token-1").transactItems(increment));
        TransactWriteItemsResponse again = ddb.transactWriteItems(r -> r.clientRequestToken("token-1")
                .transactItems(increment).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(ddb.getItem(r -> r.tableName("tx-token").key(Map.of("id", s("counter")))).item().get("n"))
                .isEqualTo(n("1"));
        assertThat(again).isNotNull();

        assertThatThrownBy(() -> ddb.transactWriteItems(r -> r.clientRequestToken("token-1").transactItems(increment,
                put("tx-token", Map.of("id", s("x"))))))
                .isInstanceOf(IdempotentParameterMismatchException.class);
    }

    @Test
    void consumedCapacity_isTwiceAStandardWrite() {
        ItemApiTest.createSimple(ddb, "tx-capacity");
        TransactWriteItemsResponse written = ddb.transactWriteItems(r -> r.transactItems(
                put("tx-capacity", Map.of("id", s("a"))), put("tx-capacity", Map.of("id", s("b"))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(written.consumedCapacity()).hasSize(1);
        assertThat(written.consumedCapacity().get(0).tableName()).isEqualTo("tx-capacity");
        assertThat(written.consumedCapacity().get(0).capacityUnits()).isEqualTo(4.0);
    }

    /**
     * 8 threads × 100 transfers between two accounts through the SDK, each conditional on the balance it
     * takes from: the total stays exact and no balance goes negative.
     */
    @Test
    void concurrentTransfers_keepTheTotalExact() throws Exception {
        ItemApiTest.createSimple(ddb, "tx-accounts");
        ddb.transactWriteItems(r -> r.transactItems(put("tx-accounts", Map.of("id", s("a"), "balance", n("500"))),
                put("tx-accounts", Map.of("id", s("b"), "balance", n("500")))));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                int committed = 0;
                for (int i = 0; i < 100; i++) {
                    boolean aToB = ThreadLocalRandom.current().nextBoolean();
                    if (transfer(aToB ? "a" : "b", aToB ? "b" : "a", ThreadLocalRandom.current().nextLong(1, 200))) {
                        committed++;
                    }
                }
                return committed;
            }));
        }
        int committed = 0;
        for (Future<Integer> f : done) {
            committed += f.get();
        }
        pool.shutdown();

        long a = balance("a");
        long b = balance("b");
        assertThat(a + b).isEqualTo(1000);
        assertThat(a).isNotNegative();
        assertThat(b).isNotNegative();
        assertThat(committed).isPositive();
    }

    private boolean transfer(String from, String to, long amount) {
        AttributeValue value = n(Long.toString(amount));
        try {
            ddb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName("tx-accounts").key(Map.of("id", s(from)))
                            .updateExpression("SET balance = balance - :a").conditionExpression("balance >= :a")
                            .expressionAttributeValues(Map.of(":a", value))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName("tx-accounts").key(Map.of("id", s(to)))
                            .updateExpression("SET balance = balance + :a")
                            .expressionAttributeValues(Map.of(":a", value))).build()));
            return true;
        } catch (TransactionCanceledException e) {
            assertThat(e.cancellationReasons().get(0).code()).isEqualTo("ConditionalCheckFailed");
            return false;
        }
    }

    private long balance(String id) {
        return Long.parseLong(ddb.getItem(r -> r.tableName("tx-accounts").key(Map.of("id", s(id)))).item()
                .get("balance").n());
    }

    @Test
    void enhancedClient_transactWriteItems() {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
        DynamoDbTable<EnhancedClientTest.OrderLine> lines = enhanced.table("tx-lines",
                TableSchema.fromBean(EnhancedClientTest.OrderLine.class));
        lines.createTable();

        enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(lines, EnhancedClientTest.OrderLine.of("o1", 1, "pen", 1.5))
                .addPutItem(lines, EnhancedClientTest.OrderLine.of("o1", 2, "ink", 3))
                .build());

        assertThat(lines.getItem(Key.builder().partitionValue("o1").sortValue(2).build()).getProduct())
                .isEqualTo("ink");
    }
}
