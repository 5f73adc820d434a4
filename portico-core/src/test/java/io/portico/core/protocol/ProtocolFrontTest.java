package io.portico.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The front on a real Jetty: REST-JSON dispatch, raw paths through SigV4, JSON 1.1 errors. */
class ProtocolFrontTest {

    static final AccessKey KEY = AccessKey.parse("AKIDREST:rest-secret:210987654321");
    final HttpClient http = HttpClient.newHttpClient();
    Server jetty;
    volatile AwsRequest seen;

    final AwsService rest = new AwsService() {
        @Override public String signingName() { return "lambda"; }
        @Override public String targetPrefix() { return ""; }
        @Override public String protocol() { return "rest-json"; }
        @Override public AwsResponse handle(AwsRequest request) {
            seen = request;
            return JsonProtocol.ok("rest-json", Map.of("ok", true));
        }
    };

    final AwsService json11 = new AwsService() {
        @Override public String signingName() { return "events"; }
        @Override public String targetPrefix() { return "AWSEvents"; }
        @Override public String protocol() { return "1.1"; }
        @Override public AwsResponse handle(AwsRequest request) {
            throw new AwsErrorException("ResourceNotFoundException", "Rule r does not exist.");
        }
    };

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    URI start(List<AccessKey> keys) throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(ProtocolFront.builder().services(List.of(rest, json11)).credentials(keys).build());
        jetty.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Test
    void restJson_signedWithEscapedPath_isVerifiedAndDispatchedBySigningName() throws Exception {
        URI endpoint = start(List.of(KEY));
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/2015-03-31/functions/my%20fn%3Av1/invocations"))
                .putRawQueryParameter("Qualifier", "a b")
                .putHeader("Content-Type", "application/json")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEY.accessKeyId(), KEY.secretAccessKey()))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String("{\"x\":1}"))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "ap-south-1")).request();
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.getUri())
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}"));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> builder.header(name, v));
            }
        });

        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(seen.service()).isEqualTo("lambda");
        assertThat(seen.operation()).isEmpty();
        assertThat(seen.path()).isEqualTo("/2015-03-31/functions/my%20fn%3Av1/invocations");
        assertThat(seen.query()).containsEntry("Qualifier", List.of("a b"));
        assertThat(seen.region()).isEqualTo("ap-south-1");
        assertThat(seen.accountId()).isEqualTo("210987654321");
        assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).contains(seen.requestId());
    }

    @Test
    void json11Error_usesTheServiceProtocol() throws Exception {
        URI endpoint = start(List.of());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", "AWSEvents.DescribeRule")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
        assertThat(response.body()).isEqualTo("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Rule r does not exist.\"}");
    }

    @Test
    void developmentMode_unsignedRequest_defaultsRegionAndAccount() throws Exception {
        URI endpoint = start(List.of());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/x"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-north-1/lambda/aws4_request,"
                        + " SignedHeaders=host, Signature=00")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen.region()).isEqualTo("eu-north-1");
        assertThat(seen.accountId()).isEqualTo(AccessKey.DEFAULT_ACCOUNT);
    }
}
