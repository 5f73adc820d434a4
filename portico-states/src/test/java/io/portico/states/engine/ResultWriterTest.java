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

/** A distributed Map's ResultWriter: WriterConfig transformations and exports in AWS's layout. */
class ResultWriterTest {
    private static final String PUT = "\"Resource\": \"arn:aws:states:::s3:putObject\"";

    @TempDir
    Path dir;

    private MapHarness harness;

    @BeforeEach
    void harness() {
        harness = new MapHarness(dir).bucket("results");
    }

    @Test
    void export_writesSucceededFileAndManifest_andOutputsWhereTheyAre() {
        MapHarness.Run run = harness.run(jsonata("""
                "Items": [{"n": 1}, {"n": 2}],
                "ResultWriter": {%s, "Arguments": {"Bucket": "results", "Prefix": "{%% 'jobs/' & $states.input.job %%}"}}"""
                .formatted(PUT)), "{\"job\": \"7\"}");

        String mapRunArn = harness.onlyMapRun().mapRunArn();
        String runId = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
        String manifestKey = "jobs/7/" + runId + "/manifest.json";
        assertThat(run.output()).isEqualTo(json("""
                {"MapRunArn": "%s", "ResultWriterDetails": {"Bucket": "results", "Key": "%s"}}"""
                .formatted(mapRunArn, manifestKey)));
        String succeededKey = "jobs/7/" + runId + "/SUCCEEDED_0.json";
        JsonNode succeeded = json(harness.read("results", succeededKey));
        assertThat(json(harness.read("results", manifestKey))).isEqualTo(json("""
                {"DestinationBucket": "results", "MapRunArn": "%s",
                 "ResultFiles": {"FAILED": [], "PENDING": [], "SUCCEEDED": [{"Key": "%s", "Size": %d}]}}"""
                .formatted(mapRunArn, succeededKey, harness.read("results", succeededKey).length())));
        assertThat(succeeded).hasSize(2);
        JsonNode first = succeeded.get(0);
        assertThat(first.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(first.path("Input").asText()).isEqualTo("{\"n\":1}");
        assertThat(first.path("Output").asText()).isEqualTo("{\"n\":1}");
        assertThat(first.path("ExecutionArn").asText()).contains(":execution:orders/Fanout:");
        assertThat(first.path("RedriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
        assertThat(first.fieldNames()).toIterable().contains("InputDetails", "OutputDetails", "StartDate", "StopDate",
                "StateMachineArn", "Name", "RedriveCount", "RedriveStatusReason");
    }

    @Test
    void export_jsonPathParameters_compactJsonLines_andPrefixEndingInSlash() {
        MapHarness.Run run = harness.run(jsonPath("""
                "ItemsPath": "$.items",
                "ResultWriter": {%s, "Parameters": {"Bucket.$": "$.bucket", "Prefix": "out/"},
                  "WriterConfig": {"Transformation": "COMPACT", "OutputType": "JSONL"}}""".formatted(PUT)),
                "{\"bucket\": \"results\", \"items\": [1, [2, 3]]}");

        String key = run.output().path("ResultWriterDetails").path("Key").asText();
        assertThat(key).matches("out/[0-9a-f-]{36}/manifest.json");
        assertThat(harness.read("results", key.replace("manifest.json", "SUCCEEDED_0.json"))).isEqualTo("1\n[2,3]\n");
    }

    @Test
    void writerConfigOnly_transformsTheOutputInPlace() {
        String items = "\"Items\": [[1, 2], 3, []],";

        JsonNode flattened = harness.run(jsonata(items + """
                "ResultWriter": {"WriterConfig": {"Transformation": "FLATTEN"}}"""), "{}").output();
        JsonNode compact = harness.run(jsonata(items + """
                "ResultWriter": {"WriterConfig": {"Transformation": "COMPACT"}}"""), "{}").output();
        JsonNode none = harness.run(jsonata(items + """
                "ResultWriter": {"WriterConfig": {"Transformation": "NONE", "OutputType": "JSON"}}"""), "{}").output();

        assertThat(flattened).isEqualTo(json("[1, 2, 3]"));
        assertThat(compact).isEqualTo(json("[[1, 2], 3, []]"));
        assertThat(none).hasSize(3);
        assertThat(none.get(0).path("Output").asText()).isEqualTo("[1,2]");
        assertThat(none.get(1).path("Status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void exceededThreshold_exportsFailedAndPendingChildren_thenFails() {
        MapHarness.Run run = harness.run(MapHarness.failingOnTwo("""
                "Items": [{"n": 1}, {"n": 2}, {"n": 3}], "MaxConcurrency": 1,
                "ResultWriter": {%s, "Arguments": {"Bucket": "results", "Prefix": "p"}}""".formatted(PUT)), "{}");

        assertThat(run.failure().error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        String runId = harness.onlyMapRun().mapRunArn().replaceAll(".*:", "");
        JsonNode manifest = json(harness.read("results", "p/" + runId + "/manifest.json"));
        assertThat(manifest.path("ResultFiles").path("SUCCEEDED")).hasSize(1);
        assertThat(manifest.path("ResultFiles").path("FAILED").get(0).path("Key").asText())
                .isEqualTo("p/" + runId + "/FAILED_0.json");
        JsonNode failed = json(harness.read("results", "p/" + runId + "/FAILED_0.json"));
        assertThat(failed.get(0).path("Error").asText()).isEqualTo("Boom");
        assertThat(failed.get(0).path("Cause").asText()).isEqualTo("item two");
        JsonNode pending = json(harness.read("results", "p/" + runId + "/PENDING_0.json"));
        assertThat(pending).isEqualTo(json("""
                [{"Input": "{\\"n\\":3}", "InputDetails": {"Included": true}, "Status": "PENDING"}]"""));
    }

    @Test
    void missingBucket_failsWithResultWriterFailed_andTheMapRunFails() {
        MapHarness.Run run = harness.run(jsonata("""
                "Items": [1],
                "ResultWriter": {%s, "Arguments": {"Bucket": "absent", "Prefix": "p"}}""".formatted(PUT)), "{}");

        assertThat(run.failure().error()).isEqualTo("States.ResultWriterFailed");
        assertThat(run.failure().cause()).startsWith("Could not write the object 'p/").contains("in bucket 'absent'")
                .endsWith("The specified bucket does not exist (Service: S3, Status Code: 404, Error Code: NoSuchBucket)");
        assertThat(harness.onlyMapRun().status()).isEqualTo("FAILED");
    }

    @Test
    void unsupportedResourceOrMissingBucketArgument_failsWithResultWriterFailed() {
        assertThat(harness.run(jsonata("""
                "Items": [1], "ResultWriter": {"Resource": "arn:aws:states:::dynamodb:putItem",
                  "Arguments": {"Bucket": "results"}}"""), "{}").failure())
                .isEqualTo(new ExecutionResult.Failed("States.ResultWriterFailed", "ResultWriter Resource "
                        + "'arn:aws:states:::dynamodb:putItem' is not supported: Portico writes results with "
                        + "arn:aws:states:::s3:putObject."));
        assertThat(harness.run(jsonata("""
                "Items": [1], "ResultWriter": {%s, "Arguments": {"Prefix": "p"}}""".formatted(PUT)), "{}")
                .failure().error()).isEqualTo("States.ResultWriterFailed");
    }

    @Test
    void itemReaderAndResultWriter_together() {
        harness.object("data", "in.csv", "name,qty\napple,3\npear,5\n");

        MapHarness.Run run = harness.run(jsonata("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                  "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                  "Arguments": {"Bucket": "data", "Key": "in.csv"}},
                "ItemBatcher": {"MaxItemsPerBatch": 5},
                "ResultWriter": {%s, "Arguments": {"Bucket": "results", "Prefix": "csv"},
                  "WriterConfig": {"Transformation": "FLATTEN"}}""".formatted(PUT)), "{}");

        String key = run.output().path("ResultWriterDetails").path("Key").asText();
        assertThat(json(harness.read("results", key.replace("manifest.json", "SUCCEEDED_0.json"))))
                .isEqualTo(json("[{\"Items\": [{\"name\": \"apple\", \"qty\": \"3\"}, {\"name\": \"pear\", \"qty\": \"5\"}]}]"));
    }
}
