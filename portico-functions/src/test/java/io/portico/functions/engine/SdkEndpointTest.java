package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK v2 bundled in a function, configured by nothing but the environment, calls the endpoint
 * Portico gives it, with the region and the dummy credentials Lambda-style variables carry. A JDK
 * HTTP server stands in for Portico's AWS endpoint (this module has no HTTP front).
 */
class SdkEndpointTest extends RuntimeTesting {
    private HttpServer endpoint;
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void startEndpoint() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/", exchange -> {
            seen.put("target", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")));
            seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            seen.put("token", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token")));
            exchange.getRequestBody().readAllBytes();
            byte[] body = """
                    {"stateMachines":[{"stateMachineArn":"arn:aws:states:eu-west-1:000000000000:stateMachine:booking",
                     "name":"booking","type":"STANDARD","creationDate":1767225600}]}""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.stop(0);
    }

    @Test
    void sdkClientWithoutEndpointInCode_reachesTheEndpointPorticoSets() {
        String url = "http://127.0.0.1:" + endpoint.getAddress().getPort();
        ExecutionEnvironment sdk = start(Fixtures.spec("example.StepFunctionsSdkHandler", Map.of(), url, Fixtures.lambdaZipCode()),
                new RecordingLog());

        String response = response(invoke(sdk, "{}"));

        assertThat(json(response)).isEqualTo(json("{\"count\":1,\"names\":[\"booking\"]}"));
        assertThat(seen.get("target")).isEqualTo("AWSStepFunctions.ListStateMachines");
        assertThat(seen.get("authorization")).contains("Credential=ASIAPORTICOFUNCTION0/", "/eu-west-1/states/aws4_request");
        assertThat(seen.get("token")).isEqualTo("portico-function-dummy-session-token");
    }
}
