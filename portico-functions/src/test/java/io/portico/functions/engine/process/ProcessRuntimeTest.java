package io.portico.functions.engine.process;

import static io.portico.functions.engine.process.Functions.provided;
import static io.portico.functions.engine.process.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.InvocationRequest;
import io.portico.functions.engine.RecordingLog;
import io.portico.functions.engine.VersionSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runtime with a bash bootstrap: init, warm invocations, errors, exits and logs. */
class ProcessRuntimeTest extends BootstrapTesting {

    @Test
    void supports_providedFamilyAndJava_notRuby() {
        assertThat(runtime.supports("provided.al2023")).isTrue();
        assertThat(runtime.supports("provided.al2")).isTrue();
        assertThat(runtime.supports("provided")).isTrue();
        assertThat(runtime.supports("java21")).isTrue();
        assertThat(runtime.supports("ruby3.3")).isFalse();
    }

    @Test
    void start_returnsOnceTheBootstrapAsksForAnEvent_withInitOutputInTheInitLog() throws Exception {
        RecordingLog initLog = new RecordingLog();
        try (ExecutionEnvironment environment = runtime.start(provided("echo", code, "echo"), initLog)) {
            assertThat(initLog.text()).contains("init stdout echo\n").contains("init stderr echo\n");
            assertThat(environment.initDurationMillis()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void invoke_returnsTheResponse() throws Exception {
        VersionSpec spec = provided("echo", code, "echo");
        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            InvocationOutcome outcome = environment.invoke(request(spec, "{\"hello\":\"world\"}", new RecordingLog()));
            assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.Success.class,
                    success -> assertThat(text(success.payload())).isEqualTo("{\"hello\":\"world\"}"));
        }
    }

    @Test
    void lambdasTutorialRuntime_runsUnchanged(@TempDir Path dir) throws Exception {
        Path tutorial = Functions.tutorial(dir);
        VersionSpec spec = Functions.provided("tutorial", tutorial, Map.of(), 30);
        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            InvocationOutcome outcome = environment.invoke(request(spec, "{\"key1\":\"value1\"}", log));
            assertThat(text(((InvocationOutcome.Success) outcome).payload()))
                    .isEqualTo("Echoing request: '{\"key1\":\"value1\"}'");
            // the handler's stderr, then curl's progress meter and the Runtime API's answer, as in the tutorial's logs
            assertThat(log.text()).startsWith("{\"key1\":\"value1\"}\n").contains("% Total").endsWith("{\"status\":\"OK\"}\n");
        }
    }

    @Test
    void invoke_reusesTheWarmProcess() throws Exception {
        VersionSpec spec = provided("echo", code, "echo");
        try (ProcessEnvironment environment = (ProcessEnvironment) runtime.start(spec, new RecordingLog())) {
            long pid = environment.pid();
            RecordingLog first = new RecordingLog();
            RecordingLog second = new RecordingLog();
            environment.invoke(request(spec, "1", first));
            InvocationOutcome outcome = environment.invoke(request(spec, "2", second));
            assertThat(environment.pid()).isEqualTo(pid);
            assertThat(text(((InvocationOutcome.Success) outcome).payload())).isEqualTo("2");
            assertThat(first.text() + second.text()).doesNotContain("init stdout");
        }
    }

    @Test
    void invoke_routesEachInvocationsOutputToItsOwnLog() throws Exception {
        VersionSpec spec = provided("logs", code, "logs");
        RecordingLog initLog = new RecordingLog();
        try (ExecutionEnvironment environment = runtime.start(spec, initLog)) {
            RecordingLog first = new RecordingLog();
            RecordingLog second = new RecordingLog();
            InvocationRequest one = request(spec, "{}", first);
            InvocationRequest two = request(spec, "{}", second);
            environment.invoke(one);
            environment.invoke(two);
            assertThat(first.text()).isEqualTo("handling " + one.requestId() + "\nstdout line of " + one.requestId()
                    + "\nstderr line of " + one.requestId() + "\n");
            assertThat(second.text()).contains("stderr line of " + two.requestId()).doesNotContain(one.requestId());
            assertThat(initLog.text()).isEqualTo("init stdout logs\ninit stderr logs\n");
        }
    }

