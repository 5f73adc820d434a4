package io.portico.core.protocol;

import io.portico.core.service.AwsErrorException;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.ServiceModels;
import io.portico.core.service.OperationCall;
import io.portico.core.service.ServiceApi;
import io.portico.core.service.Services;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The front on a real Jetty over real AWS models: REST-JSON routing and binding with raw paths through
 * SigV4, JSON 1.1 errors, the signing service check, and development-mode defaults.
 */
class ProtocolFrontTest {

    static final AccessKey KEY = AccessKey.parse("AKIDREST:rest-secret:210987654321");
    final HttpClient http = HttpClient.newHttpClient();
    Server jetty;
    volatile OperationCall seen;

    final ServiceApi lambda = ServiceApi.builder(ServiceModels.load("lambda-2015-03-31"))
            .operation("Invoke", call -> {
                seen = call;
                ObjectNode out = Json.object().put("StatusCode", 200).put("ExecutedVersion", "$LATEST");
                return out.set("Payload", BinaryNode.valueOf("{\"ok\":true}".getBytes(StandardCharsets.UTF_8)));
            })
            .operation("GetAccountSettings", call -> {
                seen = call;
                return Json.object();
            })
            .build();

    final ServiceApi events = ServiceApi.builder(ServiceModels.load("eventbridge-2015-10-07"))
            .operation("DescribeRule", call -> {
                throw new AwsErrorException("ResourceNotFoundException", "Rule r does not exist.");
            })
            .build();

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    URI start(List<AccessKey> keys) throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(ProtocolFront.builder().services(new Services(List.of(lambda, events))).credentials(keys)
                .build());
        jetty.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Test
    void restJson_signedWithEscapedPath_isVerifiedRoutedByTemplateAndBound() throws Exception {
        URI endpoint = start(List.of(KEY));
        HttpResponse<String> response = http.send(signed(endpoint, "lambda"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(response.headers().firstValue("X-Amz-Executed-Version")).contains("$LATEST");
        assertThat(seen.operation().name()).isEqualTo("Invoke");
        assertThat(seen.input().path("FunctionName").asText())
                .isEqualTo("arn:aws:lambda:ap-south-1:210987654321:function:my-fn");
        assertThat(seen.input().path("Qualifier").asText()).isEqualTo("v1");
        assertThat(seen.input().path("InvocationType").asText()).isEqualTo("Event");
        assertThat(seen.input().path("Payload").binaryValue()).isEqualTo("{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(seen.caller().region()).isEqualTo("ap-south-1");
        assertThat(seen.caller().account()).isEqualTo("210987654321");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).contains(seen.requestId());
    }

    @Test
    void signature_scopedToAnotherService_isRefusedAsAwsDoes() throws Exception {
        URI endpoint = start(List.of(KEY));
        HttpResponse<String> response = http.send(signed(endpoint, "states"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(response.body()).contains("Credential should be scoped to correct service: 'lambda'.");
        assertThat(seen).isNull();
    }

    @Test
    void json11Error_usesTheServiceProtocol() throws Exception {
        URI endpoint = start(List.of());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", "AWSEvents.DescribeRule")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"r\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
        assertThat(response.body()).isEqualTo("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Rule r does not exist.\"}");
    }

    @Test
    void json10Error_ofAServiceWithErrorNamespaces_carriesTheNamespaceItsModelGives() throws Exception {
        ServiceApi tiny = ServiceApi.builder(io.portico.core.model.ServiceModelsAccess.build(
                io.portico.core.model.ServiceModelsAccess.NAMESPACED_ERRORS_MODEL))
                .operation("Get", call -> {
                    throw new AwsErrorException("NotFound", "Requested resource not found");
                }).build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(ProtocolFront.builder().services(new Services(List.of(tiny))).credentials(List.of()).build());
        jetty.start();
        URI endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());

        HttpResponse<String> declared = http.send(tinyRequest(endpoint, "{\"Name\":\"x\"}"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> invalid = http.send(tinyRequest(endpoint, "{}"), HttpResponse.BodyHandlers.ofString());

        assertThat(declared.body()).isEqualTo(
                "{\"__type\":\"com.example.tiny.v20200101#NotFound\",\"message\":\"Requested resource not found\"}");
        assertThat(invalid.body()).startsWith("{\"__type\":\"com.amazon.coral.validate#ValidationException\"");
        assertThat(invalid.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(endpoint).header("X-Amz-Target", "Tiny_20200101.Nope")
                .header("Content-Type", "application/x-amz-json-1.0").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.body()).as("an operation the model lacks is still the named service's error")
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
    }

    private static HttpRequest tinyRequest(URI endpoint, String body) {
        return HttpRequest.newBuilder(endpoint).header("X-Amz-Target", "Tiny_20200101.Get")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void operationTheModelHasButNoHandler_isUnknownOperation() throws Exception {
        URI endpoint = start(List.of());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", "AWSEvents.ListRules")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
    }

    @Test
    void developmentMode_unsignedRequest_defaultsRegionAndAccount() throws Exception {
        URI endpoint = start(List.of());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/2016-08-19/account-settings/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-north-1/lambda/aws4_request,"
                        + " SignedHeaders=host, Signature=00")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(seen.caller().region()).isEqualTo("eu-north-1");
        assertThat(seen.caller().account()).isEqualTo(AccessKey.DEFAULT_ACCOUNT);
    }

    /** An Invoke request with an encoded path, signed by KEY for {@code service}. */
    private HttpRequest signed(URI endpoint, String service) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aap-south-1%3A210987654321%3Afunction%3Amy-fn/invocations"))
                .putRawQueryParameter("Qualifier", "v1")
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Amz-Invocation-Type", "Event")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEY.accessKeyId(), KEY.secretAccessKey()))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String("{\"x\":1}"))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "ap-south-1")).request();
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.getUri())
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}"));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }
}
