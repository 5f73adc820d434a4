package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Handlers that cannot start fail init with Lambda's error documents and messages. */
class InitErrorsTest extends RuntimeTesting {

    private static String payload(FunctionInitException failure) {
        return new String(failure.error().payload(), StandardCharsets.UTF_8);
    }

    @Test
    void missingClass_isClassNotFound() {
        RecordingLog initLog = new RecordingLog();

        FunctionInitException failure = initFailure("example.Missing", initLog);

        assertThat(payload(failure)).isEqualTo(
                "{\"errorMessage\":\"Class not found: example.Missing\",\"errorType\":\"java.lang.ClassNotFoundException\"}");
        assertThat(failure.error().errorType()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(failure.getMessage()).isEqualTo("Class not found: example.Missing");
        assertThat(initLog.text()).startsWith("Class not found: example.Missing: java.lang.ClassNotFoundException\n");
    }

    @Test
    void porticosOwnClasses_areNotVisibleToFunctions() {
        FunctionInitException failure = initFailure("io.portico.functions.engine.JavaRuntime", new RecordingLog());

        assertThat(failure.error().errorType()).isEqualTo("java.lang.ClassNotFoundException");
    }

    @Test
    void malformedHandlerStrings_areInvalidHandlers() {
        assertThat(payload(initFailure("example.EchoHandler::", new RecordingLog())))
                .isEqualTo("{\"errorMessage\":\"Invalid handler: `example.EchoHandler::'\"}");
        FunctionInitException noClass = initFailure("::handleRequest", new RecordingLog());
        assertThat(payload(noClass)).isEqualTo("{\"errorMessage\":\"Invalid handler: `::handleRequest'\"}");
        assertThat(noClass.error().errorType()).isEqualTo("Runtime.BadFunctionCode");
    }

    @Test
    void missingMethod_isReportedWithLambdasMessage() {
        assertThat(payload(initFailure("example.EchoHandler::nope", new RecordingLog()))).isEqualTo(
                "{\"errorMessage\":\"No public method named nope with appropriate method signature found on class example.EchoHandler\"}");
    }

    @Test
    void classImplementingNoHandlerInterface_isRejected() {
        assertThat(payload(initFailure("example.NotAHandler", new RecordingLog()))).isEqualTo(
                "{\"errorMessage\":\"Class does not implement an appropriate handler interface: example.NotAHandler\"}");
    }

    @Test
    void throwingStaticInitialiser_failsInit() {
        RecordingLog initLog = new RecordingLog();

        FunctionInitException failure = initFailure("example.StaticInitFailureHandler", initLog);

        assertThat(payload(failure)).isEqualTo("{\"errorMessage\":\"Error loading class example.StaticInitFailureHandler\","
                + "\"errorType\":\"java.lang.ExceptionInInitializerError\"}");
        assertThat(initLog.text()).contains("Caused by: java.lang.IllegalStateException: configuration missing",
                "at example.StaticInitFailureHandler.loadConfig(StaticInitFailureHandler.java:");
        assertThat(initLog.text()).doesNotContain("io.portico.");
    }

    @Test
    void throwingConstructor_failsInitWithItsException() {
        assertThat(payload(initFailure("example.ConstructorFailureHandler", new RecordingLog())))
                .isEqualTo("{\"errorMessage\":\"no connection\",\"errorType\":\"java.lang.IllegalArgumentException\"}");
    }
}
