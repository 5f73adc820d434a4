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
import io.portico.states.engine.EngineTimers;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.TaskResources;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DescribeMapRun, ListMapRuns, UpdateMapRun and ListExecutions by mapRunArn over a stored engine. */
class MapRunOperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFINITION = """
            {"QueryLanguage": "JSONata", "StartAt": "Fanout", "States": {
              "Fanout": {"Type": "Map", "Label": "Each", "Items": "{% $states.input.items %}", "MaxConcurrency": 2,
                "ToleratedFailureCount": 1,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "Check", "States": {
                    "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input = 2 %}", "Next": "Boom"}],
                      "Default": "Ok"},
                    "Boom": {"Type": "Fail", "Error": "Boom", "Cause": "two"},
                    "Ok": {"Type": "Pass", "Output": "{% $states.input * 10 %}", "End": true}}},
                "End": true}}}""";

    private SqliteStore store;

    @TempDir
    Path dataDir;
    private StepFunctions engine;
    private ServiceApi service;
    private InProcessCalls services;

    @BeforeEach
    void start() {
        store = SqliteStore.open(dataDir);
        engine = StepFunctions.create(StatesStores.over(store, Clock.systemUTC()), EngineTimers.kit(), TaskResources.NONE);
        service = StatesApi.create(engine);
        services = InProcessCalls.over(List.of(service));
        service.start();
    }

    @AfterEach
    void stop() {
        service.close();
        store.close();
    }

    @Test
    void mapRun_isDescribedListedAndItsChildrenAreExecutions() throws Exception {
        String executionArn = runToEnd("{\"items\": [1, 2, 3]}");

        JsonNode execution = call("DescribeExecution", "{\"executionArn\": \"" + executionArn + "\"}");
        assertThat(execution.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(execution.path("output").asText()).startsWith("[10,{");

        JsonNode runs = call("ListMapRuns", "{\"executionArn\": \"" + executionArn + "\"}").path("mapRuns");
        assertThat(runs).hasSize(1);
        String mapRunArn = runs.get(0).path("mapRunArn").asText();
        assertThat(mapRunArn).startsWith("arn:aws:states:us-east-1:000000000000:mapRun:orders/Each:");
        assertThat(runs.get(0).path("stateMachineArn").asText())
                .isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:orders/Each");
        assertThat(runs.get(0).path("executionArn").asText()).isEqualTo(executionArn);
        assertThat(runs.get(0).has("stopDate")).isTrue();

        JsonNode described = call("DescribeMapRun", "{\"mapRunArn\": \"" + mapRunArn + "\"}");
        assertThat(described.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(described.path("maxConcurrency").asInt()).isEqualTo(2);
        assertThat(described.path("toleratedFailureCount").asLong()).isEqualTo(1);
        assertThat(described.path("toleratedFailurePercentage").asDouble()).isZero();
        assertThat(described.path("itemCounts").path("total").asLong()).isEqualTo(3);
        assertThat(described.path("itemCounts").path("succeeded").asLong()).isEqualTo(2);
        assertThat(described.path("itemCounts").path("failed").asLong()).isEqualTo(1);
        assertThat(described.path("executionCounts").path("resultsWritten").asLong()).isEqualTo(2);

        JsonNode children = call("ListExecutions", "{\"mapRunArn\": \"" + mapRunArn + "\"}").path("executions");
        assertThat(children).hasSize(3);
        assertThat(children.findValuesAsText("mapRunArn")).containsOnly(mapRunArn);
        assertThat(children.findValuesAsText("status")).containsExactlyInAnyOrder("SUCCEEDED", "SUCCEEDED", "FAILED");
        JsonNode failed = call("ListExecutions", "{\"mapRunArn\": \"" + mapRunArn + "\", \"statusFilter\": \"FAILED\"}")
                .path("executions");
        String childArn = failed.get(0).path("executionArn").asText();
        assertThat(childArn).startsWith("arn:aws:states:us-east-1:000000000000:execution:orders/Each:");

        JsonNode child = call("DescribeExecution", "{\"executionArn\": \"" + childArn + "\"}");
        assertThat(child.path("error").asText()).isEqualTo("Boom");
        assertThat(child.path("mapRunArn").asText()).isEqualTo(mapRunArn);
        List<String> childEvents = call("GetExecutionHistory", "{\"executionArn\": \"" + childArn + "\"}")
                .path("events").findValuesAsText("type");
        assertThat(childEvents).containsExactly("ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited",
                "FailStateEntered", "ExecutionFailed");
        List<String> parentEvents = call("GetExecutionHistory", "{\"executionArn\": \"" + executionArn + "\"}")
                .path("events").findValuesAsText("type");
        assertThat(parentEvents).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
    }

    @Test
    void mapRunOperations_answerAwsErrors() throws Exception {
        String executionArn = runToEnd("{\"items\": [1]}");
        String mapRunArn = call("ListMapRuns", "{\"executionArn\": \"" + executionArn + "\"}")
                .path("mapRuns").get(0).path("mapRunArn").asText();

        assertError("DescribeMapRun", "{\"mapRunArn\": \"not-an-arn\"}", "InvalidArn");
        assertError("DescribeMapRun", "{\"mapRunArn\": \"" + mapRunArn.replaceAll(":[^:]+$", ":00000000-0000-0000-0000-000000000000") + "\"}",
                "ResourceNotFound");
        assertError("DescribeMapRun", "{}", "ValidationException");
        assertError("UpdateMapRun", "{\"mapRunArn\": \"" + mapRunArn + "\"}", "ValidationException");
        assertError("UpdateMapRun", "{\"mapRunArn\": \"" + mapRunArn + "\", \"toleratedFailurePercentage\": 101}",
                "ValidationException");
        assertError("UpdateMapRun", "{\"mapRunArn\": \"" + mapRunArn + "\", \"maxConcurrency\": 5}", "ValidationException");
        assertError("ListMapRuns", "{\"executionArn\": \"" + executionArn + "x\"}", "ExecutionDoesNotExist");
    }

    private String runToEnd(String input) throws Exception {
        ObjectNode create = JSON.createObjectNode().put("name", "orders").put("definition", DEFINITION)
                .put("roleArn", "arn:aws:iam::000000000000:role/orders");
        String machineArn = call("CreateStateMachine", create.toString()).path("stateMachineArn").asText();
        ObjectNode start = JSON.createObjectNode().put("stateMachineArn", machineArn).put("input", input);
        String executionArn = call("StartExecution", start.toString()).path("executionArn").asText();
        engine.executions().awaitEnd(executionArn);
        return executionArn;
    }

    private void assertError(String operation, String body, String code) {
        assertThatThrownBy(() -> call(operation, body)).isInstanceOfSatisfying(AwsErrorException.class,
                e -> assertThat(e.error().code()).isEqualTo(code));
    }

    private JsonNode call(String operation, String body) throws IOException {
        try {
            return services.call(Caller.of("000000000000", "us-east-1"), "states", operation,
                    (ObjectNode) JSON.readTree(body));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
