package io.portico.server.states;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.server.PorticoServer;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;

/**
 * A distributed Map reading its items from {@code <data-dir>/objects/<bucket>/<key>} and exporting its
 * results there, driven through the official SfnClient against a running server.
 */
@PorticoTest
class ItemReaderApiTest {
    private final SfnClient sfn;
    @AutoClose
    private final StatesFixture fixture;
    private final Path objects;

    ItemReaderApiTest(PorticoClients clients, PorticoServer server) {
        this.sfn = clients.sfn();
        this.fixture = new StatesFixture(sfn);
        this.objects = server.config().dataDir().resolve("objects");
    }

    @Test
    void csvItems_areProcessed_andResultsExportedInAwsLayout() throws IOException {
        write("input/orders/today.csv", "sku,qty\r\napple,3\r\n\"pear, green\",5\r\n");
        Files.createDirectories(objects.resolve("results"));
        String machine = machine("csv-orders", """
                {"StartAt": "Orders", "States": {"Orders": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                    "Parameters": {"Bucket.$": "$.bucket", "Key.$": "$.key"}},
                  "ItemSelector": {"sku.$": "$$.Map.Item.Value.sku", "qty.$": "States.StringToJson($$.Map.Item.Value.qty)"},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Price", "States": {"Price": {"Type": "Pass",
                      "Parameters": {"sku.$": "$.sku", "total.$": "States.MathAdd($.qty, 10)"}, "End": true}}},
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                    "Parameters": {"Bucket": "results", "Prefix": "orders"}},
                  "End": true}}}""");

        DescribeExecutionResponse done = run(machine, "{\"bucket\": \"input\", \"key\": \"orders/today.csv\"}");

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = json(done.output());
        String mapRunArn = sfn.listMapRuns(b -> b.executionArn(done.executionArn())).mapRuns().get(0).mapRunArn();
        String runId = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
        assertThat(output.path("MapRunArn").asText()).isEqualTo(mapRunArn);
        assertThat(output.path("ResultWriterDetails").path("Bucket").asText()).isEqualTo("results");
        assertThat(output.path("ResultWriterDetails").path("Key").asText()).isEqualTo("orders/" + runId + "/manifest.json");

        JsonNode manifest = json(Files.readString(objects.resolve("results/orders/" + runId + "/manifest.json")));
        assertThat(manifest.path("MapRunArn").asText()).isEqualTo(mapRunArn);
        assertThat(manifest.path("DestinationBucket").asText()).isEqualTo("results");
        assertThat(manifest.path("ResultFiles").path("FAILED")).isEmpty();
        JsonNode succeededFile = manifest.path("ResultFiles").path("SUCCEEDED").get(0);
        assertThat(succeededFile.path("Key").asText()).isEqualTo("orders/" + runId + "/SUCCEEDED_0.json");
        Path succeeded = objects.resolve("results").resolve(succeededFile.path("Key").asText());
        assertThat(succeededFile.path("Size").asLong()).isEqualTo(Files.size(succeeded));
        JsonNode entries = json(Files.readString(succeeded));
        assertThat(entries).hasSize(2);
        assertThat(json(entries.get(0).path("Output").asText())).isEqualTo(json("{\"sku\": \"apple\", \"total\": 13}"));
        assertThat(json(entries.get(1).path("Output").asText())).isEqualTo(json("{\"sku\": \"pear, green\", \"total\": 15}"));
        assertThat(entries.get(0).path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRunArn)).itemCounts().succeeded()).isEqualTo(2);
    }

    @Test
    void jsonItems_withoutResultWriter_outputTheChildrensOutputs() throws IOException {
        write("input/numbers.json", "[1, 2, 3]");
        String machine = machine("json-numbers", """
                {"QueryLanguage": "JSONata", "StartAt": "Double", "States": {"Double": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                    "Arguments": {"Bucket": "input", "Key": "numbers.json"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "Times2", "States": {"Times2": {"Type": "Pass", "Output": "{% $states.input * 2 %}",
                      "End": true}}},
                  "End": true}}}""");

        DescribeExecutionResponse done = run(machine, "{}");

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(done.output())).isEqualTo(json("[2, 4, 6]"));
    }

    @Test
    void missingObject_failsTheExecutionWithItemReaderFailed() throws IOException {
        Files.createDirectories(objects.resolve("empty"));
        String machine = machine("missing-object", """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                    "Parameters": {"Bucket": "empty", "Key": "nothing.jsonl"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "End": true}}}""");

        DescribeExecutionResponse done = run(machine, "{}");

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.ItemReaderFailed");
        assertThat(done.cause()).isEqualTo("Could not read the object 'nothing.jsonl' in bucket 'empty': "
                + "The specified key does not exist. (Service: S3, Status Code: 404, Error Code: NoSuchKey)");
    }

    @Test
    void unknownInputType_isRejectedAtCreateStateMachine() {
        assertThatThrownBy(() -> machine("bad-reader", """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "XML"},
                    "Parameters": {"Bucket": "b", "Key": "k"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "End": true}}}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Value should be one of the following: [CSV, JSON, JSONL, MANIFEST, PARQUET]"
                        + " at /States/Each/ItemReader/ReaderConfig/InputType");
    }

    private void write(String bucketAndKey, String content) throws IOException {
        Path file = objects.resolve(bucketAndKey);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private String machine(String name, String definition) {
        return fixture.machine(name, definition);
    }

    private DescribeExecutionResponse run(String machine, String input) {
        return fixture.awaitEnd(fixture.start(machine, input));
    }

    private static JsonNode json(String text) {
        return Json.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
    }
}
