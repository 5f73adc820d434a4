package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.PorticoProcess;
import io.portico.server.testing.TestFunctions;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A stream-triggered function across a SIGKILL: an event source mapping is delivering a table's records
 * when the process dies; after the restart it resumes from its last checkpoint. Every record reaches the
 * function (none skipped), first deliveries come in stream order, and only the batch in flight at the
 * kill may come twice (Lambda's event source mappings are at least once).
 */
class StreamTriggerCrashTest {
    private static final int MIN_BEFORE_KILL = 30;
    /** Enough to be writing still when the kill lands; few enough to deliver after the restart in seconds. */
    private static final int MAX_WRITES = 400;
    private static final int BATCH = 5;
    /** Items a BatchWriteItem writes: five times what the mapping delivers per invocation. */
    private static final int WRITE_BATCH = 25;
    /** How long the function takes per invocation: at most BATCH * 1000 / PAUSE_MS = 250 records a second. */
    private static final int PAUSE_MS = 20;

    @TempDir
    Path dir;

    @Test
    void kill9_whileDelivering_resumesFromTheCheckpoint_withNoRecordSkipped() throws Exception {
        Path received = dir.resolve("events.jsonl");
        AtomicInteger acknowledged = new AtomicInteger();
        try (PorticoProcess portico = PorticoProcess.start(dir.resolve("data"))) {
            try (DynamoDbClient ddb = portico.clients().dynamoDb(); LambdaClient lambda = portico.clients().lambda()) {
                String stream = ddb.createTable(r -> r.tableName("feed").billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
                        .tableDescription().latestStreamArn();
                lambda.createFunction(b -> b.functionName("feed-reader").runtime(Runtime.JAVA21).role(TestFunctions.ROLE)
                        .handler("example.EventRecorderHandler::handleRequest")
                        .environment(e -> e.variables(Map.of("RECORD_TO", received.toString(),
                                "PAUSE_MS", Integer.toString(PAUSE_MS))))
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
                lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("feed-reader"));
                lambda.createEventSourceMapping(b -> b.functionName("feed-reader").eventSourceArn(stream)
                        .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(BATCH));
                // Writes go on while the mapping delivers, WRITE_BATCH records a commit against BATCH an
                // invocation that takes PAUSE_MS, so the kill lands with records written and not yet
                // delivered whatever the machine's speed (woken at each commit, a fast function keeps up).
                Thread writer = Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < MAX_WRITES; i += WRITE_BATCH) {
                            List<WriteRequest> puts = IntStream.range(i, i + WRITE_BATCH).mapToObj(k -> WriteRequest
                                    .builder().putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS("k" + k))))
                                    .build()).toList();
                            if (!ddb.batchWriteItem(r -> r.requestItems(Map.of("feed", puts))).unprocessedItems()
                                    .isEmpty()) {
                                return; // not acknowledged: the writes so far are what the test checks
                            }
                            acknowledged.addAndGet(WRITE_BATCH);
                        }
                    } catch (RuntimeException expected) {
                        // the process died under the writer
                    }
                });
                await().atMost(Duration.ofSeconds(60)).until(() -> records(received).size() >= MIN_BEFORE_KILL);
                portico.kill9();
                writer.join();
            }
            assertThat(keys(records(received))).as("delivered before the kill").hasSizeLessThan(acknowledged.get());

            portico.restart();
            await().atMost(Duration.ofSeconds(90)).until(() -> keys(records(received)).size() >= acknowledged.get());
        }

        List<JsonNode> records = records(received);
        Set<String> keys = keys(records);
        int acked = acknowledged.get();
        for (int i = 0; i < acked; i++) {
            assertThat(keys).as("every acknowledged write reached the function").contains("k" + i);
        }
        assertThat(keys.size()).isBetween(acked, acked + WRITE_BATCH); // the batch in flight at the kill may have landed
        // First deliveries in stream order: nothing skipped and picked up later.
        List<BigInteger> firstSeen = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode record : records) {
            if (seen.add(record.path("dynamodb").path("Keys").path("pk").path("S").asText())) {
                firstSeen.add(new BigInteger(record.path("dynamodb").path("SequenceNumber").asText()));
            }
        }
        assertThat(firstSeen).isSorted();
        assertThat(records.size() - keys.size()).as("records delivered again after the restart").isBetween(0, BATCH);
    }

    /** The records of every event the function finished writing (a line cut short by the kill is skipped). */
    private static List<JsonNode> records(Path received) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.exists(received)) {
            return records;
        }
        for (String line : Files.readAllLines(received)) {
            try {
                Json.mapper().readTree(line).path("Records").forEach(records::add);
            } catch (JsonProcessingException cutShort) {
                // the function was writing this event when the process died; its batch is delivered again
            }
        }
        return records;
    }

    private static Set<String> keys(List<JsonNode> records) {
        Set<String> keys = new LinkedHashSet<>();
        records.forEach(r -> keys.add(r.path("dynamodb").path("Keys").path("pk").path("S").asText()));
        return keys;
    }
}
