package io.portico.states.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.Diagnostic;
import io.portico.states.asl.parse.MachineType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * A fuzz target for JSONata expressions: the definition validator's check of an Output field, then
 * {@link JsonataEvaluator#syntaxError} and an evaluation against a small {@code $states} and a few
 * variables. The property: the validator and {@code syntaxError} answer without throwing, and an evaluation
 * returns a value, nothing, or fails with {@code States.QueryEvaluationError}; no other exception (a
 * {@code StackOverflowError} from the parser included). Expressions are cut at {@value #MAX_CHARS}
 * characters: a campaign is after wrong answers, not after slow large expressions (time and memory bounds
 * of evaluation are another piece of work; a finding there is recorded in docs/reliability.md).
 *
 * <p>Seeds are the expressions of the AWS-recorded ASL corpus and of this package's tests; without
 * {@code JAZZER_FUZZ} they and past findings are replayed (docs/reliability.md, Fuzzing).
 */
class JsonataFuzzTest {
    static final int MAX_CHARS = 512;
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final JsonataEvaluator EVALUATOR = JsonataEvaluator.create(64);
    private static final Map<String, JsonNode> VARIABLES = Map.of(
            "var", read("{\"x\": [1, 2], \"y\": {\"z\": \"w\"}}"), "count", read("3"), "str", read("\"word\""),
            "nothing", read("null"));
    private static final JsonataScope SCOPE = JsonataScope.of(
            read("""
                    {"a": 1, "b": [1, 2, 3, [4, 5]], "s": "text \u00e9", "o": {"k": "v", "n": null}, "f": 1.5,
                     "e": [], "ts": "2026-01-01T00:00:00Z", "items": [{"p": 3, "q": "x"}, {"p": 1, "q": "y"}]}"""),
            read("{\"Execution\": {\"Id\": \"arn:aws:states:us-east-1:000000000000:execution:m:e\", \"Name\": \"e\"},"
                    + " \"State\": {\"Name\": \"S\", \"RetryCount\": 0}}"),
            name -> Optional.ofNullable(VARIABLES.get(name)))
            .withResult(read("{\"r\": [1, 2]}"));

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "/io/portico/states/asl/asl.dict")
    @Timeout(20)
    void expression(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        String expression = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;

        List<Diagnostic> diagnostics = DefinitionParser.check(definitionWithOutput("{% " + expression + " %}"),
                MachineType.STANDARD);
        assertThat(diagnostics).isNotNull();
        JsonataEvaluator.syntaxError(expression);
        try {
            EVALUATOR.evaluateExpression(expression, SCOPE, "Output");
        } catch (StatesError e) {
            assertThat(e.error()).as(e.getMessage()).isEqualTo(StatesError.QUERY_EVALUATION_ERROR);
        }
    }

    private static String definitionWithOutput(String output) {
        ObjectNode definition = MAPPER.createObjectNode().put("QueryLanguage", "JSONata").put("StartAt", "State");
        definition.putObject("States").putObject("State").put("Type", "Pass").put("Output", output).put("End", true);
        return definition.toString();
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
