package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exceptions from handlers become Lambda's error document: message, type, stack trace, cause. */
class ErrorPayloadTest extends RuntimeTesting {

    private static List<String> frames(JsonNode document) {
        List<String> frames = new ArrayList<>();
        document.get("stackTrace").forEach(frame -> frames.add(frame.asText()));
        return frames;
    }

    @Test
    void handlerException_becomesTheErrorDocument_withItsCauses() {
        ExecutionEnvironment throwing = start("example.ThrowingHandler");
        RecordingLog log = new RecordingLog();

        InvocationOutcome.FunctionError error = error(invoke(throwing, "{\"reason\":\"disk\"}", log));
        JsonNode document = json(error.payload());

        assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(document.fieldNames()).toIterable().containsExactly("errorMessage", "errorType", "stackTrace", "cause");
        assertThat(document.get("errorMessage").asText()).isEqualTo("handler failed: disk");
        assertThat(document.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(frames(document)).first().asString().matches("example\\.ThrowingHandler\\.handleRequest\\(ThrowingHandler\\.java:\\d+\\)");
        assertThat(frames(document)).noneMatch(frame -> frame.contains("io.portico"));
        JsonNode cause = document.get("cause");
        assertThat(cause.get("errorType").asText()).isEqualTo("java.io.UncheckedIOException");
        assertThat(cause.get("errorMessage").asText()).isEqualTo("java.io.IOException: disk unreadable");
        assertThat(frames(cause)).first().asString().startsWith("example.ThrowingHandler.readDisk(ThrowingHandler.java:");
        assertThat(cause.get("cause").get("errorType").asText()).isEqualTo("java.io.IOException");
        assertThat(cause.get("cause").has("cause")).isFalse();
        assertThat(log.text()).startsWith("handler failed: disk: java.lang.IllegalStateException\njava.lang.IllegalStateException: handler failed: disk\n");
    }

    @Test
    void pojoMethodException_keepsTheReflectionFrames_butNoPorticoFrames() {
        ExecutionEnvironment raise = start("Raise::exception");

        JsonNode document = json(error(invoke(raise, "{}")).payload());

        assertThat(frames(document)).first().asString().startsWith("Raise.exception(Raise.java:");
        assertThat(frames(document)).anyMatch(frame -> frame.startsWith("java.base/java.lang.reflect.Method.invoke("));
        assertThat(frames(document)).noneMatch(frame -> frame.contains("io.portico"));
    }

    @Test
    void payloadOfTheWrongShape_failsWithLambdasJsonParsingError() {
        ExecutionEnvironment echo = start("example.EchoHandler");

        InvocationOutcome.FunctionError error = error(invoke(echo, "[1,2]"));
        JsonNode document = json(error.payload());

        assertThat(error.errorType()).isEqualTo("java.lang.RuntimeException");
        assertThat(document.get("errorMessage").asText()).isEqualTo("An error occurred during JSON parsing");
        assertThat(document.get("stackTrace")).isEmpty();
        assertThat(document.get("cause").get("errorType").asText()).isNotBlank();
        assertThat(frames(document.get("cause"))).noneMatch(frame -> frame.contains("io.portico"));
    }

    @Test
    void invalidJson_failsWithLambdasJsonParsingError() {
        ExecutionEnvironment echo = start("example.EchoHandler");

        JsonNode document = json(error(invoke(echo, "{not json")).payload());

        assertThat(document.get("errorMessage").asText()).isEqualTo("An error occurred during JSON parsing");
    }

    @Test
    void environment_keepsServingAfterAHandlerError() {
        ExecutionEnvironment throwing = start("example.ThrowingHandler");

        error(invoke(throwing, "{\"reason\":\"one\"}"));
        InvocationOutcome.FunctionError second = error(invoke(throwing, "{\"reason\":\"two\"}"));

        assertThat(json(second.payload()).get("errorMessage").asText()).isEqualTo("handler failed: two");
    }
}
