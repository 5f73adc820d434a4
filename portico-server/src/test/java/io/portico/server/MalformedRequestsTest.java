package io.portico.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Requests no SDK would send, answered with AWS-shaped errors rather than an empty or HTML body:
 * what Jetty refuses before any service sees it, names with encoded slashes (which reach the service
 * and get its own validation error), and body fields of the wrong JSON type.
 */
@PorticoTest
class MalformedRequestsTest {
    /** Unverified in development mode, but it names the service (lambda) the call is for. */
    private static final String LAMBDA_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20261123/us-east-1/lambda/"
            + "aws4_request, SignedHeaders=host, Signature=0";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void encodedSlashInAFunctionName_reachesLambda_andGetsItsValidationError(URI endpoint) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/a%2Fb"))
                .DELETE());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");
        assertThat(response.body()).contains("Value 'a/b' at 'functionName' failed to satisfy constraint");
    }

    @Test
    void stringWhereLambdaExpectsAnInteger_isInvalidRequestContent_notZero(URI endpoint) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"FunctionName": "typed", "Runtime": "java21", "Handler": "example.EchoHandler",
                         "Role": "arn:aws:iam::000000000000:role/r", "Timeout": "abc",
                         "Code": {"ZipFile": "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="}}""")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidRequestContentException");
        assertThat(response.body()).contains("Timeout");
    }

    @Test
    void requestJettyCannotParse_getsAJsonError(URI endpoint) throws Exception {
        String answer;
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /x HTTP/1.1\r\nHost: portico\r\nNot A Header\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("Content-Type: application/json").contains("\"__type\":\"BadRequestException\"");
        assertThat(answer).doesNotContain("<html").doesNotContain("Jetty");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", LAMBDA_AUTHORIZATION).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