    @Test
    void invoke_functionError_passesTheDocumentOn() throws Exception {
        VersionSpec spec = provided("error", code, "error");
        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            InvocationOutcome outcome = environment.invoke(request(spec, "{}", new RecordingLog()));
            assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error -> {
                assertThat(error.errorType()).isEqualTo("MyError");
                assertThat(text(error.payload()))
                        .isEqualTo("{\"errorMessage\":\"failed on purpose\",\"errorType\":\"MyError\",\"stackTrace\":[\"at line 1\"]}");
            });
            assertThat(environment.invoke(request(spec, "{}", new RecordingLog())))
                    .isInstanceOf(InvocationOutcome.FunctionError.class);
        }
    }

    @Test
    void start_initError_failsWithThePostedDocument() {
        RecordingLog initLog = new RecordingLog();
        assertThatThrownBy(() -> runtime.start(provided("init-error", code, "init-error"), initLog))
                .isInstanceOfSatisfying(FunctionInitException.class, e -> {
                    assertThat(e.error().errorType()).isEqualTo("InitFailed");
                    assertThat(text(e.error().payload()))
                            .isEqualTo("{\"errorMessage\":\"cannot start\",\"errorType\":\"InitFailed\",\"stackTrace\":[]}");
                    assertThat(e.getMessage()).isEqualTo("cannot start");
                });
        assertThat(initLog.text()).contains("init stdout init-error");
    }

    @Test
    void start_exitBeforeAskingForAnEvent_failsWithExitError() {
        assertThatThrownBy(() -> runtime.start(provided("exit-early", code, "exit-early"), new RecordingLog()))
                .isInstanceOfSatisfying(FunctionInitException.class, e -> {
                    assertThat(e.error().errorType()).isEqualTo("Runtime.ExitError");
                    assertThat(text(e.error().payload())).isEqualTo("{\"errorType\":\"Runtime.ExitError\","
                            + "\"errorMessage\":\"Error: Runtime exited with error: exit status 7\"}");
                    assertThat(e.getMessage()).isEqualTo("Runtime exited with error: exit status 7");
                });
    }

    @Test
    void invoke_exitInTheMiddle_isExitError_andTheNextInvocationStartsAFreshProcess() throws Exception {
        VersionSpec spec = provided("exit-mid", code, "exit-mid");
        try (ProcessEnvironment environment = (ProcessEnvironment) runtime.start(spec, new RecordingLog())) {
            long pid = environment.pid();
            RecordingLog log = new RecordingLog();
            InvocationRequest request = request(spec, "{}", log);
            InvocationOutcome outcome = environment.invoke(request);
            String message = "RequestId: " + request.requestId() + " Error: Runtime exited with error: exit status 3";
            assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error -> {
                assertThat(error.errorType()).isEqualTo("Runtime.ExitError");
                assertThat(text(error.payload()))
                        .isEqualTo("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"" + message + "\"}");
            });
            assertThat(log.text()).isEqualTo("handling " + request.requestId() + "\nexiting in the middle of "
                    + request.requestId() + "\n" + message + "\nRuntime.ExitError\n");

            RecordingLog next = new RecordingLog();
            assertThat(environment.invoke(request(spec, "{}", next))).isInstanceOf(InvocationOutcome.FunctionError.class);
            assertThat(environment.pid()).isNotEqualTo(pid);
            assertThat(next.text()).startsWith("init stdout exit-mid\n");
        }
    }

    @Test
    void invoke_responseOverTheLimit_isResponseSizeTooLarge_andTheWorkerServesOn() throws Exception {
        VersionSpec spec = provided("big", code, "big");
        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            InvocationOutcome outcome = environment.invoke(request(spec, "{}", new RecordingLog()));
            assertThat(outcome).isInstanceOfSatisfying(InvocationOutcome.FunctionError.class, error -> {
                assertThat(error.errorType()).isEqualTo("Function.ResponseSizeTooLarge");
                assertThat(text(error.payload())).isEqualTo("{\"errorType\":\"Function.ResponseSizeTooLarge\","
                        + "\"errorMessage\":\"Response payload size (7000000 bytes) exceeded maximum allowed payload"
                        + " size (6291556 bytes).\"}");
            });
            assertThat(environment.invoke(request(spec, "{}", new RecordingLog())))
                    .isInstanceOf(InvocationOutcome.FunctionError.class);
        }
    }

    @Test
    void start_withoutBootstrap_isInvalidEntrypoint(@TempDir Path empty) {
        assertThatThrownBy(() -> runtime.start(provided("none", empty, "echo"), new RecordingLog()))
                .isInstanceOfSatisfying(FunctionInitException.class, e -> {
                    assertThat(e.error().errorType()).isEqualTo("Runtime.InvalidEntrypoint");
                    assertThat(e.getMessage()).isEqualTo("Couldn't find valid bootstrap(s): ["
                            + empty.resolve("bootstrap").toAbsolutePath() + "]");
                });
    }

    @Test
    void start_nonExecutableBootstrap_isInvalidEntrypoint(@TempDir Path dir) throws Exception {
        Path bootstrap = dir.resolve("bootstrap");
        java.nio.file.Files.writeString(bootstrap, "#!/bin/sh\n");
        assertThatThrownBy(() -> runtime.start(provided("plain", dir, "echo"), new RecordingLog()))
                .isInstanceOfSatisfying(FunctionInitException.class, e -> {
                    assertThat(e.error().errorType()).isEqualTo("Runtime.InvalidEntrypoint");
                    assertThat(text(e.error().payload())).isEqualTo("{\"errorType\":\"Runtime.InvalidEntrypoint\","
                            + "\"errorMessage\":\"Error: fork/exec " + bootstrap.toAbsolutePath() + ": permission denied\"}");
                });
    }

    @Test
    void start_initLongerThanAllowed_isSandboxTimedout(@TempDir Path work) {
        try (ProcessRuntime strict = ProcessRuntime.create(ProcessRuntime.Settings.in(work).withInitGrace(java.time.Duration.ZERO))) {
            assertThatThrownBy(() -> strict.start(provided("hang", code, Map.of("MODE", "hang-init"), 1), new RecordingLog()))
                    .isInstanceOfSatisfying(FunctionInitException.class, e -> {
                        assertThat(e.error().errorType()).isEqualTo("Sandbox.Timedout");
                        assertThat(text(e.error().payload())).isEqualTo("{\"errorType\":\"Sandbox.Timedout\","
                                + "\"errorMessage\":\"Error: Task timed out after 1.00 seconds\"}");
                    });
            assertThat(strict.environmentCount()).isZero();
        }
    }

    @Test
    void close_forgetsTheEnvironment() throws Exception {
        int before = runtime.environmentCount();
        ExecutionEnvironment environment = runtime.start(provided("echo", code, "echo"), new RecordingLog());
        assertThat(runtime.environmentCount()).isEqualTo(before + 1);
        environment.close();
        environment.close();
        assertThat(runtime.environmentCount()).isEqualTo(before);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
