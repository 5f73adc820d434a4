package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * The BFF's push path end to end: writes through a table land in its stream, and an event source mapping
 * hands them to a function as Lambda's DynamodbEvent. The function ({@code example.EventRecorderHandler})
 * appends the exact bytes it received to a file, which the test reads back: each change once, in order,
 * in the record shape Lambda sends (the same {@code dynamodb} section GetRecords answers).
 */
@PorticoTest
class DynamoDbStreamToLambdaTest {
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("a"));

    @TempDir
    Path dir;

    @Test
    void tableWrites_reachTheFunction_onceEach_inOrder_asLambdaSendsThem(PorticoClients clients) throws IOException {
        try (DynamoDbClient dynamo = clients.dynamoDb(); LambdaClient lambda = clients.lambda()) {
            String streamArn = dynamo.createTable(b -> b.tableName("projections").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                    .tableDescription().latestStreamArn();
            Path received = dir.resolve("events.jsonl");
            StreamTriggers.deploy(lambda, "on-change", "example.EventRecorderHandler::handleRequest", received);
            lambda.createEventSourceMapping(b -> b.functionName("on-change").eventSourceArn(streamArn)
                    .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(10));

            dynamo.putItem(b -> b.tableName("projections").item(Map.of("pk", AttributeValue.fromS("a"),
                    "count", AttributeValue.fromN("1"))));
            dynamo.updateItem(b -> b.tableName("projections").key(KEY).updateExpression("SET #c = #c + :one")
                    .expressionAttributeNames(Map.of("#c", "count"))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            dynamo.putItem(b -> b.tableName("projections").item(Map.of("pk", AttributeValue.fromS("a"),
                    "count", AttributeValue.fromN("2")))); // changes nothing: no record, as on DynamoDB
            dynamo.deleteItem(b -> b.tableName("projections").key(KEY));

            await().atMost(Duration.ofSeconds(60)).until(() -> StreamTriggers.records(received).size() >= 3);
            List<JsonNode> records = StreamTriggers.records(received);

            assertThat(records).extracting(r -> r.path("eventName").asText()).containsExactly("INSERT", "MODIFY", "REMOVE");
            for (JsonNode r : records) {
                assertThat(r.path("eventSource").asText()).isEqualTo("aws:dynamodb");
                assertThat(r.path("eventVersion").asText()).isEqualTo("1.1");
                assertThat(r.path("awsRegion").asText()).isEqualTo("us-east-1");
                assertThat(r.path("eventSourceARN").asText()).isEqualTo(streamArn);
                assertThat(r.path("dynamodb").path("Keys")).isEqualTo(json("{\"pk\": {\"S\": \"a\"}}"));
                assertThat(r.path("dynamodb").path("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
                assertThat(r.path("dynamodb").path("SizeBytes").asInt()).isPositive();
            }
            assertThat(records.get(0).path("dynamodb").path("NewImage"))
                    .isEqualTo(json("{\"pk\": {\"S\": \"a\"}, \"count\": {\"N\": \"1\"}}"));
            assertThat(records.get(0).path("dynamodb").has("OldImage")).isFalse();
            assertThat(records.get(1).path("dynamodb").path("OldImage").path("count").path("N").asText()).isEqualTo("1");
            assertThat(records.get(1).path("dynamodb").path("NewImage").path("count").path("N").asText()).isEqualTo("2");
            assertThat(records.get(2).path("dynamodb").path("OldImage").path("count").path("N").asText()).isEqualTo("2");
            assertThat(records.get(2).path("dynamodb").has("NewImage")).isFalse();
            List<String> sequence = records.stream().map(r -> r.path("dynamodb").path("SequenceNumber").asText()).toList();
            assertThat(sequence).doesNotHaveDuplicates()
                    .isSortedAccordingTo((x, y) -> new BigInteger(x).compareTo(new BigInteger(y)));
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
