package io.portico.functions.engine.process;

import static io.portico.functions.engine.process.Functions.provided;
import static io.portico.functions.engine.process.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.InvocationRequest;
import io.portico.functions.engine.RecordingLog;
import io.portico.functions.engine.VersionSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a worker process sees (variables, event headers) and how it is stopped (interrupt, close). */
class WorkerContractTest extends BootstrapTesting {

    @Test
    void worker_seesLambdasVariables_andTheFunctionsOwn() throws Exception {
        VersionSpec spec = provided("env-fn", code, Map.of("MODE", "env", "GREETING", "hello", "AWS_ENDPOINT_URL",
                "http://elsewhere:1"), 30);
        Map<String, String> env = variables(invokeOnce(spec, "{}"));
        assertThat(env).containsEntry("GREETING", "hello")
                .containsEntry("_HANDLER", "function.handler")
                .containsEntry("LAMBDA_TASK_ROOT", code.toAbsolutePath().toString())
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "env-fn")
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
                .containsEntry("AWS_REGION", "eu-west-1")
                .containsEntry("AWS_DEFAULT_REGION", "eu-west-1")
                .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/env-fn")
                .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
                .containsEntry("AWS_ACCESS_KEY_ID", WorkerVariables.ACCESS_KEY_ID)
                .containsEntry("AWS_SECRET_ACCESS_KEY", WorkerVariables.SECRET_ACCESS_KEY)
                .containsEntry("AWS_SESSION_TOKEN", WorkerVariables.SESSION_TOKEN)
                .containsEntry("AWS_ENDPOINT_URL", "http://elsewhere:1") // the function's own wins over Portico's
                .containsEntry("TZ", ":UTC")
                .containsKey("PATH")
                .doesNotContainKey("AWS_EXECUTION_ENV"); // Lambda sets none for OS-only runtimes
        assertThat(env.get("AWS_LAMBDA_RUNTIME_API")).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(env.get("AWS_LAMBDA_LOG_STREAM_NAME")).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(env.keySet()).allMatch(name -> !name.startsWith("AWS_") || LAMBDA_SET.contains(name),
                "no AWS_* variable of the host leaks into the function");
    }

    @Test
    void worker_getsPorticosEndpoint_whenTheFunctionSetsNone() throws Exception {
        Map<String, String> env = variables(invokeOnce(provided("env-fn", code, "env"), "{}"));
        assertThat(env).containsEntry("AWS_ENDPOINT_URL", Functions.ENDPOINT);
    }

    @Test
    void next_carriesTheRequestIdDeadlineArnAndContext() throws Exception {
        VersionSpec spec = provided("headers", code, "headers");
        Instant deadline = Instant.ofEpochMilli(1_900_000_000_123L);
        InvocationRequest request = new InvocationRequest("3f6e1d2c-0000-4000-8000-000000000001", "{}".getBytes(StandardCharsets.UTF_8),
                deadline, spec.functionArn() + ":live", Optional.of("{\"custom\":{\"k\":\"v\"}}"),
                Optional.of("{\"cognitoIdentityId\":\"id\",\"cognitoIdentityPoolId\":\"pool\"}"), new RecordingLog());
        String headers;
        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            headers = text(environment.invoke(request));
        }
        assertThat(headers).startsWith("HTTP/1.1 200 OK")
                .contains("Lambda-Runtime-Aws-Request-Id: 3f6e1d2c-0000-4000-8000-000000000001\r\n")
                .contains("Lambda-Runtime-Deadline-Ms: 1900000000123\r\n")
                .contains("Lambda-Runtime-Invoked-Function-Arn: " + spec.functionArn() + ":live\r\n")
                .contains("Lambda-Runtime-Client-Context: {\"custom\":{\"k\":\"v\"}}\r\n")
                .contains("Lambda-Runtime-Cognito-Identity: {\"cognitoIdentityId\":\"id\",\"cognitoIdentityPoolId\":\"pool\"}\r\n")
                .containsPattern("Lambda-Runtime-Trace-Id: Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0\r\n");
    }

    @Test
    void invoke_interrupted_returnsPromptly() throws Exception {
        VersionSpec spec = provided("sleeper", code, Map.of("MODE", "sleep", "SLEEP", "30"), 60);
        try (ProcessEnvironment environment = (ProcessEnvironment) runtime.start(spec, new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    environment.invoke(request(spec, "{}", log));
                    ended.complete(null);
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
            await().until(() -> ProcessHandle.of(environment.pid()).orElseThrow().descendants() // the handler's sleep
                    .anyMatch(p -> p.info().command().orElse("").endsWith("/sleep")));
            caller.interrupt();
            // The handler sleeps 30 s: an end well before that is the interrupt's doing, not the handler's.
            assertThat(ended.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void close_killsTheProcessTree() throws Exception {
        ProcessEnvironment environment = (ProcessEnvironment) runtime.start(provided("echo", code, "echo"), new RecordingLog());
        ProcessHandle bootstrap = ProcessHandle.of(environment.pid()).orElseThrow();
        await().until(() -> bootstrap.descendants().findAny().isPresent()); // the curl waiting in /next
        List<ProcessHandle> tree = bootstrap.descendants().toList();
        environment.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !bootstrap.isAlive() && tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    private static final java.util.Set<String> LAMBDA_SET = java.util.Set.of("AWS_LAMBDA_RUNTIME_API", "AWS_REGION",
            "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL");

    private static InvocationOutcome invokeOnce(VersionSpec spec, String payload) throws Exception {
        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            return environment.invoke(request(spec, payload, new RecordingLog()));
        }
    }

    private static Map<String, String> variables(InvocationOutcome outcome) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : text(outcome).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                variables.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return variables;
    }

    private static String text(InvocationOutcome outcome) {
        return new String(((InvocationOutcome.Success) outcome).payload(), StandardCharsets.UTF_8);
    }
}
