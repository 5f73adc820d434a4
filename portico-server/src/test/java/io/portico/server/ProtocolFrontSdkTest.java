package io.portico.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.PorticoClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/** The protocol front as the real AWS SDK for Java v2 sees it. */
class ProtocolFrontSdkTest {

    @TempDir
    static Path dataDir;
    static FakeStatesService fake = new FakeStatesService();
    static PorticoServer server;
    static SfnClient sfn;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        PorticoConfig config = new PorticoConfig("127.0.0.1", 0, "127.0.0.1", 0, dataDir, List.of(), 1024);
        server = PorticoServer.create(config, Clock.systemUTC(), context -> List.of(fake.api())).start();
        sfn = new PorticoClients(server.awsEndpoint(), "AKIDEXAMPLE", "whatever").sfn();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        server.close();
    }

    @Test
    void success_isParsedBySdk_andRequestIsDecoded() {
        assertThat(sfn.listStateMachines(b -> { }).stateMachines()).isEmpty();

        assertThat(fake.last.operation().name()).isEqualTo("ListStateMachines");
        assertThat(fake.last.caller().region()).isEqualTo("us-east-1");
        assertThat(fake.last.caller().account()).isEqualTo("000000000000");
        assertThat(fake.last.requestId()).isNotBlank();
    }

    @Test
    void awsError_becomesModeledSdkException() {
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("arn:aws:states:us-east-1:000000000000:stateMachine:nope")))
                .isInstanceOfSatisfying(StateMachineDoesNotExistException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("StateMachineDoesNotExist");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                            "State Machine Does Not Exist: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope'");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void unexpectedException_becomesInternalFailureWithoutDetails() {
        SfnClient noRetry = new PorticoClients(server.awsEndpoint(), "a", "b").create(
                SfnClient.builder().overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))));
        try (noRetry) {
            assertThatThrownBy(() -> noRetry.deleteStateMachine(b -> b.stateMachineArn("arn:x")))
                    .isInstanceOfSatisfying(SfnException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                        assertThat(e.getMessage()).doesNotContain("secret internals");
                    });
        }
    }

    @Test
    void unknownTarget_isUnknownOperationException() throws Exception {
        HttpResponse<String> response = post("AWSNoSuchService.DoIt", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).contains("\"__type\":\"UnknownOperationException\"");
    }

    @Test
    void malformedJson_isSerializationException() throws Exception {
        HttpResponse<String> response = post("AWSStepFunctions.DescribeStateMachine", "{'a':1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("SerializationException")
                .contains("Unexpected character (''' (code 39)): was expecting double-quote to start field name");
    }

    @Test
    void bodyOverCap_isRefusedWith413() throws Exception {
        HttpResponse<String> response = post("AWSStepFunctions.ListStateMachines", "{\"x\":\"" + "a".repeat(2000) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("RequestEntityTooLargeException");
    }

    @Test
    void metrics_countCallsPerServiceOperationAndStatus() throws Exception {
        sfn.listStateMachines(b -> { });

        String metrics = http.send(HttpRequest.newBuilder(server.awsEndpoint().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("portico_aws_requests_seconds_count{operation=\"ListStateMachines\",service=\"states\",status=\"200\"}");
    }

    private static HttpResponse<String> post(String target, String body) throws Exception {
        URI uri = server.awsEndpoint();
        return http.send(HttpRequest.newBuilder(uri)
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
