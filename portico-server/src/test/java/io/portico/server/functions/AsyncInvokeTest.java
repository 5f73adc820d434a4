package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.server.ServiceWiring;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Event invocations through LambdaClient: accepted with 202, run in the background, retried after a
 * function error, and their records delivered to OnSuccess/OnFailure function destinations. The retry
 * delay (a minute on AWS) is shortened for tests with {@link ServiceWiring#ASYNC_RETRY_DELAY_PROPERTY}, set
 * in this module's surefire configuration.
 */
@PorticoTest
class AsyncInvokeTest {
    private static final byte[] SCRIPTED = TestFunctions.bootstrapZip("/functions/scripted/bootstrap");

    @TempDir
    Path temp;

    private final LambdaClient lambda;

    AsyncInvokeTest(PorticoClients clients) {
        this.lambda = clients.lambda();
    }

    @AfterEach
    void close() {
        lambda.close();
    }

    private List<JsonNode> recorded(Path file) throws Exception {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(line -> Json.read(line.getBytes(StandardCharsets.UTF_8), JsonNode.class)).toList();
    }

    @Test
    void event_isAccepted_thenRun_andOnSuccessGetsTheRecord() throws Exception {
        Path runs = temp.resolve("runs.jsonl");
        Path successes = temp.resolve("successes.jsonl");
        TestFunctions.deployBootstrap(lambda, "async-target", SCRIPTED, Map.of("MODE", "record", "RECORD_FILE", runs.toString()));
        String sink = TestFunctions.deployBootstrap(lambda, "async-success-sink", SCRIPTED,
                Map.of("MODE", "record", "RECORD_FILE", successes.toString()));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("async-target")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(sink))));

        int status = lambda.invoke(b -> b.functionName("async-target").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"order\": 7}"))).statusCode();

        assertThat(status).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorded(runs).size() == 1);
        assertThat(recorded(runs).get(0).path("order").asInt()).isEqualTo(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorded(successes).size() == 1);
        JsonNode record = recorded(successes).get(0);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("Success");
        assertThat(record.path("requestPayload").path("order").asInt()).isEqualTo(7);
        assertThat(record.path("responsePayload").path("order").asInt()).isEqualTo(7);
    }

    @Test
    void failingEvent_isRetried_thenOnFailureGetsRetriesExhausted() throws Exception {
        Path failures = temp.resolve("failures.jsonl");
        TestFunctions.deployBootstrap(lambda, "async-failing", SCRIPTED, Map.of("MODE", "fail", "ERROR_TYPE", "Boom"));
        String sink = TestFunctions.deployBootstrap(lambda, "async-failure-sink", SCRIPTED,
                Map.of("MODE", "record", "RECORD_FILE", failures.toString()));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("async-failing").maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(s -> s.destination(sink))));

        lambda.invoke(b -> b.functionName("async-failing").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"n\": 1}")));

        await().atMost(Duration.ofSeconds(15)).until(() -> recorded(failures).size() == 1);
        JsonNode record = recorded(failures).get(0);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.path("responsePayload").path("errorType").asText()).isEqualTo("Boom");
    }
}
