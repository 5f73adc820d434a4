package io.portico.functions.engine.process;

import static io.portico.functions.engine.process.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.InvocationRequest;
import io.portico.functions.engine.RecordingLog;
import io.portico.functions.engine.VersionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java functions run out of process under AWS's runtime interface client: handlers compiled here from
 * test sources, deployed as Lambda lays a jar out (classes at the code root).
 */
class JavaProcessModeTest {
    static ProcessRuntime runtime;
    static Path code;

    @BeforeAll
    static void compileFunctions(@TempDir Path temp) throws Exception {
        runtime = ProcessRuntime.create();
        code = compile(temp.resolve("code"), "Echo", "BrokenInit");
    }

    @AfterAll
    static void closeRuntime() {
        runtime.close();
    }

    @Test
    void javaFunction_runsWarmUnderTheRuntimeInterfaceClient_withLambdasContextAndLogs() throws Exception {
        VersionSpec spec = java("example.Echo::handleRequest");
        RecordingLog initLog = new RecordingLog();
        try (ProcessEnvironment environment = (ProcessEnvironment) runtime.start(spec, initLog)) {
            RecordingLog log = new RecordingLog();
            InvocationRequest first = request(spec, "{\"hello\":\"world\"}", log);
            JsonNode result = json(environment.invoke(first));
            assertThat(result.path("hello").asText()).isEqualTo("world");
            assertThat(result.path("requestId").asText()).isEqualTo(first.requestId());
            assertThat(result.path("functionName").asText()).isEqualTo("java-fn");
            assertThat(result.path("invokedFunctionArn").asText()).isEqualTo(spec.qualifiedArn());
            assertThat(result.path("memoryLimit").asInt()).isEqualTo(256);
            assertThat(result.path("remainingPositive").asBoolean()).isTrue();
            assertThat(result.path("endpoint").asText()).isEqualTo(Functions.ENDPOINT);
            assertThat(result.path("executionEnv").asText()).isEqualTo("AWS_Lambda_java21");
            assertThat(result.path("pid").asLong()).isEqualTo(environment.pid());
            assertThat(initLog.text()).contains("Echo static init");
            assertThat(log.text()).contains("logger line " + first.requestId())
                    .contains("stdout line " + first.requestId()).contains("stderr line " + first.requestId());

            JsonNode second = json(environment.invoke(request(spec, "{}", new RecordingLog())));
            assertThat(second.path("pid").asLong()).isEqualTo(environment.pid());
        }
    }

    @Test
    void javaFunction_thatThrows_returnsLambdasJavaErrorDocument() throws Exception {
        VersionSpec spec = java("example.Echo::handleRequest");
        try (var environment = runtime.start(spec, new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            InvocationOutcome outcome = environment.invoke(request(spec, "{\"fail\":\"boom\"}", log));
            assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error -> {
                assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
                JsonNode document = Json.read(error.payload(), JsonNode.class);
                assertThat(document.path("errorMessage").asText()).isEqualTo("boom");
                assertThat(document.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
                assertThat(document.path("stackTrace").get(0).asText()).startsWith("example.Echo.handleRequest(Echo.java:");
            });
            assertThat(log.text()).contains("java.lang.IllegalStateException: boom");
        }
    }

    @Test
    void javaFunction_thatExits_isExitError() throws Exception {
        VersionSpec spec = java("example.Echo::handleRequest");
        try (var environment = runtime.start(spec, new RecordingLog())) {
            InvocationRequest request = request(spec, "{\"exit\":4}", new RecordingLog());
            InvocationOutcome outcome = environment.invoke(request);
            assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error ->
                    assertThat(ProcessRuntimeTest.text(error.payload())).isEqualTo("{\"errorType\":\"Runtime.ExitError\","
                            + "\"errorMessage\":\"RequestId: " + request.requestId()
                            + " Error: Runtime exited with error: exit status 4\"}"));
        }
    }

    @Test
    void javaFunction_whoseInitThrows_failsToStart_asLambdasJavaRuntimeReportsIt() {
        RecordingLog initLog = new RecordingLog();
        assertThatThrownBy(() -> runtime.start(java("example.BrokenInit::handleRequest"), initLog))
                .isInstanceOfSatisfying(FunctionInitException.class, e -> {
                    assertThat(e.error().errorType()).isEqualTo("java.lang.ExceptionInInitializerError");
                    assertThat(ProcessRuntimeTest.text(e.error().payload())).isEqualTo("{\"errorMessage\":\"Error loading"
                            + " class example.BrokenInit\",\"errorType\":\"java.lang.ExceptionInInitializerError\"}");
                });
        assertThat(initLog.text()).contains("Error loading class example.BrokenInit: java.lang.ExceptionInInitializerError")
                .contains("Caused by: java.lang.IllegalStateException: no configuration");
    }

    @Test
    void javaFunction_whoseClassIsMissing_failsEveryInvocation_asLambdasJavaRuntimeDoes() throws Exception {
        VersionSpec spec = java("example.Missing::handleRequest");
        try (var environment = runtime.start(spec, new RecordingLog())) {
            InvocationOutcome outcome = environment.invoke(request(spec, "{}", new RecordingLog()));
            assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error -> {
                assertThat(error.errorType()).isEqualTo("java.lang.ClassNotFoundException");
                assertThat(Json.read(error.payload(), JsonNode.class).path("errorMessage").asText())
                        .contains("example.Missing");
            });
        }
    }

    private static VersionSpec java(String handler) {
        return Functions.spec("java-fn", "java21", handler, code, Map.of(), 30);
    }

    private static JsonNode json(InvocationOutcome outcome) {
        assertThat(outcome).isInstanceOf(InvocationOutcome.Success.class);
        return Json.read(((InvocationOutcome.Success) outcome).payload(), JsonNode.class);
    }

    /** Compiles test sources {@code java/example/<name>.java} into {@code into}, against aws-lambda-java-core. */
    static Path compile(Path into, String... names) throws IOException {
        Path sources = Files.createDirectories(into.resolveSibling("sources"));
        List<String> arguments = new java.util.ArrayList<>(List.of("-d", into.toString(), "-classpath",
                Path.of(codeSource(Context.class)).toString(), "--release", "21"));
        for (String name : names) {
            try (InputStream in = JavaProcessModeTest.class.getResourceAsStream("java/example/" + name + ".java")) {
                Path source = sources.resolve(name + ".java");
                Files.copy(in, source);
                arguments.add(source.toString());
            }
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("test functions did not compile");
        }
        return into;
    }

    private static java.net.URI codeSource(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
