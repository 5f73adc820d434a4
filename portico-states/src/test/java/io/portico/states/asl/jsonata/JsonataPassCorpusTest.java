package io.portico.states.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.StatesError;
import io.portico.states.conformance.CorpusCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: every AWS-recorded corpus case whose definition is only JSONata Pass, Choice, Wait, Fail
 * and Succeed states, run by a throwaway interpreter (no real waiting) and compared with what AWS
 * answered. It exercises templates, Condition, Seconds, Timestamp and Fail's Error/Cause.
 */
class JsonataPassCorpusTest {

    private static final Set<String> PASS_FIELDS = Set.of("Type", "Next", "End", "Output", "Assign", "QueryLanguage", "Comment");
    private static final Set<String> OTHER_TYPES = Set.of("Choice", "Wait", "Fail", "Succeed");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonataEvaluator EVALUATOR = JsonataEvaluator.create();

    @TestFactory
    Stream<DynamicTest> corpus_jsonataPassOnlyCases_matchAwsRecording() throws IOException {
        return Files.walk(CorpusCase.root())
                .filter(p -> p.toString().endsWith(".json"))
                .sorted()
                .map(JsonataPassCorpusTest::read)
                .filter(JsonataPassCorpusTest::isJsonataPassOnly)
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static JsonNode read(Path path) {
        try {
            return JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJsonataPassOnly(JsonNode c) {
        JsonNode definition = c.get("definition");
        if (!"execution".equals(c.path("kind").asText()) || definition == null || !definition.has("States")) {
            return false;
        }
        boolean topJsonata = "JSONata".equals(definition.path("QueryLanguage").asText());
        for (JsonNode state : definition.get("States")) {
            boolean jsonata = topJsonata || "JSONata".equals(state.path("QueryLanguage").asText());
            String type = state.path("Type").asText();
            if (!jsonata || !("Pass".equals(type) || OTHER_TYPES.contains(type))) {
                return false;
            }
            for (Iterator<String> it = state.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if ("Pass".equals(type) && !PASS_FIELDS.contains(field)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void check(JsonNode c) throws IOException {
        JsonNode expected = c.get("expected");
        Outcome outcome = run(c.get("definition"), c.get("input").isNull() ? "{}" : c.get("input").asText());
        if ("SUCCEEDED".equals(expected.get("status").asText())) {
            assertThat(outcome.failure()).as("failure").isNull();
            assertThat(matches(expected.get("output"), outcome.output()))
                    .as("output %s vs expected %s", outcome.output(), expected.get("output")).isTrue();
        } else {
            assertThat(outcome.failure()).as("expected failure %s", expected).isNotNull();
            assertThat(outcome.failure().error()).isEqualTo(expected.get("error").isNull() ? null : expected.get("error").asText());
            if (expected.get("cause").isNull()) {
                assertThat(outcome.cause()).isNull();
                return;
            }
            assertThat(matches(expected.get("cause"), JSON.getNodeFactory().textNode(outcome.cause())))
                    .as("cause %s vs %s", outcome.cause(), expected.get("cause")).isTrue();
        }
    }

    record Outcome(JsonNode output, StatesError failure, String cause) {
    }

    private static Outcome run(JsonNode definition, String inputText) throws IOException {
        JsonNode executionInput = JSON.readTree(inputText);
        JsonNode input = executionInput;
        Map<String, JsonNode> variables = new HashMap<>();
        String name = definition.get("StartAt").asText();
        for (int k = 0; ; k++) {
            JsonNode state = definition.get("States").get(name);
            JsonataScope scope = JsonataScope.of(input, context(executionInput, name),
                    v -> Optional.ofNullable(variables.get(v)));
            String type = state.get("Type").asText();
            JsonNode assign = state.get("Assign");
            JsonNode outputTemplate = state.get("Output");
            String next = state.path("Next").asText(null);
            try {
                switch (type) {
                    case "Fail" -> {
                        String error = state.has("Error") ? EVALUATOR.requireString(state.get("Error"), scope, "Error") : null;
                        String cause = state.has("Cause") ? EVALUATOR.requireString(state.get("Cause"), scope, "Cause") : null;
                        return new Outcome(null, new StatesError(error, cause), cause);
                    }
                    case "Choice" -> {
                        next = state.path("Default").asText(null);
                        JsonNode choices = state.get("Choices");
                        for (int i = 0; i < choices.size(); i++) {
                            JsonNode rule = choices.get(i);
                            if (EVALUATOR.condition(rule.get("Condition"), scope, "Choices[" + i + "]/Condition")) {
                                next = rule.get("Next").asText();
                                assign = rule.get("Assign");
                                outputTemplate = rule.has("Output") ? rule.get("Output") : outputTemplate;
                                break;
                            }
                        }
                    }
                    case "Wait" -> {
                        if (state.has("Seconds")) {
                            EVALUATOR.requireInteger(state.get("Seconds"), scope, "Seconds", 0, 99999999);
                        }
                        if (state.has("Timestamp")) {
                            EVALUATOR.requireTimestamp(state.get("Timestamp"), scope);
                        }
                    }
                    default -> {
                    }
                }
                JsonNode assigned = assign != null ? EVALUATOR.evaluateField(assign, scope, "Assign") : null;
                JsonNode output = outputTemplate != null ? EVALUATOR.evaluateField(outputTemplate, scope, "Output") : input;
                if (assigned != null) {
                    assigned.fields().forEachRemaining(f -> variables.put(f.getKey(), f.getValue()));
                }
                input = output;
            } catch (StatesError e) {
                return new Outcome(null, e, "An error occurred while executing the state '" + name
                        + "' (entered at the event id #" + (2 + 2 * k) + "). " + e.detail());
            }
            if (state.path("End").asBoolean(false) || "Succeed".equals(type)) {
                return new Outcome(input, null, null);
            }
            name = next;
        }
    }

    private static JsonNode context(JsonNode executionInput, String stateName) {
        ObjectNode context = JSON.createObjectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", "arn:aws:states:us-east-1:000000000000:execution:machine:run");
        execution.set("Input", executionInput);
        execution.put("StartTime", "2026-01-01T00:00:00.000Z");
        execution.put("Name", "run");
        execution.put("RoleArn", "arn:aws:iam::000000000000:role/role");
        execution.put("RedriveCount", 0);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", "arn:aws:states:us-east-1:000000000000:stateMachine:machine");
        machine.put("Name", "machine");
        ObjectNode state = context.putObject("State");
        state.put("Name", stateName);
        state.put("EnteredTime", "2026-01-01T00:00:00.000Z");
        return context;
    }

    /** The corpus matching rules: deep equality, numbers by value, "<any>" wildcards and globs. */
    static boolean matches(JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (expected.isTextual() && expected.textValue().contains("<any>")) {
            if (expected.textValue().equals("<any>")) {
                return true;
            }
            if (!actual.isTextual()) {
                return false;
            }
            String[] parts = expected.textValue().split("<any>", -1);
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                regex.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual.textValue()).matches();
        }
        if (expected.isNumber()) {
            return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isObject()) {
            if (!actual.isObject() || expected.size() != actual.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!matches(field.getValue(), actual.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matches(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }
}
