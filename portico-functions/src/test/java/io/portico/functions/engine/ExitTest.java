package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * System.exit, Runtime.exit and Runtime.halt fail the invocation with Runtime.ExitError instead of
 * ending Portico (this test JVM surviving is part of the assertion), and the next invocation gets a
 * fresh environment, as on Lambda.
 */
class ExitTest extends RuntimeTesting {

    @ParameterizedTest
    @ValueSource(strings = {"system", "runtime", "halt", "reference"})
    void exit_failsTheInvocationWithRuntimeExitError(String how) {
        ExecutionEnvironment environment = start("example.ExitHandler");
        RecordingLog log = new RecordingLog();

        InvocationOutcome.FunctionError error = error(invoke(environment, "{\"how\":\"" + how + "\",\"status\":3}", log));

        assertThat(error.errorType()).isEqualTo("Runtime.ExitError");
        assertThat(new String(error.payload())).isEqualTo(
                "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: request-1 Error: Runtime exited with error: exit status 3\"}");
        assertThat(log.text()).contains("RequestId: request-1 Error: Runtime exited with error: exit status 3\nRuntime.ExitError\n");
    }

    @Test
    void exitZero_isReportedWithoutAReason() {
        ExecutionEnvironment environment = start("example.ExitHandler");

        InvocationOutcome.FunctionError error = error(invoke(environment, "{\"how\":\"system\",\"status\":0}"));

        assertThat(json(error.payload()).get("errorMessage").asText())
                .isEqualTo("RequestId: request-1 Error: Runtime exited without providing a reason");
    }

    @Test
    void exit_caughtAndIgnoredByTheHandler_stillFailsTheInvocation() {
        ExecutionEnvironment environment = start("example.ExitHandler");

        InvocationOutcome outcome = invoke(environment, "{\"how\":\"system\",\"status\":1,\"swallow\":true}");

        assertThat(error(outcome).errorType()).isEqualTo("Runtime.ExitError");
    }

    @Test
    void exitDuringInit_failsInitWithRuntimeExitError() {
        RecordingLog initLog = new RecordingLog();

        FunctionInitException failure = initFailure("example.ExitDuringInitHandler", initLog);

        assertThat(failure.error().errorType()).isEqualTo("Runtime.ExitError");
        assertThat(new String(failure.error().payload())).isEqualTo(
                "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"Error: Runtime exited with error: exit status 2\"}");
        assertThat(initLog.text()).contains("giving up\n", "Error: Runtime exited with error: exit status 2\nRuntime.ExitError\n");
    }

    @Test
    void afterAnExit_theNextInvocationStartsAFreshEnvironment() {
        ExecutionEnvironment environment = start("example.ExitHandler");
        assertThat(response(invoke(environment, "{\"count\":true}"))).isEqualTo("\"invocations 1\"");
        assertThat(response(invoke(environment, "{\"count\":true}"))).isEqualTo("\"invocations 2\"");

        invoke(environment, "{\"how\":\"system\",\"status\":1}");

        // Statics start over: the exited runtime's class loader is gone.
        assertThat(response(invoke(environment, "{\"count\":true}"))).isEqualTo("\"invocations 1\"");
    }
}
