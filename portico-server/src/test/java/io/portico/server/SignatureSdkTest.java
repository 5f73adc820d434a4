package io.portico.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.protocol.AccessKey;
import io.portico.server.testing.PorticoClients;
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

/** Signature verification end to end with the real SDK signing its requests. */
class SignatureSdkTest {

    @TempDir
    static Path dataDir;
    static FakeStatesService fake = new FakeStatesService();
    static PorticoServer server;
    static PorticoClients clients;

    @BeforeAll
    static void start() {
        PorticoConfig config = PorticoConfig.forTests(dataDir)
                .withCredentials(List.of(AccessKey.parse("AKIDPORTICO:s3cr3t-value:123456789012")));
        server = PorticoServer.create(config, Clock.systemUTC(), context -> List.of(fake.api())).start();
        clients = new PorticoClients(server.awsEndpoint(), "AKIDPORTICO", "s3cr3t-value");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rightSignature_isAccepted_andAccountComesFromTheKey() {
        try (SfnClient sfn = clients.sfn()) {
            sfn.listStateMachines(b -> { });
        }

        assertThat(fake.last.caller().account()).isEqualTo("123456789012");
    }

    @Test
    void wrongSecret_isInvalidSignatureException() {
        try (SfnClient sfn = clients.withCredentials("AKIDPORTICO", "wrong").sfn()) {
            assertThatThrownBy(() -> sfn.listStateMachines(b -> { }))
                    .isInstanceOfSatisfying(SfnException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith(
                                "The request signature we calculated does not match the signature you provided.");
                    });
        }
    }

    @Test
    void unknownAccessKey_isUnrecognizedClientException() {
        try (SfnClient sfn = clients.withCredentials("AKIDOTHER", "s3cr3t-value").sfn()) {
            assertThatThrownBy(() -> sfn.listStateMachines(b -> { }))
                    .isInstanceOfSatisfying(SfnException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The security token included in the request is invalid.");
                    });
        }
    }

    @Test
    void unsignedRequest_isMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.awsEndpoint())
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("MissingAuthenticationTokenException");
    }

    @Test
    void health_needsNoSignature() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.awsEndpoint().resolve("/_portico/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }
}
