package io.portico.states.engine;

import static io.portico.states.engine.MapHarness.json;
import static io.portico.states.engine.MapHarness.jsonPath;
import static io.portico.states.engine.MapHarness.jsonata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distributed Map reading its items from the object store, as AWS's ItemReader documents. */
class ItemReaderTest {
    private static final String GET = "\"Resource\": \"arn:aws:states:::s3:getObject\"";
    private static final String LIST = "\"Resource\": \"arn:aws:states:::s3:listObjectsV2\"";

    @TempDir
    Path dir;

    private MapHarness harness;

    @BeforeEach
    void harness() {
        harness = new MapHarness(dir);
    }

    @Test
    void getObject_jsonArray_itemsAreTheArraysElements() {
        harness.object("data", "in/items.json", "[{\"id\": 1}, {\"id\": 2}, 3]");

        MapHarness.Run run = harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "JSON"},
                  "Arguments": {"Bucket": "data", "Key": "{%% $states.input.key %%}"}}""".formatted(GET)),
                "{\"key\": \"in/items.json\"}");

        assertThat(run.output()).isEqualTo(json("[{\"id\": 1}, {\"id\": 2}, 3]"));
        assertThat(harness.onlyMapRun().itemCounts().total()).isEqualTo(3);
    }

    @Test
    void getObject_jsonPathParameters_andMaxItemsPath() {
        harness.object("data", "items.json", "[1, 2, 3, 4]");

        MapHarness.Run run = harness.run(jsonPath("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "JSON", "MaxItemsPath": "$.max"},
                  "Parameters": {"Bucket.$": "$.bucket", "Key": "items.json"}}""".formatted(GET)),
                "{\"bucket\": \"data\", \"max\": 2}");

        assertThat(run.output()).isEqualTo(json("[1, 2]"));
    }

    @Test
    void getObject_jsonLines_skipsBlankLinesAndStopsAtMaxItems() {
        harness.object("data", "items.jsonl", "{\"a\": 1}\r\n\n{\"a\": 2}\n{\"a\": 3}\n");

        MapHarness.Run run = harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "JSONL", "MaxItems": 2},
                  "Arguments": {"Bucket": "data", "Key": "items.jsonl"}}""".formatted(GET)), "{}");

        assertThat(run.output()).isEqualTo(json("[{\"a\": 1}, {\"a\": 2}]"));
    }

    @Test
    void getObject_csvFirstRow_itemsAreObjectsOfStrings() {
        harness.object("data", "ratings.csv", "userId,movieId,rating\n1,307,3.5\n\"2\",\"a, b\",\n3,4,5,extra\n");

        MapHarness.Run run = harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                  "Arguments": {"Bucket": "data", "Key": "ratings.csv"}}""".formatted(GET)), "{}");

        assertThat(run.output()).isEqualTo(json("""
                [{"userId": "1", "movieId": "307", "rating": "3.5"},
                 {"userId": "2", "movieId": "a, b", "rating": ""},
                 {"userId": "3", "movieId": "4", "rating": "5"}]"""));
    }

    @Test
    void getObject_csvGivenHeaders_withPipeDelimiter_andItemSelector() {
        harness.object("data", "rows.txt", "a|1\nb|2|x\nc\n");

        MapHarness.Run run = harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                  "CSVHeaders": ["name", "n"], "CSVDelimiter": "PIPE"},
                  "Arguments": {"Bucket": "data", "Key": "rows.txt"}},
                "ItemSelector": {"value": "{%% $states.context.Map.Item.Value.name %%}",
                  "index": "{%% $states.context.Map.Item.Index %%}"}""".formatted(GET)), "{}");

        assertThat(run.output()).isEqualTo(json("""
                [{"value": "a", "index": 0}, {"value": "b", "index": 1}, {"value": "c", "index": 2}]"""));
    }

    @Test
    void itemReader_worksWithItemBatcher() {
        harness.object("data", "items.json", "[1, 2, 3]");

        MapHarness.Run run = harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "JSON"},
                  "Arguments": {"Bucket": "data", "Key": "items.json"}},
                "ItemBatcher": {"MaxItemsPerBatch": 2}""".formatted(GET)), "{}");

        assertThat(run.output()).isEqualTo(json("[{\"Items\": [1, 2]}, {\"Items\": [3]}]"));
        assertThat(harness.onlyMapRun().executionCounts().total()).isEqualTo(2);
    }

    @Test
    void itemReader_toleratedFailuresCountAsForInputItems() {
        harness.object("data", "items.csv", "n\n1\n2\n3\n");

        MapHarness.Run run = harness.run(MapHarness.failingOnTwo("""
                "ToleratedFailureCount": 1,
                "ItemReader": {%s, "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                  "Arguments": {"Bucket": "data", "Key": "items.csv"}}""".formatted(GET)), "{}");

        JsonNode output = run.output();
        assertThat(output.get(0)).isEqualTo(json("{\"n\": \"1\"}"));
        assertThat(output.get(1).path("Status").asText()).isEqualTo("FAILED");
        assertThat(output.get(1).path("Error").asText()).isEqualTo("Boom");
        assertThat(harness.onlyMapRun().itemCounts().failed()).isEqualTo(1);
    }

    @Test
    void listObjectsV2_itemsDescribeTheObjectsUnderThePrefix() {
        harness.object("data", "images/a.jpg", "hello").object("data", "images/b.jpg", "").object("data", "other.txt", "x");

        MapHarness.Run run = harness.run(jsonata("""
                "ItemReader": {%s, "Arguments": {"Bucket": "data", "Prefix": "images/"}}""".formatted(LIST)), "{}");

        JsonNode first = run.output().get(0);
        assertThat(run.output()).hasSize(2);
        assertThat(first.path("Key").asText()).isEqualTo("images/a.jpg");
        assertThat(first.path("Size").asLong()).isEqualTo(5);
        assertThat(first.path("Etag").asText()).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");
        assertThat(first.path("LastModified").isIntegralNumber()).isTrue();
        assertThat(first.path("StorageClass").asText()).isEqualTo("STANDARD");
        assertThat(first.fieldNames()).toIterable().containsExactly("Etag", "Key", "LastModified", "Size", "StorageClass");
        assertThat(run.output().get(1).path("Key").asText()).isEqualTo("images/b.jpg");
    }

    @Test
    void listObjectsV2_loadAndFlatten_readsEveryListedObject() {
        harness.object("data", "parts/1.json", "[1, 2]").object("data", "parts/2.json", "[3]");

        MapHarness.Run run = harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "JSON", "Transformation": "LOAD_AND_FLATTEN"},
                  "Arguments": {"Bucket": "data", "Prefix": "parts/"}}""".formatted(LIST)), "{}");

        assertThat(run.output()).isEqualTo(json("[1, 2, 3]"));
    }

    @Test
    void missingObject_failsWithItemReaderFailedNamingBucketAndKey() {
        harness.bucket("data");

        MapHarness.Run run = harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "JSON"},
                  "Arguments": {"Bucket": "data", "Key": "nope.json"}}""".formatted(GET)), "{}");

        assertThat(run.failure().error()).isEqualTo("States.ItemReaderFailed");
        assertThat(run.failure().cause()).isEqualTo("Could not read the object 'nope.json' in bucket 'data': "
                + "The specified key does not exist. (Service: S3, Status Code: 404, Error Code: NoSuchKey)");
    }

    @Test
    void missingBucket_failsWithItemReaderFailed() {
        MapHarness.Run run = harness.run(jsonata("""
                "ItemReader": {%s, "Arguments": {"Bucket": "absent"}}""".formatted(LIST)), "{}");

        assertThat(run.failure().error()).isEqualTo("States.ItemReaderFailed");
        assertThat(run.failure().cause()).contains("bucket 'absent'").contains("NoSuchBucket");
    }

    @Test
    void jsonThatIsNotAnArray_failsAsAws() {
        harness.object("data", "object.json", "{\"a\": 1}").object("data", "broken.json", "[1, 2");

        MapHarness.Run notArray = harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "JSON"},
                  "Arguments": {"Bucket": "data", "Key": "object.json"}}""".formatted(GET)), "{}");
        MapHarness.Run broken = harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "JSON"},
                  "Arguments": {"Bucket": "data", "Key": "broken.json"}}""".formatted(GET)), "{}");

        assertThat(notArray.failure()).isEqualTo(new ExecutionResult.Failed("States.ItemReaderFailed",
                "Attempting to map over non-iterable node."));
        assertThat(broken.failure().error()).isEqualTo("States.ItemReaderFailed");
        assertThat(broken.failure().cause()).startsWith("Unexpected end-of-input");
    }

    @Test
    void unsupportedInputsAndMissingConfiguration_failWithClearCauses() {
        harness.object("data", "x.parquet", "PAR1").object("data", "x.csv", "a,a\n1,2\n");

        assertThat(harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "PARQUET"},
                  "Arguments": {"Bucket": "data", "Key": "x.parquet"}}""".formatted(GET)), "{}").failure())
                .isEqualTo(new ExecutionResult.Failed("States.ItemReaderFailed", "ReaderConfig InputType 'PARQUET' is not "
                        + "supported by Portico: it reads JSON, JSONL and CSV objects."));
        assertThat(harness.run(jsonata("""
                "ItemReader": {%s, "Arguments": {"Bucket": "data", "Key": "x.csv"}}""".formatted(GET)), "{}")
                .failure().cause()).isEqualTo("ReaderConfig InputType is required to read items from an object with "
                        + "arn:aws:states:::s3:getObject.");
        assertThat(harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "CSV"},
                  "Arguments": {"Bucket": "data", "Key": "x.csv"}}""".formatted(GET)), "{}").failure().cause())
                .isEqualTo("ReaderConfig CSVHeaderLocation must be FIRST_ROW or GIVEN when InputType is CSV.");
        assertThat(harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                  "Arguments": {"Bucket": "data", "Key": "x.csv"}}""".formatted(GET)), "{}").failure().cause())
                .isEqualTo("CSV headers cannot contain duplicates.");
        assertThat(harness.run(jsonata("""
                "ItemReader": {"Resource": "arn:aws:states:::athena:startQueryExecution",
                  "Arguments": {"Bucket": "data"}}"""), "{}").failure().cause())
                .startsWith("ItemReader Resource 'arn:aws:states:::athena:startQueryExecution' is not supported");
        assertThat(harness.run(jsonata("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "JSON"}, "Arguments": {"Key": "x.csv"}}""".formatted(GET)),
                "{}").failure().cause()).startsWith("The ItemReader's Bucket must be a string, not missing");
    }

    @Test
    void maxItemsPath_thatIsNotAnInteger_failsAsAws() {
        harness.object("data", "items.json", "[1]");

        MapHarness.Run run = harness.run(jsonPath("""
                "ItemReader": {%s, "ReaderConfig": {"InputType": "JSON", "MaxItemsPath": "$.max"},
                  "Parameters": {"Bucket": "data", "Key": "items.json"}}""".formatted(GET)), "{\"max\": \"many\"}");

        assertThat(run.failure()).isEqualTo(new ExecutionResult.Failed("States.ItemReaderFailed",
                "The MaxItemsPath field refers to value 'many' which is not a valid integer: $.max"));
    }

    @Test
    void withoutAnObjectStore_itemReaderFailsAsBefore() {
        MapHarness none = new MapHarness(dir);
        none.interpreter.attachObjectStore(ObjectStore.NONE);

        MapHarness.Run run = none.run(jsonata("""
                "ItemReader": {%s, "Arguments": {"Bucket": "b", "Key": "k"}}""".formatted(GET)), "{}");

        assertThat(run.failure().error()).isEqualTo("States.ItemReaderFailed");
        assertThat(run.failure().cause()).contains("arn:aws:states:::s3:getObject").contains("no object store");
    }
}
