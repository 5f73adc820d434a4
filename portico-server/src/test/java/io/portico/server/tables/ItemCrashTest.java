package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.portico.store.sqlite.SqliteStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Every acknowledged PutItem and UpdateItem survives a SIGKILL that lands while writes are in flight, and
 * none is applied twice: the counts, the items, a counter that every write incremented and the stream's
 * records (one per committed change, sequence numbers without a gap) all agree.
 */
class ItemCrashTest {
    @TempDir
    Path dataDir;

    @Test
    void kill9_duringWrites_everyAcknowledgedWriteSurvivesOnce() throws Exception {
        AtomicLong expectedRecords = new AtomicLong();
        try (PorticoProcess portico = PorticoProcess.start(dataDir.resolve("data"))) {
            AtomicInteger acknowledged = new AtomicInteger();
            CountDownLatch enough = new CountDownLatch(150);
            try (DynamoDbClient ddb = portico.clients().dynamoDb()) {
                ddb.createTable(r -> r.tableName("crash-items").billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                        .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
                Thread writer = Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; ; i++) {
                            String id = "item-" + i;
                            ddb.putItem(r -> r.tableName("crash-items").item(Map.of("id", AttributeValue.fromS(id),
                                    "payload", AttributeValue.fromS("x".repeat(100)))));
                            ddb.updateItem(r -> r.tableName("crash-items").key(Map.of("id", AttributeValue.fromS("count")))
                                    .updateExpression("ADD n :one")
                                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                            acknowledged.incrementAndGet();
                            enough.countDown();
                        }
                    } catch (RuntimeException expected) {
                        // the process died under the writer
                    }
                });
                enough.await();
                portico.kill9();
                writer.join();
            }

            int acked = acknowledged.get();
            try (DynamoDbClient ddb = portico.restart().clients().dynamoDb()) {
                for (int i = 0; i < acked; i++) {
                    String id = "item-" + i;
                    assertThat(ddb.getItem(r -> r.tableName("crash-items").key(Map.of("id", AttributeValue.fromS(id))))
                            .hasItem()).as(id).isTrue();
                }
                // at most the one write in flight when the process died committed without its answer
                boolean inFlightPut = ddb.getItem(r -> r.tableName("crash-items")
                        .key(Map.of("id", AttributeValue.fromS("item-" + acked)))).hasItem();
                int counter = Integer.parseInt(ddb.getItem(r -> r.tableName("crash-items")
                        .key(Map.of("id", AttributeValue.fromS("count")))).item().get("n").n());
                assertThat(counter).isBetween(acked, acked + 1);
                long items = ddb.describeTable(r -> r.tableName("crash-items")).table().itemCount();
                assertThat(items).isEqualTo(acked + (inFlightPut ? 1 : 0) + 1);
                expectedRecords.set(items - 1 + counter);   // an INSERT per item, a record per increment
            }
        }
        // the stream holds one record per change that committed, numbered without a gap
        try (SqliteStore store = SqliteStore.open(dataDir.resolve("data"))) {
            List<Long> sequences = store.read(tx -> tx.query("SELECT sequence FROM ddb_stream_records ORDER BY sequence",
                    r -> r.longValue("sequence")));
            assertThat(sequences).hasSize((int) expectedRecords.get());
            assertThat(sequences.get(sequences.size() - 1)).isEqualTo(expectedRecords.get());
        }
    }
}
