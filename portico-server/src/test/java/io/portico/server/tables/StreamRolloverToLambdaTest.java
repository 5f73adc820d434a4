package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portico.core.time.ManualClock;
import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import io.portico.server.ServiceWiring;
import io.portico.server.testing.PorticoClients;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * An event source mapping follows its stream's shard lineage across rollovers and a restart, on a manual
 * clock: each parent is read to its end before its child, cursors are kept per shard, and after a restart
 * on the same store the function has received every change once, in stream order. The function
 * ({@code example.EventRecorderHandler}) appends each event it gets to a file the test reads back.
 */
class StreamRolloverToLambdaTest {
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private PorticoServer server;
    private PorticoClients clients;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    void start() {
        server = PorticoServer.create(PorticoConfig.forTests(dir.resolve("data")), clock, ServiceWiring::services)
                .start();
        clients = new PorticoClients(server.awsEndpoint(), "test", "test");
    }

    @Test
    void mapping_followsTheLineage_acrossRolloversAndARestart_everyChangeOnce_inOrder() throws Exception {
        Path received = dir.resolve("events.jsonl");
        start();
        String streamArn;
        try (DynamoDbClient ddb = clients.dynamoDb(); LambdaClient lambda = clients.lambda()) {
            streamArn = ddb.createTable(b -> b.tableName("lineage").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                    .tableDescription().latestStreamArn();
            StreamTriggers.deploy(lambda, "follower", "example.EventRecorderHandler::handleRequest", received);
            lambda.createEventSourceMapping(b -> b.functionName("follower").eventSourceArn(streamArn)
                    .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(10));

            put(ddb, "a", 1);
            put(ddb, "b", 1);
            awaitTicking(() -> versions(received).size() == 2);
            rollOver(streamArn, 2);
            put(ddb, "a", 2);
            rollOver(streamArn, 3);   // while the mapping has not yet read the change: it is in a closed shard
            put(ddb, "b", 2);
            awaitTicking(() -> versions(received).size() == 4);
        }
        server.close();

        start();   // the same store, the same clock: cursors per shard come back from the store
        try (DynamoDbClient ddb = clients.dynamoDb()) {
            put(ddb, "a", 3);
            rollOver(streamArn, 4);
            put(ddb, "b", 3);
            awaitTicking(() -> versions(received).size() == 6);
            clock.advance(Duration.ofSeconds(5));   // and nothing else arrives
        }

        assertThat(versions(received)).containsExactly("a1", "b1", "a2", "b2", "a3", "b3");
        List<BigInteger> sequences = StreamTriggers.records(received).stream()
                .map(r -> new BigInteger(r.path("dynamodb").path("SequenceNumber").asText())).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
    }

    private static void put(DynamoDbClient ddb, String key, int version) {
        ddb.putItem(b -> b.tableName("lineage").item(Map.of("pk", AttributeValue.fromS(key),
                "v", AttributeValue.fromN(Integer.toString(version)))));
    }

    /** Four hours pass; the sweeper rolls the open shard over (the stream then has {@code shards} shards). */
    private void rollOver(String streamArn, int shards) {
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        try (DynamoDbStreamsClient streams = clients.dynamoDbStreams()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> streams.describeStream(r -> r.streamArn(streamArn))
                    .streamDescription().shards().size() == shards);
        }
    }

    private void awaitTicking(Callable<Boolean> condition) {
        StreamTriggers.awaitTicking(clock, condition);
    }

    /** The changes the function received, as key and version ({@code a1}), in the order received. */
    private static List<String> versions(Path received) throws IOException {
        return StreamTriggers.records(received).stream().map(r -> r.path("dynamodb").path("NewImage").path("pk").path("S").asText()
                + r.path("dynamodb").path("NewImage").path("v").path("N").asText()).toList();
    }
}
