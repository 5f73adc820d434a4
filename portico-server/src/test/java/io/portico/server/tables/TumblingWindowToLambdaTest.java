package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.core.time.ManualClock;
import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import io.portico.server.ServiceWiring;
import io.portico.server.testing.PorticoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * Tumbling windows end to end on a manual clock: a Java function taking {@code DynamodbTimeWindowEvent} and
 * answering {@code TimeWindowEventResponse} ({@code example.WindowCountHandler}) counts a table's changes in
 * its window state; at each window's end its final invocation writes the window and the count, which the
 * test reads back.
 */
class TumblingWindowToLambdaTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.at(START);
    private PorticoServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void windowState_carriesAcrossBatches_andTheFinalInvokeSeesTheWindowsCount() throws IOException {
        server = PorticoServer.create(PorticoConfig.forTests(dir.resolve("data")), clock, ServiceWiring::services)
                .start();
        PorticoClients clients = new PorticoClients(server.awsEndpoint(), "test", "test");
        Path finals = dir.resolve("finals.txt");
        String shardId;
        try (DynamoDbClient ddb = clients.dynamoDb(); LambdaClient lambda = clients.lambda();
             DynamoDbStreamsClient streams = clients.dynamoDbStreams()) {
            String streamArn = ddb.createTable(b -> b.tableName("counted").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
                    .tableDescription().latestStreamArn();
            shardId = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0)
                    .shardId();
            StreamTriggers.deploy(lambda, "counter", "example.WindowCountHandler::handleRequest", finals);
            lambda.createEventSourceMapping(b -> b.functionName("counter").eventSourceArn(streamArn)
                    .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(2).tumblingWindowInSeconds(60));

            for (String key : List.of("a", "b", "c", "d", "e")) {
                ddb.putItem(r -> r.tableName("counted").item(Map.of("pk", AttributeValue.fromS(key))));
            }
            StreamTriggers.awaitTicking(clock, () -> lines(finals).size() == 1);
            clock.advanceTo(START.plusSeconds(125));
            ddb.putItem(r -> r.tableName("counted").item(Map.of("pk", AttributeValue.fromS("f"))));
            StreamTriggers.awaitTicking(clock, () -> lines(finals).size() == 2);
        }

        assertThat(lines(finals)).containsExactly(
                "2026-03-01T10:00:00Z 2026-03-01T10:01:00Z 5 " + shardId,
                "2026-03-01T10:02:00Z 2026-03-01T10:03:00Z 1 " + shardId);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
