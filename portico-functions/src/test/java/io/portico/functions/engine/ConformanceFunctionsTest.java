package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Step Functions conformance corpus' functions (conformance/asl/README.md, Functions), as the
 * Java fixtures implement them: same responses, same errorTypes.
 */
class ConformanceFunctionsTest extends RuntimeTesting {

    @ParameterizedTest
    @ValueSource(strings = {"true", "0.0", "[]", "{}", "\"text\"", "{\"input_value\":\"string literal\",\"input_values\":[1,2,3]}"})
    void echo_returnsAnyJsonValueAsSent(String event) {
        assertThat(response(invoke(start("example.conformance.Echo"), event))).isEqualTo(event);
    }

    @Test
    void hello_returnsTheConstant() {
        assertThat(json(response(invoke(start("example.conformance.HelloConstant"), "{}"))))
                .isEqualTo(json("{\"Return\":\"HelloWorld\"}"));
    }

    @Test
    void bytesStr_returnsTheRawPayload() {
        assertThat(response(invoke(start("example.conformance.ConstantPayload"), "{}"))).isEqualTo("\"HelloWorld!\"");
    }

    @Test
    void decorated_formatsTheEventLikePythonsStr() {
        ExecutionEnvironment decorated = start("example.conformance.PythonFormat");

        assertThat(response(invoke(decorated, "{\"a\": 1, \"b\": [\"x\", null, true, 1.5]}")))
                .isEqualTo("\"input-event-{'a': 1, 'b': ['x', None, True, 1.5]}\"");
        assertThat(response(invoke(decorated, "\"plain\""))).isEqualTo("\"input-event-plain\"");
    }

    @Test
    void largeOutput_returns263168As() {
        String response = response(invoke(start("example.conformance.LargeOutput"), "{}"));

        assertThat(response).hasSize(263168 + 2).startsWith("\"aaa").endsWith("aaa\"");
        assertThat(response.chars().filter(c -> c == 'a').count()).isEqualTo(263168);
    }

    @Test
    void raiseException_failsWithErrorTypeException() {
        InvocationOutcome.FunctionError error = error(invoke(start("Raise::exception"), "{}"));
        JsonNode document = json(error.payload());

        assertThat(error.errorType()).isEqualTo("Exception");
        assertThat(document.get("errorType").asText()).isEqualTo("Exception");
        assertThat(document.get("errorMessage").asText()).isEqualTo("Some exception was raised.");
    }

    @Test
    void raiseCustom_failsWithErrorTypeCustomException_andAnEmptyMessage() {
        InvocationOutcome.FunctionError error = error(invoke(start("Raise::custom"), "null"));

        assertThat(error.errorType()).isEqualTo("CustomException");
        assertThat(new String(error.payload(), StandardCharsets.UTF_8))
                .startsWith("{\"errorMessage\":\"\",\"errorType\":\"CustomException\",\"stackTrace\":[\"Raise.custom(Raise.java:");
    }
}
