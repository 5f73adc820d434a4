package io.portico.states.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.protocol.InProcessCalls;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.Caller;
import io.portico.core.service.ServiceApi;
import io.portico.core.store.Store;
import io.portico.states.engine.EngineTimers;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.TaskResources;
import io.portico.states.store.StatesStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TestState's wire shapes: request decoding, the inspection levels and AWS's validation errors. TestState
 * never touches the store, so the engine runs over a store that fails any call.
 */
class TestStateOperationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Store NO_STORE = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(),
            new Class<?>[] {Store.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException("TestState must not use the store: " + method.getName());
            });
    private final InProcessCalls services = InProcessCalls.over(List.of(StatesApi.create(
            StepFunctions.create(StatesStores.over(NO_STORE, Clock.systemUTC()), EngineTimers.kit(), TaskResources.NONE))));

    @Test
    void testState_infoLevel_returnsStatusOutputAndNextStateOnly() {
        JsonNode out = call("""
                {"definition": "{\\"Type\\":\\"Pass\\",\\"QueryLanguage\\":\\"JSONata\\",\\"Output\\":\\"{% $states.input.a %}\\",\\"Next\\":\\"B\\"}",
                 "input": "{\\"a\\": [1, 2]}"}
                """);

        assertThat(out.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.path("output").asText()).isEqualTo("[1,2]");
        assertThat(out.path("nextState").asText()).isEqualTo("B");
        assertThat(out.has("inspectionData")).isFalse();
    }

    @Test
    void testState_debugLevel_addsInspectionDataAsJsonStrings() {
        JsonNode out = call("""
                {"definition": "{\\"Type\\":\\"Task\\",\\"QueryLanguage\\":\\"JSONata\\",\\"Resource\\":\\"arn:aws:states:::lambda:invoke\\",\\"Arguments\\":{\\"x\\":1},\\"Assign\\":{\\"seen\\":true},\\"End\\":true,\\"Retry\\":[{\\"ErrorEquals\\":[\\"Busy\\"],\\"IntervalSeconds\\":3}]}",
                 "inspectionLevel": "DEBUG",
                 "mock": {"errorOutput": {"error": "Busy", "cause": "later"}},
                 "stateConfiguration": {"retrierRetryCount": 1}}
                """);

        assertThat(out.path("status").asText()).isEqualTo("RETRIABLE");
        assertThat(out.path("error").asText()).isEqualTo("Busy");
        assertThat(out.path("cause").asText()).isEqualTo("later");
        JsonNode data = out.path("inspectionData");
        assertThat(data.path("input").asText()).isEqualTo("{}");
        assertThat(data.path("afterArguments").asText()).isEqualTo("{\"x\":1}");
        assertThat(data.path("errorDetails").path("retryIndex").asInt()).isZero();
        assertThat(data.path("errorDetails").path("retryBackoffIntervalSeconds").asInt()).isEqualTo(6);
    }

    @Test
    void testState_mockWithResultAndErrorOutput_isValidationException() {
        assertThatThrownBy(() -> call("""
                {"definition": "{\\"Type\\":\\"Task\\",\\"Resource\\":\\"arn:aws:states:::lambda:invoke\\",\\"End\\":true}",
                 "mock": {"result": "{}", "errorOutput": {"error": "E"}}}
                """)).isInstanceOfSatisfying(AwsErrorException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("ValidationException");
                    assertThat(e.error().message())
                            .contains("A test mock should have only one of the following fields: [result, errorOutput].");
                });
    }

    /** AWS's words, without a full stop (test_test_state_mock_scenarios, mock_is_not_json_string). */
    @Test
    void testState_mockResultNotJson_isValidationException_inAwsWords() {
        assertThatThrownBy(() -> call("""
                {"definition": "{\\"Type\\":\\"Task\\",\\"Resource\\":\\"arn:aws:states:::lambda:invoke\\",\\"End\\":true}",
                 "mock": {"result": "not json"}}
                """)).isInstanceOfSatisfying(AwsErrorException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("ValidationException");
                    assertThat(e.error().message()).hasValue("Mocked result must be valid JSON");
                });
    }

    @Test
    void testState_badInspectionLevel_isValidationException() {
        assertThatThrownBy(() -> call("""
                {"definition": "{\\"Type\\":\\"Succeed\\"}", "inspectionLevel": "LOUD"}
                """)).isInstanceOfSatisfying(AwsErrorException.class,
                e -> assertThat(e.error().code()).isEqualTo("ValidationException"));
    }

    @Test
    void testState_invalidInput_isInvalidExecutionInput() {
        assertThatThrownBy(() -> call("""
                {"definition": "{\\"Type\\":\\"Succeed\\"}", "input": "{oops"}
                """)).isInstanceOfSatisfying(AwsErrorException.class,
                e -> assertThat(e.error().code()).isEqualTo("InvalidExecutionInput"));
    }

    private JsonNode call(String body) {
        try {
            return services.call(Caller.of("000000000000", "us-east-1"), "states", "TestState",
                    (ObjectNode) JSON.readTree(body));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
