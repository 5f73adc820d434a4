package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Conditional writes are serializable per item: concurrent read-modify-writes through the SDK lose no
 * update, and of concurrent creates of one key exactly one succeeds.
 */
@PorticoTest
class ItemConcurrencyTest {
    private static final int THREADS = 8;

    @AutoClose
    private final DynamoDbClient ddb;
    @AutoClose("shutdownNow")
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    ItemConcurrencyTest(PorticoClients clients) {
        this.ddb = clients.dynamoDb();
    }

    @Test
    void concurrentConditionalIncrements_loseNoUpdate() throws Exception {
        ItemApiTest.createSimple(ddb, "counters");
        ddb.putItem(r -> r.tableName("counters").item(Map.of("id", ItemApiTest.s("c"), "n", ItemApiTest.n("0"))));
        int perThread = 200;

        run(() -> {
            for (int i = 0; i < perThread; i++) {
                ddb.updateItem(r -> r.tableName("counters").key(Map.of("id", ItemApiTest.s("c")))
                        .updateExpression("SET n = n + :one").conditionExpression("attribute_exists(id) AND n >= :zero")
                        .expressionAttributeValues(Map.of(":one", ItemApiTest.n("1"), ":zero", ItemApiTest.n("0"))));
            }
            return 0;
        });

        assertThat(ddb.getItem(r -> r.tableName("counters").key(Map.of("id", ItemApiTest.s("c")))).item().get("n").n())
                .isEqualTo(String.valueOf(THREADS * perThread));
    }

    @Test
    void concurrentCreatesOfOneKey_exactlyOneWins() throws Exception {
        ItemApiTest.createSimple(ddb, "creates");
        for (int round = 0; round < 20; round++) {
            String key = "k" + round;
            List<Integer> wins = run(() -> {
                try {
                    ddb.putItem(r -> r.tableName("creates").item(Map.of("id", ItemApiTest.s(key),
                            "by", ItemApiTest.s(Thread.currentThread().getName())))
                            .conditionExpression("attribute_not_exists(id)"));
                    return 1;
                } catch (ConditionalCheckFailedException e) {
                    return 0;
                }
            });
            assertThat(wins.stream().mapToInt(Integer::intValue).sum()).as("winners of %s", key).isEqualTo(1);
        }
        assertThat(ddb.describeTable(r -> r.tableName("creates")).table().itemCount()).isEqualTo(20);
    }

    /** Runs {@code work} on every thread at once (a barrier starts them together) and collects the results. */
    private List<Integer> run(Callable<Integer> work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
