package io.portico.functions.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.functions.engine.InvocationOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Runtime API on the wire, spoken with a real HTTP client playing the runtime: routes, headers,
 * status codes and error bodies as Lambda's RAPID answers them.
 */
class RuntimeApiProtocolTest {
    static RuntimeApiServers servers;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RuntimeApiSession session;
    RuntimeApiServer server;

    @BeforeAll
    static void startThreads() {
        servers = RuntimeApiServers.create();
    }

    @AfterAll
    static void stopThreads() {
        servers.close();
    }

    @BeforeEach
    void startServer() {
        session = new RuntimeApiSession();
        server = servers.start(session);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void address_isALoopbackPort() {
        assertThat(server.address()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void next_longPollsUntilAnEventIsOffered_andAnswersWithLambdasHeaders() throws Exception {
        CompletableFuture<HttpResponse<String>> next = getAsync("/2018-06-01/runtime/invocation/next");
        assertThat(session.initialised().get(5, TimeUnit.SECONDS)).isInstanceOf(InitOutcome.Ready.class);
        assertThat(next).isNotDone();

        session.offer(event("req-1", "{\"a\":1}", Optional.of("{\"client\":{}}"), Optional.of("{\"cognitoIdentityId\":\"x\"}")));
        HttpResponse<String> response = next.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"a\":1}");
        assertThat(header(response, "Lambda-Runtime-Aws-Request-Id")).isEqualTo("req-1");
        assertThat(header(response, "Lambda-Runtime-Deadline-Ms")).isEqualTo("1700000000123");
        assertThat(header(response, "Lambda-Runtime-Invoked-Function-Arn")).isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:f");
        assertThat(header(response, "Lambda-Runtime-Trace-Id")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(header(response, "Lambda-Runtime-Client-Context")).isEqualTo("{\"client\":{}}");
        assertThat(header(response, "Lambda-Runtime-Cognito-Identity")).isEqualTo("{\"cognitoIdentityId\":\"x\"}");
        assertThat(header(response, "Content-Type")).isEqualTo("application/json");
    }

    @Test
    void next_withoutClientContextOrIdentity_sendsNeitherHeader() throws Exception {
        CompletableFuture<HttpResponse<String>> next = getAsync("/2018-06-01/runtime/invocation/next");
        session.offer(event("req-1", "{}", Optional.empty(), Optional.empty()));
        HttpResponse<String> response = next.get(5, TimeUnit.SECONDS);
        assertThat(response.headers().firstValue("Lambda-Runtime-Client-Context")).isEmpty();
        assertThat(response.headers().firstValue("Lambda-Runtime-Cognito-Identity")).isEmpty();
    }

    @Test
    void response_isAccepted_andCompletesTheInvocation() throws Exception {
        CompletableFuture<InvocationOutcome> outcome = deliver("req-1");
        HttpResponse<String> response = post("/2018-06-01/runtime/invocation/req-1/response", "{\"ok\":true}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"status\":\"OK\"}\n");
        assertThat(header(response, "Content-Type")).isEqualTo("application/json");
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(InvocationOutcome.Success.class,
                success -> assertThat(new String(success.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}"));
    }

    @Test
    void response_forAnotherRequestId_is400InvalidRequestID() throws Exception {
        deliver("req-1");
        HttpResponse<String> response = post("/2018-06-01/runtime/invocation/req-2/response", "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}\n");
    }

    @Test
    void response_twice_is403InvalidStateTransition() throws Exception {
        deliver("req-1");
        post("/2018-06-01/runtime/invocation/req-1/response", "{}");
        HttpResponse<String> second = post("/2018-06-01/runtime/invocation/req-1/error", "{}");
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.body()).isEqualTo("{\"errorMessage\":\"State transition from RuntimeResponseSentState to"
                + " InvocationErrorResponse failed for runtime. Error: State transition is not allowed\","
                + "\"errorType\":\"InvalidStateTransition\"}\n");
    }

    @Test
    void response_overTheLimit_is413_andTheInvocationFailsWithResponseSizeTooLarge() throws Exception {
        CompletableFuture<InvocationOutcome> outcome = deliver("req-1");
        HttpResponse<String> response = post("/2018-06-01/runtime/invocation/req-1/response", "x".repeat(6_291_557));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\","
                + "\"errorType\":\"RequestEntityTooLarge\"}\n");
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class,
                error -> assertThat(error.errorType()).isEqualTo("Function.ResponseSizeTooLarge"));
    }

    @Test
    void response_atTheLimit_isAccepted() throws Exception {
        CompletableFuture<InvocationOutcome> outcome = deliver("req-1");
        HttpResponse<String> response = post("/2018-06-01/runtime/invocation/req-1/response", "x".repeat(6_291_556));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(((InvocationOutcome.Success) outcome.get(5, TimeUnit.SECONDS)).payload()).hasSize(6_291_556);
    }

    @Test
    void error_passesTheDocumentOn_withTheDocumentsErrorType() throws Exception {
        CompletableFuture<InvocationOutcome> outcome = deliver("req-1");
        String document = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[]}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/2018-06-01/runtime/invocation/req-1/error"))
                .header("Lambda-Runtime-Function-Error-Type", "Runtime.UserException")
                .POST(HttpRequest.BodyPublishers.ofString(document)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error -> {
            assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(new String(error.payload(), StandardCharsets.UTF_8)).isEqualTo(document);
        });
    }

    @Test
    void error_withErrorCause_keepsMessageTypeAndStackTraceOnly() throws Exception {
        CompletableFuture<InvocationOutcome> outcome = deliver("req-1");
        HTTP.send(HttpRequest.newBuilder(uri("/2018-06-01/runtime/invocation/req-1/error"))
                .header("Content-Type", "application/vnd.aws.lambda.error.cause+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorMessage\":\"m\",\"errorType\":\"T\",\"stackTrace\":[\"s\"],"
                        + "\"errorCause\":{\"paths\":[]}}")).build(), HttpResponse.BodyHandlers.ofString());
        InvocationOutcome.FunctionError error = (InvocationOutcome.FunctionError) outcome.get(5, TimeUnit.SECONDS);
        assertThat(new String(error.payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"errorMessage\":\"m\",\"errorType\":\"T\",\"stackTrace\":[\"s\"]}");
    }

    @Test
    void error_withoutBody_takesItsTypeFromTheHeader() throws Exception {
        CompletableFuture<InvocationOutcome> outcome = deliver("req-1");
        HTTP.send(HttpRequest.newBuilder(uri("/2018-06-01/runtime/invocation/req-1/error"))
                .header("Lambda-Runtime-Function-Error-Type", "Custom.Failure")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        InvocationOutcome.FunctionError error = (InvocationOutcome.FunctionError) outcome.get(5, TimeUnit.SECONDS);
        assertThat(error.errorType()).isEqualTo("Custom.Failure");
        assertThat(new String(error.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"errorType\":\"Custom.Failure\"}");
    }

    @Test
    void initError_duringInit_isAccepted_andFailsTheInit() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/2018-06-01/runtime/init/error"))
                .header("Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError")
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorMessage\":\"Unable to import module\","
                        + "\"errorType\":\"Runtime.ImportModuleError\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(session.initialised().get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(InitOutcome.Failed.class, failed -> {
            assertThat(failed.error().errorType()).isEqualTo("Runtime.ImportModuleError");
            assertThat(failed.message()).isEqualTo("Unable to import module");
        });

        HttpResponse<String> next = HTTP.send(HttpRequest.newBuilder(uri("/2018-06-01/runtime/invocation/next")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(403);
        assertThat(next.body()).contains("State transition from InitError to Ready failed for runtime.");
    }

    @Test
    void initError_afterInit_is403() throws Exception {
        getAsync("/2018-06-01/runtime/invocation/next");
        session.initialised().get(5, TimeUnit.SECONDS);
        HttpResponse<String> response = post("/2018-06-01/runtime/init/error", "{}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"errorMessage\":\"State transition from Ready to InitError failed for"
                + " runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n");
    }

    @Test
    void next_whileTheEventIsUnanswered_deliversItAgain() throws Exception {
        deliver("req-1");
        HttpResponse<String> again = getAsync("/2018-06-01/runtime/invocation/next").get(5, TimeUnit.SECONDS);
        assertThat(header(again, "Lambda-Runtime-Aws-Request-Id")).isEqualTo("req-1");
    }

    @Test
    void workerExited_failsTheInvocationInFlight() throws Exception {
        CompletableFuture<InvocationOutcome> outcome = deliver("req-1");
        session.workerExited("Runtime exited with error: exit status 2");
        assertThatThrownBy(() -> outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WorkerExitedException.class).hasMessage("Runtime exited with error: exit status 2");
    }

    @Test
    void unknownPath_is404_andWrongMethod_is405() throws Exception {
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(uri("/2020-01-01/extension/register"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found\n");
        HttpResponse<String> wrongMethod = post("/2018-06-01/runtime/invocation/next", "");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    /** Offers {@code id}'s event and has the "runtime" take it, as a runtime's /next would. */
    private CompletableFuture<InvocationOutcome> deliver(String id) throws Exception {
        CompletableFuture<HttpResponse<String>> next = getAsync("/2018-06-01/runtime/invocation/next");
        session.initialised().get(5, TimeUnit.SECONDS);
        CompletableFuture<InvocationOutcome> outcome = session.offer(event(id, "{}", Optional.empty(), Optional.empty()));
        assertThat(header(next.get(5, TimeUnit.SECONDS), "Lambda-Runtime-Aws-Request-Id")).isEqualTo(id);
        return outcome;
    }

    private static RuntimeEvent event(String id, String payload, Optional<String> clientContext, Optional<String> identity) {
        return new RuntimeEvent(id, payload.getBytes(StandardCharsets.UTF_8), 1_700_000_000_123L,
                "arn:aws:lambda:eu-west-1:000000000000:function:f", RuntimeEvent.newTraceId(java.time.Instant.now()),
                clientContext, identity);
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return HTTP.sendAsync(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + server.address() + path);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no header " + name));
    }
}
