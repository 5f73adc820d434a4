package io.portico.states.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.validation.Violation;
import io.portico.states.engine.Executions;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.StepFunctionsException;
import io.portico.states.engine.TestMock;
import io.portico.states.engine.TestStateRequest;
import io.portico.states.engine.TestStateResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TestState: decodes the request into a {@link TestStateRequest}, runs it on the engine's
 * {@link io.portico.states.engine.StateTester} and shapes the response for the inspection level asked
 * for. INFO returns status, output, error, cause and nextState; DEBUG adds {@code inspectionData}
 * (every member a JSON string, as on the wire); TRACE only adds the HTTP request and response of HTTP
 * Tasks, which Portico does not run yet, so it answers like DEBUG.
 */
final class TestStateOperation {
    private static final ObjectMapper JSON = Json.mapper();

    private final StepFunctions engine;

    private TestStateOperation(StepFunctions engine) {
        this.engine = engine;
    }

    static void register(Map<String, Operation> ops, StepFunctions engine) {
        ops.put("TestState", new TestStateOperation(engine)::test);
    }

    private ObjectNode test(Call call) {
        String level = call.optional("inspectionLevel").orElse("INFO");
        TestStateResult result = engine.tester().test(request(call));
        return response(result, !level.equals("INFO"));
    }

    private static TestStateRequest request(Call call) {
        String definition = call.required("definition");
        TestStateRequest request = TestStateRequest.of(definition).withScope(call.account(), call.region())
                .withInput(Executions.parseInput(call.optional("input").orElse("{}")))
                .withRevealSecrets(call.flag("revealSecrets"));
        Optional<String> stateName = call.optional("stateName");
        if (stateName.isPresent()) {
            request = request.withStateName(stateName.get());
        }
        Optional<String> roleArn = call.optional("roleArn");
        if (roleArn.isPresent()) {
            request = request.withRoleArn(roleArn.get());
        }
        Optional<String> variables = call.optional("variables");
        if (variables.isPresent()) {
            request = request.withVariables(object(variables.get(), "variables"));
        }
        Optional<String> context = call.optional("context");
        if (context.isPresent()) {
            request = request.withContext(object(context.get(), "context"));
        }
        Optional<JsonNode> mock = call.node("mock");
        if (mock.isPresent()) {
            request = request.withMock(mock(mock.get()));
        }
        JsonNode retries = call.node("stateConfiguration").map(c -> c.path("retrierRetryCount")).orElse(null);
        if (retries != null && !retries.isMissingNode() && !retries.isNull()) {
            request = request.withRetrierRetryCount(retries.asInt());
        }
        return request;
    }

    private static TestMock mock(JsonNode mock) {
        JsonNode result = mock.get("result");
        JsonNode errorOutput = mock.get("errorOutput");
        boolean hasResult = result != null && !result.isNull();
        boolean hasError = errorOutput != null && !errorOutput.isNull();
        String mode = mock.path("fieldValidationMode").asText("STRICT");
        if (hasResult == hasError) {
            throw StepFunctionsException.invalidRequest(
                    "A test mock should have only one of the following fields: [result, errorOutput].");
        }
        if (hasResult) {
            return new TestMock.Result(parse(result.asText()).orElseThrow(() ->
                    StepFunctionsException.invalidRequest("Mocked result must be valid JSON")));
        }
        JsonNode error = errorOutput.get("error");
        if (error == null || error.isNull()) {
            throw StepFunctionsException.invalid(Violation.missing("mock.errorOutput.error"));
        }
        JsonNode cause = errorOutput.get("cause");
        return new TestMock.Failure(error.asText(),
                cause == null || cause.isNull() ? Optional.empty() : Optional.of(cause.asText()));
    }

    private static ObjectNode object(String text, String member) {
        Optional<JsonNode> node = parse(text);
        if (node.isEmpty() || !node.get().isObject()) {
            throw StepFunctionsException.invalidRequest("The " + member + " field must be a valid JSON object.");
        }
        return (ObjectNode) node.get();
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode response(TestStateResult result, boolean debug) {
        ObjectNode out = Wire.object();
        result.output().ifPresent(o -> out.put("output", o.toString()));
        result.error().ifPresent(e -> out.put("error", e));
        result.cause().ifPresent(c -> out.put("cause", c));
        if (debug) {
            out.set("inspectionData", inspectionData(result.inspection()));
        }
        result.nextState().ifPresent(n -> out.put("nextState", n));
        out.put("status", result.status().name());
        return out;
    }

    private static ObjectNode inspectionData(TestStateResult.Inspection inspection) {
        ObjectNode data = Wire.object();
        inspection.data().forEach((field, value) -> data.put(field, value.toString()));
        inspection.errorDetails().ifPresent(d -> {
            ObjectNode details = data.putObject("errorDetails");
            d.catchIndex().ifPresent(i -> details.put("catchIndex", i));
            d.retryIndex().ifPresent(i -> details.put("retryIndex", i));
            d.retryBackoffIntervalSeconds().ifPresent(s -> details.put("retryBackoffIntervalSeconds", s));
        });
        return data;
    }
}
