package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * With signature verification on, a function's AWS SDK still reaches Portico: the function gets a
 * session Portico issued for its account (as Lambda hands it its role's session), which the endpoint
 * accepts with its session token and refuses without it.
 */
@PorticoTest(credentials = "AKIDOPERATOR:operator-secret:123456789012")
class FunctionCredentialsTest {
    private final PorticoClients clients;

    FunctionCredentialsTest(PorticoClients clients) {
        this.clients = clients;
    }

    @Test
    void sdkInsideAFunction_isAcceptedByAVerifyingPortico_inTheFunctionsAccount() {
        try (SfnClient sfn = clients.sfn(); LambdaClient lambda = clients.lambda()) {
            sfn.createStateMachine(b -> b.name("visible-to-the-function").roleArn(TestFunctions.ROLE)
                    .definition("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"));
            deploy(lambda, "sdk-caller", "example.StepFunctionsSdkHandler");

            InvokeResponse response = lambda.invoke(b -> b.functionName("sdk-caller")
                    .payload(SdkBytes.fromUtf8String("{}")));

            assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
            assertThat(response.payload().asUtf8String()).contains("visible-to-the-function");
        }
    }

    @Test
    void theIssuedSession_needsItsToken() {
        JsonNode variables;
        try (LambdaClient lambda = clients.lambda()) {
            deploy(lambda, "env-reader", "example.EnvironmentHandler");
            variables = Json.read(lambda.invoke(b -> b.functionName("env-reader").payload(SdkBytes.fromUtf8String(
                    "[\"AWS_ACCESS_KEY_ID\", \"AWS_SECRET_ACCESS_KEY\", \"AWS_SESSION_TOKEN\"]"))).payload().asByteArray(),
                    JsonNode.class);
        }
        String keyId = variables.path("AWS_ACCESS_KEY_ID").asText();
        String secret = variables.path("AWS_SECRET_ACCESS_KEY").asText();
        String token = variables.path("AWS_SESSION_TOKEN").asText();
        assertThat(keyId).matches("ASIA[A-Z2-7]{16}");

        try (SfnClient withToken = clients.withSessionCredentials(keyId, secret, token).sfn()) {
            assertThat(withToken.listStateMachines(b -> { }).stateMachines()).isNotNull();
        }
        try (SfnClient forged = clients.withSessionCredentials(keyId, secret, token + "x").sfn();
                SfnClient tokenless = clients.withCredentials(keyId, secret).sfn()) {
            for (SfnClient refused : new SfnClient[] {forged, tokenless}) {
                assertThatThrownBy(() -> refused.listStateMachines(b -> { }))
                        .isInstanceOfSatisfying(SfnException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                        });
            }
        }
    }

    @Test
    void porticoPaths_needASignature_exceptTheSelfSignedCodeDownload() throws Exception {
        String arn;
        String codeLocation;
        try (LambdaClient lambda = clients.lambda()) {
            deploy(lambda, "logged-privately", "example.EchoHandler::handleRequest");
            var function = lambda.getFunction(b -> b.functionName("logged-privately"));
            arn = function.configuration().functionArn();
            codeLocation = function.code().location();
        }
        java.net.URI logs = clients.endpoint().resolve("/_portico/lambda/logs/" + arn);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

        var unsigned = http.send(java.net.http.HttpRequest.newBuilder(logs).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var signed = http.send(clients.signedGet("/_portico/lambda/logs/" + arn, "lambda"),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var code = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(codeLocation)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("MissingAuthenticationTokenException");
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(code.statusCode()).isEqualTo(200);
        assertThat(code.body()).isEqualTo(FunctionFixtures.lambdaZipBytes());
    }

    private static void deploy(LambdaClient lambda, String name, String handler) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).handler(handler)
                .role(TestFunctions.ROLE).timeout(30)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }
}
