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
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests no SDK would send, answered with AWS-shaped errors rather than an empty or HTML body:
 * what Jetty refuses before any service sees it, names with encoded slashes (which reach the service
 * and get its own validation error), bodies that are not exactly one JSON value (a byte-order mark, trailing data) or not JSON at all, and body fields of the
 * wrong JSON type.
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

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            POST | /2015-03-31/functions | {"FunctionName": "t", "Runtime": "java21", "Role": "r", "Handler": "h", "Description": ["x"], "Code": {"ZipFile": ""}} | InvalidRequestContentException | 'Description' as a string
            POST | /2015-03-31/functions | {"FunctionName": "t", "Runtime": "java21", "Role": "r", "Handler": "h", "Environment": {"Variables": "x"}, "Code": {"ZipFile": ""}} | InvalidRequestContentException | 'Environment.Variables' as a map
            POST | /2015-03-31/functions | {"FunctionName": "t", "Runtime": "java21", "Role": "r", "Handler": "h", "Architectures": "arm64", "Code": {"ZipFile": ""}} | InvalidRequestContentException | 'Architectures' as a list
            POST | /2015-03-31/functions | {"FunctionName": "t", "Runtime": "java21", "Role": "r", "Handler": "h", "Architectures": ["sparc"], "Code": {"ZipFile": ""}} | ValidationException | Member must satisfy enum value set: [x86_64, arm64]
            POST | /2015-03-31/functions | {"FunctionName": "t", "Runtime": "java21", "Role": "r", "Handler": "h", "TracingConfig": {"Mode": "On"}, "Code": {"ZipFile": ""}} | ValidationException | Member must satisfy enum value set: [Active, PassThrough]
            POST | /2015-03-31/functions | {"FunctionName": "t", "Runtime": "java21", "Role": "r", "Handler": "h", "Tags": ["a"], "Code": {"ZipFile": ""}} | InvalidRequestContentException | 'Tags' as a map
            GET  | /2015-03-31/functions/?FunctionVersion=BOGUS | {} | ValidationException | Value 'BOGUS' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]
            """)
    void lambdaMembersOfTheWrongTypeOrValue_getLambdasErrors(String method, String path, String body, String type,
            String message, URI endpoint) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
        assertThat(response.body()).contains(message);
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

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CreateStateMachine | {"name": "t", "definition": "{}", "roleArn": "arn:aws:iam::000000000000:role/r", "tags": "x"} | SerializationException | STRING_VALUE cannot be converted to List
            ListStateMachines  | {"maxResults": "ten"} | SerializationException | STRING_VALUE cannot be converted to Integer
            ListStateMachines  | {"maxResults": -1}    | ValidationException    | Member must have value greater than or equal to 0
            ListStateMachines  | {"maxResults": 1001}  | ValidationException    | Member must have value less than or equal to 1000
            ListExecutions     | {"stateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:x", "statusFilter": "DONE"} | ValidationException | Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]
            ValidateStateMachineDefinition | {"definition": "{}", "severity": "FATAL"} | ValidationException | Member must satisfy enum value set: [ERROR, WARNING]
            GetExecutionHistory | {"executionArn": "arn:aws:states:us-east-1:000000000000:execution:x:y", "includeExecutionData": "yes"} | SerializationException | STRING_VALUE cannot be converted to Boolean
            CreateStateMachine | {"name": "t", "definition": "{}", "roleArn": "arn:aws:iam::000000000000:role/r", "loggingConfiguration": "x"} | SerializationException | STRING_VALUE cannot be converted to LoggingConfiguration
            UpdateStateMachine | {"stateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:x", "loggingConfiguration": {"level": 5}} | SerializationException | NUMBER_VALUE cannot be converted to String
            UpdateStateMachine | {"stateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:x", "tracingConfiguration": {"enabled": "yes"}} | SerializationException | STRING_VALUE cannot be converted to Boolean
            """)
    void stepFunctionsMembersOfTheWrongTypeOrValue_getAwsErrors(String operation, String body, String code, String message,
            URI endpoint) throws Exception {
        HttpResponse<String> response = stepFunctions(endpoint, operation, "application/x-amz-json-1.0",
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"" + code + "\"").contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}{}", "{} 1", "{}x"})
    void trailingDataAfterTheBody_isRefused_inWordsThatNameNoJavaClass(String body, URI endpoint) throws Exception {
        HttpResponse<String> states = stepFunctions(endpoint, "ListStateMachines", "application/x-amz-json-1.0",
                body.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> lambda = send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(states.statusCode()).isEqualTo(400);
        assertThat(states.body()).contains("\"__type\":\"SerializationException\"");
        assertThat(lambda.statusCode()).isEqualTo(400);
        assertThat(lambda.headers().firstValue("x-amzn-ErrorType")).contains("InvalidRequestContentException");
        for (HttpResponse<String> answer : List.of(states, lambda)) {
            assertThat(answer.body()).doesNotContain("com.fasterxml").doesNotContain("DeserializationFeature")
                    .doesNotContain("JsonNode");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"EFBBBF", "FEFF", "FFFE"})
    void byteOrderMarkBeforeTheBody_isRefusedAsUnreadable(String mark, URI endpoint) throws Exception {
        byte[] body = HexFormat.of().parseHex(mark + "7B7D"); // the mark, then {}
        HttpResponse<String> states = stepFunctions(endpoint, "ListStateMachines", "application/x-amz-json-1.0", body);
        HttpResponse<String> lambda = send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(states.statusCode()).isEqualTo(400);
        assertThat(states.body()).contains("\"__type\":\"SerializationException\"").contains("(code 65279 / 0xfeff)");
        assertThat(lambda.statusCode()).isEqualTo(400);
        assertThat(lambda.headers().firstValue("x-amzn-ErrorType")).contains("InvalidRequestContentException");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            text/plain                                 | 404
            application/xml                            | 404
            application/x-amz-json-1.1                 | 404
            none                                       | 404
            application/x-amz-json-1.0; charset=UTF-8  | 200
            application/json                           | 200
            """)
    void stepFunctionsBodyOfAnotherMediaType_reachesNoOperation(String contentType, int status, URI endpoint)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Authorization", LAMBDA_AUTHORIZATION.replace("/lambda/", "/states/"))
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        if (status == 404) {
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
        }
    }

    private HttpResponse<String> stepFunctions(URI endpoint, String operation, String contentType, byte[] body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint)
                .header("Authorization", LAMBDA_AUTHORIZATION.replace("/lambda/", "/states/"))
                .header("Content-Type", contentType)
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", LAMBDA_AUTHORIZATION).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
