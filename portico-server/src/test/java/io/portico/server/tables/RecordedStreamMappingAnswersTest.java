package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.server.conformance.RecordedAnswers;
import io.portico.server.conformance.WireAnswers;
import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Lambda event source mappings on DynamoDB streams, as recorded against AWS
 * ({@code test_lambda_integration_dynamodbstreams.snapshot.json}): the mapping API's answers compared member by
 * member on the wire, and the events the function received compared with the events AWS's function logged.
 * AWS's functions were Python; here {@code example.EventRecorderHandler} (Java) records the event it is
 * given, which does not depend on the runtime, and answers what the recorded function returned.
 */
@PorticoTest
class RecordedStreamMappingAnswersTest {
    private static final String MISSING_STREAM =
            "arn:aws:dynamodb:us-east-1:000000000000:table/test-table-4a53f4e8/stream/2025-02-22T03:03:25.490";

    private final WireAnswers wire = new WireAnswers();
    @AutoClose
    private final DynamoDbClient ddb;
    @AutoClose
    private final LambdaClient lambda;
    @TempDir
    Path dir;

    RecordedStreamMappingAnswersTest(PorticoClients clients) {
        this.ddb = clients.create(DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(wire)));
        this.lambda = clients.create(LambdaClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(wire)));
    }

    /** An on-demand table keyed by {@code key}, without a stream; CreateTable's answer. */
    private CreateTableResponse table(String name, String key) {
        return ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName(key).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(key).keyType(KeyType.HASH)));
    }

    /** An on-demand table keyed by {@code id} with a NEW_IMAGE stream; CreateTable's answer. */
    private CreateTableResponse streamedTable(String name) {
        return ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
    }

    private String enableStream(String table, StreamViewType view) {
        return ddb.updateTable(r -> r.tableName(table).streamSpecification(s -> s.streamEnabled(true).streamViewType(view)))
                .tableDescription().latestStreamArn();
    }

    /** A function that records each event to its own file, with {@code settings} (RESPOND_WITH, FAIL_WITH); the file. */
    private Path recorder(String name, Map<String, String> settings) {
        Path file = dir.resolve(name + ".jsonl");
        Map<String, String> environment = new java.util.HashMap<>(settings);
        environment.put("RECORD_TO", file.toString());
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).role(TestFunctions.ROLE)
                .handler("example.EventRecorderHandler::handleRequest").environment(e -> e.variables(environment))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return file;
    }

    private CreateEventSourceMappingResponse mapping(String function, String stream,
            Consumer<CreateEventSourceMappingRequest.Builder> settings) {
        return lambda.createEventSourceMapping(b -> {
            b.functionName(function).eventSourceArn(stream).startingPosition(EventSourcePosition.TRIM_HORIZON);
            settings.accept(b);
        });
    }

    private static JsonNode waitForEvents(Path file, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> events(file).size() >= count);
        return events(file);
    }

    private static ArrayNode events(Path file) {
        ArrayNode events = Json.mapper().createArrayNode();
        if (!Files.exists(file)) {
            return events;
        }
        try (MappingIterator<JsonNode> lines = Json.mapper().readerFor(JsonNode.class).readValues(file.toFile())) {
            lines.forEachRemaining(events::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static Map<String, AttributeValue> helloWorld() {
        return Map.of("my_partition_key", AttributeValue.fromS("hello world"),
                "binary_key", AttributeValue.fromB(SdkBytes.fromUtf8String("foobar")));
    }

    /** TestDynamoDBEventSourceMapping::test_dynamodb_event_source_mapping: the mapping's answer and the event the function gets. */
    @Test
    void mapping_answersAsRecorded_andTheFunctionGetsTheRecordedEvent() {
        RecordedAnswers aws = RecordedAnswers.streamMappings("TestDynamoDBEventSourceMapping::test_dynamodb_event_source_mapping");
        aws.assertAnswer("create-table-result", wire, table("rec-esm", "my_partition_key"));
        String stream = enableStream("rec-esm", StreamViewType.NEW_IMAGE);
        Path events = recorder("rec-esm-fn", Map.of());

        aws.assertAnswer("create_event_source_mapping_response", wire, mapping("rec-esm-fn", stream,
                b -> b.batchSize(1).maximumBatchingWindowInSeconds(1).maximumRetryAttempts(1)));
        ddb.putItem(r -> r.tableName("rec-esm").item(helloWorld()));

        aws.assertRecorded("event_logs", waitForEvents(events, 1));
    }

    /** TestDynamoDBEventSourceMapping::test_disabled_dynamodb_event_source_mapping: disabling a mapping that has delivered. */
    @Test
    void disablingAMapping_answersDisabling() {
        RecordedAnswers aws = RecordedAnswers.streamMappings("TestDynamoDBEventSourceMapping::test_disabled_dynamodb_event_source_mapping");
        CreateTableResponse created = streamedTable("rec-esm-disabled");
        aws.assertAnswer("dynamodb_create_table_result", wire, created);
        Path events = recorder("rec-esm-disabled-fn", Map.of());
        CreateEventSourceMappingResponse mapping = mapping("rec-esm-disabled-fn", created.tableDescription().latestStreamArn(),
                b -> b.maximumBatchingWindowInSeconds(1));
        aws.assertAnswer("create_event_source_mapping_result", wire, mapping);
        ddb.putItem(r -> r.tableName("rec-esm-disabled").item(Map.of("id", AttributeValue.fromS("1"))));
        waitForEvents(events, 1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getEventSourceMapping(b -> b.uuid(mapping.uuid())).lastProcessingResult().equals("OK"));

        aws.assertAnswer("update_event_source_mapping_result", wire,
                lambda.updateEventSourceMapping(b -> b.uuid(mapping.uuid()).enabled(false)));
    }

    /** TestDynamoDBEventSourceMapping::test_deletion_event_source_mapping_with_dynamodb: a mapping outlives its table. */
    @Test
    void deletingTheTable_leavesTheMappingListed() {
        RecordedAnswers aws = RecordedAnswers.streamMappings("TestDynamoDBEventSourceMapping::test_deletion_event_source_mapping_with_dynamodb");
        CreateTableResponse created = streamedTable("rec-esm-deleted");
        aws.assertAnswer("create_dynamodb_table_response", wire, created);
        recorder("rec-esm-deleted-fn", Map.of());
        CreateEventSourceMappingResponse mapping = mapping("rec-esm-deleted-fn", created.tableDescription().latestStreamArn(),
                b -> { });
        aws.assertAnswer("create_event_source_mapping_result", wire, mapping);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getEventSourceMapping(b -> b.uuid(mapping.uuid())).state().equals("Enabled"));

        ddb.deleteTable(r -> r.tableName("rec-esm-deleted"));

        aws.assertAnswer("list_event_source_mapping_result", wire,
                lambda.listEventSourceMappings(b -> b.functionName("rec-esm-deleted-fn")));
    }

    /** TestDynamoDBEventSourceMapping::test_duplicate_event_source_mappings: a second mapping of one stream and function. */
    @Test
    void secondMappingOfOneStreamAndFunction_isAConflict() {
        RecordedAnswers aws = RecordedAnswers.streamMappings("TestDynamoDBEventSourceMapping::test_duplicate_event_source_mappings");
        aws.assertAnswer("create-table-result", wire, table("rec-esm-twice", "my_partition_key"));
        String stream = enableStream("rec-esm-twice", StreamViewType.NEW_IMAGE);
        recorder("rec-esm-twice-fn", Map.of());

        aws.assertAnswer("create", wire, mapping("rec-esm-twice-fn", stream,
                b -> b.maximumBatchingWindowInSeconds(1).maximumRetryAttempts(1)));
        assertThatThrownBy(() -> mapping("rec-esm-twice-fn", stream, b -> b.maximumBatchingWindowInSeconds(1)
                .maximumRetryAttempts(1)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("error", e));
    }

    /** TestDynamoDBEventSourceMapping::test_esm_with_not_existing_dynamodb_stream: a mapping of a stream that does not exist. */
    @Test
    void mappingOfAStreamThatDoesNotExist_isRefused() {
        RecordedAnswers aws = RecordedAnswers.streamMappings("TestDynamoDBEventSourceMapping::test_esm_with_not_existing_dynamodb_stream");
        recorder("rec-esm-no-stream-fn", Map.of());

        assertThatThrownBy(() -> mapping("rec-esm-no-stream-fn", MISSING_STREAM, b -> { }))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("error", e));
    }

    /**
     * TestDynamoDBEventSourceMapping::test_dynamodb_invalid_event_filter[single-string] and
     * [[{"eventName": ["INSERT"=123}]]: a filter pattern that is not a JSON object is refused.
     */
    @ParameterizedTest
    @ValueSource(strings = {"single-string", "[{\"eventName\": [\"INSERT\"=123}]"})
    void invalidFilterPattern_isRefused(String pattern) {
        RecordedAnswers aws = RecordedAnswers.streamMappings(
                "TestDynamoDBEventSourceMapping::test_dynamodb_invalid_event_filter[" + pattern + "]");
        String function = "rec-esm-bad-filter-" + Integer.toHexString(pattern.hashCode());
        table(function, "id");
        String stream = enableStream(function, StreamViewType.NEW_AND_OLD_IMAGES);
        recorder(function, Map.of());

        assertThatThrownBy(() -> mapping(function, stream, b -> b.filterCriteria(f -> f.filters(p -> p.pattern(pattern)))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("exception_event_source_creation", e));
    }

    /**
     * TestDynamoDBEventSourceMapping::test_dynamodb_event_filter[...]: the recorded filter, the recorded test's
     * writes (the items the recorded events show, and the ones the filter left out), the mapping's answer and
     * the events the function got, in order. {@code date_time_conversion}'s pattern is replaced in the recording
     * by a placeholder; it filtered on ApproximateCreationDateTime as a number, as this one does.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            insert_same_entry_twice  | {"eventName": ["INSERT"]}
            content_or_filter        | {"eventName": ["INSERT", "MODIFY"]}
            content_multiple_filters | {"eventName": ["INSERT"], "eventSource": ["aws:dynamodb"]}
            content_filter_type      | {"dynamodb": {"NewImage": {"presentKey": {"S": ["presentValue"]}}}}
            exists_filter_type       | {"dynamodb": {"NewImage": {"presentKey": {"S": [{"exists": true}]}}}}
            exists_false_filter      | {"dynamodb": {"NewImage": {"presentKey": [{"exists": false}]}}}
            numeric_filter           | {"dynamodb": {"NewImage": {"numericFilter": {"N": [{"numeric": [">", 100]}, {"anything-but": "101"}]}}}}
            prefix_filter            | {"dynamodb": {"NewImage": {"prefix": {"S": [{"prefix": "us-1"}]}}}}
            date_time_conversion     | {"dynamodb": {"ApproximateCreationDateTime": [{"numeric": [">", 1600000000]}]}}
            """)
    void filterCriteria_deliverWhatAwsDelivered(String name, String pattern) {
        RecordedAnswers aws = RecordedAnswers.streamMappings("TestDynamoDBEventSourceMapping::test_dynamodb_event_filter[" + name + "]");
        String table = "rec-filter-" + name.replace('_', '-');
        aws.assertAnswer("table_creation_response", wire, table(table, "id"));
        String stream = enableStream(table, StreamViewType.NEW_AND_OLD_IMAGES);
        Path events = recorder(table + "-fn", Map.of());
        CreateEventSourceMappingResponse mapping = mapping(table + "-fn", stream, b -> b.batchSize(1)
                .maximumBatchingWindowInSeconds(1).maximumRetryAttempts(1).filterCriteria(f -> f.filters(p -> p.pattern(pattern))));
        ObjectNode answer = (ObjectNode) wire.last();
        answer.withArray("/FilterCriteria/Filters").forEach(f -> ((ObjectNode) f).set("Pattern", json(f.path("Pattern").asText())));
        aws.assertMatches("create_event_source_mapping_response", aws.recorded("create_event_source_mapping_response"), answer);

        filterCaseWrites(name, table);

        JsonNode expected = aws.recorded("lambda-multiple-log-events");
        aws.assertRecorded("lambda-multiple-log-events", waitForEvents(events, expected.size()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getEventSourceMapping(b -> b.uuid(mapping.uuid())).lastProcessingResult().equals("OK"));
    }

    /**
     * TestDynamoDBEventSourceMapping::test_dynamodb_report_batch_item_success_scenarios[...]: with
     * ReportBatchItemFailures, each of these answers is a success, so the record is delivered once.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty_list_success               | []
            null_success                     | null
            empty_dict_success               | {}
            empty_batch_item_failure_success | {"batchItemFailures": []}
            null_batch_item_failure_success  | {"batchItemFailures": null}
            """)
    void batchItemSuccess_deliversTheRecordOnce(String name, String reply) {
        RecordedAnswers aws = RecordedAnswers.streamMappings(
                "TestDynamoDBEventSourceMapping::test_dynamodb_report_batch_item_success_scenarios[" + name + "]");
        BatchItemCase run = batchItemCase(aws, "rec-success-" + name.replace('_', '-'), Map.of("RESPOND_WITH", reply));

        waitForEvents(run.events(), 1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getEventSourceMapping(b -> b.uuid(run.uuid())).lastProcessingResult().equals("OK"));
        aws.assertRecorded("dynamodb_events", events(run.events()));
    }

    /**
     * A batch-item case as recorded: the table and its NEW_IMAGE stream, a recording function with {@code settings},
     * a mapping that reports batch item failures (batches of one, three retries), then the recorded item written.
     */
    private BatchItemCase batchItemCase(RecordedAnswers aws, String table, Map<String, String> settings) {
        aws.assertAnswer("create-table-result", wire, table(table, "my_partition_key"));
        String stream = enableStream(table, StreamViewType.NEW_IMAGE);
        Path events = recorder(table + "-fn", settings);
        String uuid = mapping(table + "-fn", stream, b -> b.batchSize(1).maximumBatchingWindowInSeconds(1)
                .maximumRetryAttempts(3).functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)).uuid();
        ddb.putItem(r -> r.tableName(table).item(helloWorld()));
        return new BatchItemCase(events, uuid);
    }

    /** What a batch-item case's function received (a file of events) and its mapping. */
    private record BatchItemCase(Path events, String uuid) {
    }

    /** The writes of a recorded filter case: the items its recorded events show, and those the filter left out. */
    private void filterCaseWrites(String name, String table) {
        switch (name) {
            case "insert_same_entry_twice" -> {
                put(table, Map.of("id", "id_value", "id2", "id2_value"));
                put(table, Map.of("id", "id_value", "id2", "id2_value"));
            }
            case "content_or_filter" -> {
                put(table, Map.of("id", "id_value"));
                ddb.updateItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("id_value")))
                        .updateExpression("SET id2 = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("id2_new_value"))));
                ddb.deleteItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("id_value"))));
            }
            case "content_multiple_filters" -> {
                put(table, Map.of("id", "id_value"));
                ddb.deleteItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("id_value"))));
            }
            case "content_filter_type" -> {
                put(table, Map.of("id", "id_value_1", "presentKey", "presentValue"));
                put(table, Map.of("id", "id_value_2", "presentKey", "otherValue"));
            }
            case "exists_filter_type" -> {
                put(table, Map.of("id", "id_value_1", "presentKey", "presentValue"));
                put(table, Map.of("id", "id_value_2"));
            }
            case "exists_false_filter" -> {
                put(table, Map.of("id", "id_value_1"));
                put(table, Map.of("id", "id_value_2", "presentKey", "presentValue"));
            }
            case "numeric_filter" -> {
                for (String[] item : new String[][] {{"id_value_1", "42"}, {"id_value_2", "101"}}) {
                    ddb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS(item[0]),
                            "numericFilter", AttributeValue.fromN(item[1]))));
                }
            }
            case "prefix_filter" -> {
                put(table, Map.of("id", "id_value_1", "prefix", "us-1-other-suffix"));
                put(table, Map.of("id", "id_value_2", "prefix", "us-2-other-suffix"));
            }
            case "date_time_conversion" -> {
                put(table, Map.of("id", "id_value_1"));
                put(table, Map.of("id", "id_value_2"));
            }
            default -> throw new IllegalArgumentException("no writes for " + name);
        }
    }

    private void put(String table, Map<String, String> strings) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        strings.forEach((k, v) -> item.put(k, AttributeValue.fromS(v)));
        ddb.putItem(r -> r.tableName(table).item(item));
    }

    /**
     * TestDynamoDBEventSourceMapping::test_dynamodb_report_batch_item_failure_scenarios[...]: each of these
     * answers (or a function error) fails the whole batch, which is retried until MaximumRetryAttempts (3) is
     * spent: the function gets the record four times, as recorded ({@code dynamodb_events}). The recording's
     * on-failure destination, an SQS queue ({@code destination_queue_messages}), is not replayed: Portico
     * serves no SQS yet.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty_string_item_identifier_failure | {"batchItemFailures": [{"itemIdentifier": ""}]}
            null_item_identifier_failure         | {"batchItemFailures": [{"itemIdentifier": null}]}
            invalid_key_foo_failure              | {"batchItemFailures": [{"foo": "123"}]}
            invalid_key_foo_null_value_failure   | {"batchItemFailures": [{"foo": null}]}
            unhandled_exception_in_function      |
            item_identifier_not_present_failure  | {"batchItemFailures": [{}]}
            """)
    void batchItemFailure_retriesTheRecordUntilTheRetriesAreSpent(String name, String reply) {
        RecordedAnswers aws = RecordedAnswers.streamMappings(
                "TestDynamoDBEventSourceMapping::test_dynamodb_report_batch_item_failure_scenarios[" + name + "]");
        BatchItemCase run = batchItemCase(aws, "rec-failure-" + name.replace('_', '-'),
                reply == null ? Map.of("FAIL_WITH", "unhandled") : Map.of("RESPOND_WITH", reply));

        waitForEvents(run.events(), aws.recorded("dynamodb_events").size());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                lambda.getEventSourceMapping(b -> b.uuid(run.uuid())).lastProcessingResult().startsWith("PROBLEM"));
        aws.assertRecorded("dynamodb_events", events(run.events()));
    }

    /**
     * The table answers of the recordings whose mapping has an on-failure destination
     * (TestDynamoDBEventSourceMapping::test_dynamodb_event_source_mapping_with_on_failure_destination_config and
     * the others listed): the table created, then its stream enabled by UpdateTable. The mapping and what its
     * SQS, SNS or S3 destination received are not replayed: Portico serves none of those yet.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"test_dynamodb_event_source_mapping_with_on_failure_destination_config",
        "test_dynamodb_event_source_mapping_with_sns_on_failure_destination_config",
        "test_dynamodb_report_batch_item_failures", "test_dynamodb_event_source_mapping_with_s3_on_failure_destination"})
    void onFailureDestinationRecordings_answerTheTableAsRecorded(String test) {
        RecordedAnswers aws = RecordedAnswers.streamMappings("TestDynamoDBEventSourceMapping::" + test);
        String table = "rec-destination-" + Integer.toHexString(test.hashCode());

        aws.assertAnswer("create_table_response", wire, table(table, "my_partition_key"));
        aws.assertAnswer("update_table_response", wire, ddb.updateTable(r -> r.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
