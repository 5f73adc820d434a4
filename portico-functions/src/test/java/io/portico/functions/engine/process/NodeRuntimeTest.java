package io.portico.functions.engine.process;

import static io.portico.functions.engine.process.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.InvocationOutcome;
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
 * Node.js functions in the process runtime, on the machine's {@code node} (Node.js 18 or newer, which
 * {@code nodejs18.x} accepts): handler styles and module kinds, Lambda's error payloads, the log format,
 * and the version rule on a stand-in {@code node} that only says its version.
 */
class NodeRuntimeTest {
    private static ProcessRuntime runtime;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Prerequisites.fromEnvironment().require(ScriptFunctions.onPath("node"),
                "Node.js 18 or newer as node on the PATH (apt-get install nodejs; .ci/run installs it)");
        runtime = ProcessRuntime.create();
    }

    @AfterAll
    static void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void supports_lambdasNodeRuntimes() {
        assertThat(runtime.supports("nodejs18.x")).isTrue();
        assertThat(runtime.supports("nodejs20.x")).isTrue();
        assertThat(runtime.supports("nodejs22.x")).isTrue();
        assertThat(runtime.supports("nodejs")).isFalse();
    }

    @Test
    void commonJsAsyncHandler_answersItsResult_andGetsTheContext() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("index.js", """
                exports.handler = async (event, context) => ({
                  echo: event, name: context.functionName, version: context.functionVersion,
                  memory: context.memoryLimitInMB, arn: context.invokedFunctionArn,
                  id: context.awsRequestId, left: context.getRemainingTimeInMillis() > 0,
                  env: process.env.AWS_EXECUTION_ENV, handler: process.env._HANDLER,
                });
                """));
        VersionSpec spec = ScriptFunctions.node("cjs", code, "index.handler");

        String answer = ScriptFunctions.invokeOk(runtime, spec, "{\"a\":1}");

        assertThat(answer).startsWith("{\"echo\":{\"a\":1},\"name\":\"cjs\",\"version\":\"$LATEST\",\"memory\":\"256\","
                + "\"arn\":\"" + spec.qualifiedArn() + "\",\"id\":\"")
                .endsWith("\",\"left\":true,\"env\":\"AWS_Lambda_nodejs18.x\",\"handler\":\"index.handler\"}");
    }

    @Test
    void esModule_withTopLevelAwait_inASubdirectory_withANestedExport() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("src/app.mjs", """
                const greeting = await Promise.resolve("hello");
                export const api = { v1: { handler: async (event) => `${greeting} ${event.name}` } };
                """));

        assertThat(ScriptFunctions.invokeOk(runtime, ScriptFunctions.node("esm", code, "src/app.api.v1.handler"), "{\"name\":\"bff\"}"))
                .isEqualTo("\"hello bff\"");
    }

    @Test
    void dotJs_isAnEsModule_whenPackageJsonSaysSo() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("package.json", "{\"type\":\"module\"}",
                "index.js", "export const handler = async () => import.meta.url.startsWith('file:');\n"));

        assertThat(ScriptFunctions.invokeOk(runtime, ScriptFunctions.node("typemodule", code, "index.handler"), "{}")).isEqualTo("true");
    }

    @Test
    void callbackHandler_answersWhatItPassesTheCallback() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("index.js", """
                exports.handler = (event, context, callback) => { setTimeout(() => callback(null, {n: event.n + 1}), 5); };
                """));

        assertThat(ScriptFunctions.invokeOk(runtime, ScriptFunctions.node("callback", code, "index.handler"), "{\"n\":41}")).isEqualTo("{\"n\":42}");
    }

    @Test
    void thrownError_isTheInvocationsError_shapedAsTheNodeRuntimeShapesIt() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("index.js", """
                exports.handler = async () => { throw new TypeError("bad input"); };
                """));
        VersionSpec spec = ScriptFunctions.node("throws", code, "index.handler");

        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            InvocationOutcome outcome = environment.invoke(request(spec, "{}", log));

            assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error -> {
                assertThat(error.errorType()).isEqualTo("TypeError");
                assertThat(ScriptFunctions.text(error.payload())).startsWith("{\"errorType\":\"TypeError\",\"errorMessage\":\"bad input\","
                        + "\"trace\":[\"TypeError: bad input\",\"    at ");
            });
            assertThat(log.text()).contains("\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\",\"errorMessage\":\"bad input\"");
        }
    }

    @Test
    void consoleLines_carryTimestampRequestIdAndLevel() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("index.js", """
                exports.handler = async () => { console.log("hello %s", "log"); console.warn("careful"); return 1; };
                """));
        VersionSpec spec = ScriptFunctions.node("logs", code, "index.handler");

        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            var invocation = request(spec, "{}", log);
            environment.invoke(invocation);

            assertThat(log.text()).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\t"
                    + invocation.requestId() + "\tINFO\thello log\n")
                    .containsPattern("Z\t" + invocation.requestId() + "\tWARN\tcareful\n");
        }
    }

    @Test
    void handlerThatOutgrowsItsMemory_endsItsWorker_withRuntimeExitError() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("index.js", """
                const kept = [];
                exports.handler = async () => { for (;;) { kept.push(new Array(100000).fill(kept.length)); } };
                """));
        VersionSpec spec = Functions.spec("hog", "nodejs18.x", "index.handler", code, Map.of(), 30); // 256 MB

        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            InvocationOutcome outcome = environment.invoke(request(spec, "{}", log));

            // node's old space is capped at 90 % of the memory: V8 aborts before the machine runs short
            assertThat(outcome).as(log.text()).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error -> {
                assertThat(error.errorType()).isEqualTo("Runtime.ExitError");
                assertThat(ScriptFunctions.text(error.payload())).endsWith("Error: Runtime exited with error: signal: aborted\"}");
            });
            assertThat(log.text()).contains("JavaScript heap out of memory");
        }
    }

    @Test
    void missingModule_failsTheInit_withImportModuleError() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("other.js", "exports.handler = async () => 1;\n"));

        assertThatThrownBy(() -> runtime.start(ScriptFunctions.node("nomodule", code, "index.handler"), new RecordingLog()))
                .isInstanceOfSatisfying(FunctionInitException.class, e -> {
                    assertThat(e.error().errorType()).isEqualTo("Runtime.ImportModuleError");
                    assertThat(ScriptFunctions.text(e.error().payload())).contains("\"errorType\":\"Runtime.ImportModuleError\"")
                            .contains("Cannot find module 'index'");
                });
    }

    @Test
    void missingExport_failsTheInit_withHandlerNotFound() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("index.js", "exports.other = async () => 1;\n"));

        assertThatThrownBy(() -> runtime.start(ScriptFunctions.node("noexport", code, "index.handler"), new RecordingLog()))
                .isInstanceOfSatisfying(FunctionInitException.class, e -> {
                    assertThat(e.error().errorType()).isEqualTo("Runtime.HandlerNotFound");
                    assertThat(ScriptFunctions.text(e.error().payload())).contains("index.handler is undefined or not exported");
                });
    }

    @Test
    void syntaxError_failsTheInit_withUserCodeSyntaxError() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("index.js", "exports.handler = async () => { return 1;\n"));

        assertThatThrownBy(() -> runtime.start(ScriptFunctions.node("syntax", code, "index.handler"), new RecordingLog()))
                .isInstanceOfSatisfying(FunctionInitException.class,
                        e -> assertThat(e.error().errorType()).isEqualTo("Runtime.UserCodeSyntaxError"));
    }

    @Test
    void handlerWithoutADot_failsTheInit_withMalformedHandlerName() throws Exception {
        Path code = ScriptFunctions.code(dir, Map.of("index.js", "exports.handler = async () => 1;\n"));

        assertThatThrownBy(() -> runtime.start(ScriptFunctions.node("malformed", code, "index"), new RecordingLog()))
                .isInstanceOfSatisfying(FunctionInitException.class,
                        e -> assertThat(e.error().errorType()).isEqualTo("Runtime.MalformedHandlerName"));
    }

    @Test
    void nodeOlderThanTheRuntime_isRefused_namingWhatIsMissing() throws Exception {
        try (ProcessRuntime old = ProcessRuntime.create(ProcessRuntime.Settings.in(dir.resolve("work"))
                .withInterpreter(Interpreter.NODE, ScriptFunctions.fakeInterpreter(dir.resolve("node"), "v16.20.2")))) {
            Path code = ScriptFunctions.code(dir, Map.of("index.js", "exports.handler = async () => 1;\n"));

            assertThatThrownBy(() -> old.start(ScriptFunctions.node("old", code, "index.handler"), new RecordingLog()))
                    .isInstanceOfSatisfying(FunctionsException.class, e -> assertThat(e.kind())
                            .isEqualTo(FunctionsException.Kind.INVALID_PARAMETER))
                    .hasMessage("The runtime parameter of nodejs18.x needs Node.js 18 or newer, and " + dir.resolve("node")
                            + " is Node.js 16: install Node.js 18 or set -Dportico.lambda.node to its executable.");
        }
    }

    @Test
    void noNodeAtTheConfiguredPath_isRefused_namingWhatIsMissing() throws Exception {
        Path missing = dir.resolve("nowhere").resolve("node");
        try (ProcessRuntime none = ProcessRuntime.create(ProcessRuntime.Settings.in(dir.resolve("work"))
                .withInterpreter(Interpreter.NODE, missing))) {
            Path code = ScriptFunctions.code(dir, Map.of("index.js", "exports.handler = async () => 1;\n"));

            assertThatThrownBy(() -> none.start(ScriptFunctions.node("none", code, "index.handler"), new RecordingLog()))
                    .isInstanceOf(FunctionsException.class)
                    .hasMessage("The runtime parameter of nodejs18.x needs Node.js 18 on Portico's machine, and there is"
                            + " no node at " + missing + ": install Node.js 18 or set -Dportico.lambda.node to its executable.");
        }
    }
}
