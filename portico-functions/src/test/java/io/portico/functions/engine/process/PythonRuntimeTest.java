package io.portico.functions.engine.process;

import static io.portico.functions.engine.process.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.InvocationRequest;
import io.portico.functions.engine.RecordingLog;
import io.portico.functions.engine.VersionSpec;
import io.portico.testing.Prerequisites;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python functions in the process runtime, on the machine's {@code python3} ({@code python3.9} runs on
 * any Python from 3.9 on): handlers in modules and packages, the context, Lambda's error payloads, the
 * log format, and the version rule on a stand-in {@code python3}.
 */
class PythonRuntimeTest {
    private static ProcessRuntime runtime;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Prerequisites.fromEnvironment().require(ScriptFunctions.onPath("python3"),
                "Python 3.9 or newer as python3 on the PATH (apt-get install python3)");
        runtime = ProcessRuntime.create();
    }

    @AfterAll
    static void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void supports_lambdasPythonRuntimes() {
        assertThat(runtime.supports("python3.9")).isTrue();
        assertThat(runtime.supports("python3.13")).isTrue();
        assertThat(runtime.supports("python")).isFalse();
    }

    @Test
    void handler_answersItsResult_andGetsTheContext() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("lambda_function.py", """
                import os
                def lambda_handler(event, context):
                    return {"echo": event, "name": context.function_name, "memory": context.memory_limit_in_mb,
                            "arn": context.invoked_function_arn, "left": context.get_remaining_time_in_millis() > 0,
                            "env": os.environ["AWS_EXECUTION_ENV"]}
                """));
        VersionSpec spec = ScriptFunctions.python("py", code, "lambda_function.lambda_handler");

        assertThat(ScriptFunctions.invokeOk(runtime, spec, "{\"a\": 1}")).isEqualTo("{\"echo\": {\"a\": 1}, \"name\": \"py\", \"memory\": \"256\", "
                + "\"arn\": \"" + spec.qualifiedArn() + "\", \"left\": true, \"env\": \"AWS_Lambda_python3.9\"}");
    }

    @Test
    void handlerInAPackage_byPathOrByDots() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("pkg/__init__.py", "", "pkg/mod.py", """
                def handler(event, context):
                    return event["n"] + 1
                """));

        assertThat(ScriptFunctions.invokeOk(runtime, ScriptFunctions.python("slash", code, "pkg/mod.handler"), "{\"n\": 41}")).isEqualTo("42");
        assertThat(ScriptFunctions.invokeOk(runtime, ScriptFunctions.python("dots", code, "pkg.mod.handler"), "{\"n\": 1}")).isEqualTo("2");
    }

    @Test
    void raisedError_isTheInvocationsError_shapedAsThePythonRuntimeShapesIt() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("app.py", """
                def handler(event, context):
                    raise ValueError("bad input")
                """));
        VersionSpec spec = ScriptFunctions.python("raises", code, "app.handler");

        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            InvocationRequest invocation = request(spec, "{}", log);
            InvocationOutcome outcome = environment.invoke(invocation);

            assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error -> {
                assertThat(error.errorType()).isEqualTo("ValueError");
                assertThat(ScriptFunctions.text(error.payload())).startsWith("{\"errorMessage\": \"bad input\", \"errorType\": \"ValueError\", "
                        + "\"requestId\": \"" + invocation.requestId() + "\", \"stackTrace\": [\"  File ");
            });
            assertThat(log.text()).contains("[ERROR] ValueError: bad input");
        }
    }

    @Test
    void resultThatIsNotJson_isRuntimeMarshalError() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("app.py", """
                def handler(event, context):
                    return {1, 2}
                """));
        VersionSpec spec = ScriptFunctions.python("marshal", code, "app.handler");

        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            InvocationRequest invocation = request(spec, "{}", new RecordingLog());
            InvocationOutcome outcome = environment.invoke(invocation);

            assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error -> assertThat(
                    ScriptFunctions.text(error.payload())).isEqualTo("{\"errorMessage\": \"Unable to marshal response: Object of"
                    + " type set is not JSON serializable\", \"errorType\": \"Runtime.MarshalError\", \"requestId\": \""
                    + invocation.requestId() + "\", \"stackTrace\": []}"));
        }
    }

    @Test
    void loggingLines_carryLevelTimestampAndRequestId_andPrintIsAsIs() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("app.py", """
                import logging
                logger = logging.getLogger()
                logger.setLevel(logging.INFO)
                def handler(event, context):
                    print("printed")
                    logger.info("hello %s", "log")
                    return 1
                """));
        VersionSpec spec = ScriptFunctions.python("logs", code, "app.handler");

        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            InvocationRequest invocation = request(spec, "{}", log);
            environment.invoke(invocation);

            assertThat(log.text()).contains("printed\n").containsPattern("\\[INFO]\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\t"
                    + invocation.requestId() + "\thello log\n");
        }
    }

    @Test
    void missingModule_failsTheInit_withImportModuleError() {
        Path code = ScriptFunctions.code(dir, Map.of("other.py", "def handler(e, c):\n    return 1\n"));

        assertThatThrownBy(() -> runtime.start(ScriptFunctions.python("nomodule", code, "missing.handler"), new RecordingLog()))
                .isInstanceOfSatisfying(FunctionInitException.class, e -> {
                    assertThat(e.error().errorType()).isEqualTo("Runtime.ImportModuleError");
                    assertThat(ScriptFunctions.text(e.error().payload())).contains("Unable to import module 'missing': No module named 'missing'");
                });
    }

    @Test
    void missingFunction_failsTheInit_withHandlerNotFound() {
        Path code = ScriptFunctions.code(dir, Map.of("app.py", "def other(e, c):\n    return 1\n"));

        assertThatThrownBy(() -> runtime.start(ScriptFunctions.python("nofunction", code, "app.handler"), new RecordingLog()))
                .isInstanceOfSatisfying(FunctionInitException.class, e -> {
                    assertThat(e.error().errorType()).isEqualTo("Runtime.HandlerNotFound");
                    assertThat(ScriptFunctions.text(e.error().payload())).contains("Handler 'handler' missing on module 'app'");
                });
    }

    @Test
    void syntaxError_failsTheInit_withUserCodeSyntaxError() {
        Path code = ScriptFunctions.code(dir, Map.of("app.py", "def handler(e, c)\n    return 1\n"));

        assertThatThrownBy(() -> runtime.start(ScriptFunctions.python("syntax", code, "app.handler"), new RecordingLog()))
                .isInstanceOfSatisfying(FunctionInitException.class,
                        e -> assertThat(e.error().errorType()).isEqualTo("Runtime.UserCodeSyntaxError"));
    }

    @Test
    void pythonOlderThanTheRuntime_isRefused_namingWhatIsMissing() {
        Path python = ScriptFunctions.fakeInterpreter(dir.resolve("python3"), "Python 3.8.10");
        try (ProcessRuntime old = ProcessRuntime.create(ProcessRuntime.Settings.in(dir.resolve("work"))
                .withInterpreter(Interpreter.PYTHON, python))) {
            Path code = ScriptFunctions.code(dir, Map.of("app.py", "def handler(e, c):\n    return 1\n"));

            assertThatThrownBy(() -> old.start(ScriptFunctions.python("old", code, "app.handler"), new RecordingLog()))
                    .isInstanceOf(FunctionsException.class)
                    .hasMessage("The runtime parameter of python3.9 needs Python 3.9 or newer, and " + python
                            + " is Python 3.8: install Python 3.9 or set -Dportico.lambda.python to its executable.");
        }
    }
}
