package io.portico.states.asl.jsonpath;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.VariableScope;
import io.portico.states.asl.parse.Diagnostic;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.MachineType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for JSONPath-mode data processing: paths (InputPath, ResultPath, a {@code key.$} value),
 * payload templates (Parameters) and intrinsic function calls, each evaluated against one sample input,
 * context object and set of variables.
 *
 * <p>The property: a path or template the definition validator accepts evaluates to a value or fails with
 * one of the errors an execution reports ({@code States.Runtime}, {@code States.IntrinsicFailure},
 * {@code States.ReferencePathConflict}); an intrinsic call, valid or not, parses or throws
 * {@link IntrinsicParseException} and evaluates or fails the same way. Nothing else is thrown, the
 * validator included. Texts are cut at {@value #MAX_CHARS} characters so that a campaign looks for wrong
 * answers, not for slow large ones (bounding evaluation is another piece of work).
 *
 * <p>Seeds are the paths, templates and intrinsic calls of the AWS-recorded ASL corpus; without
 * {@code JAZZER_FUZZ} they and past findings are replayed (docs/reliability.md, Fuzzing).
 */
class JsonPathFuzzTest {
    static final int MAX_CHARS = 1024;
    private static final ObjectMapper MAPPER = io.portico.core.json.Json.mapper();
    private static final Set<String> EXECUTION_ERRORS = Set.of(StatesError.RUNTIME, StatesError.INTRINSIC_FAILURE,
            JsonPaths.REFERENCE_PATH_CONFLICT);

    static final JsonNode INPUT = read("""
            {"a": 1, "b": [1, 2, 3, [4, 5]], "s": "text \u00e9 {}", "o": {"k": "v", "n": null, "deep": {"x": [true, false]}},
             "f": 1.5, "neg": -7, "big": 1e300, "long": 9223372036854775807, "e": [], "eo": {}, "n": null,
             "json": "{\\"j\\": [1, \\"two\\"]}", "b64": "aGVsbG8=", "csv": "a,b,,c",
             "dup": [1, 1, "x", "x", {"a": 1}, {"a": 1}]}""");
    private static final Map<String, JsonNode> VARIABLES = Map.of(
            "var", TestJson.json("{'x': [1, 2], 'y': {'z': 'w'}}"), "count", TestJson.json("3"),
            "str", TestJson.json("'word'"), "nothing", TestJson.json("null"));
    static final EvalContext CONTEXT = new EvalContext(INPUT, MiniMachine.context(INPUT, "State", false),
            name -> Optional.ofNullable(VARIABLES.get(name)));
    private static final JsonNode RESULT = TestJson.json("{'r': [1, {'s': 'x'}]}");

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "/io/portico/states/asl/asl.dict")
    @Timeout(5)
    void path(byte[] data) {
        String path = text(data);
        if (accepted(state -> state.put("InputPath", path))) {
            evaluates(() -> Expressions.select(path, CONTEXT));
        }
        if (accepted(state -> state.put("ResultPath", path))) {
            evaluates(() -> JsonPaths.applyResultPath(INPUT, RESULT, path));
        }
        if (accepted(state -> state.putObject("Parameters").put("value.$", path))) {
            evaluates(() -> Expressions.evaluate(path, CONTEXT, "value.$"));
        }
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "/io/portico/states/asl/asl.dict")
    @Timeout(5)
    void payloadTemplate(byte[] data) {
        JsonNode template;
        try {
            template = MAPPER.readTree(text(data));
        } catch (JsonProcessingException e) {
            return;
        }
        if (template != null && accepted(state -> state.set("Parameters", template))) {
            evaluates(() -> PayloadTemplate.evaluate(template, CONTEXT));
        }
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "/io/portico/states/asl/asl.dict")
    @Timeout(5)
    void intrinsic(byte[] data) {
        String call = text(data);
        Expressions.problem(call);
        try {
            assertThat(IntrinsicFunctions.parse(call)).isNotNull();
        } catch (IntrinsicParseException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        evaluates(() -> IntrinsicFunctions.evaluate(call, CONTEXT, "value.$"));
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String text(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }

    /** Whether a Pass state that {@code field} completes is a valid definition. */
    private static boolean accepted(Consumer<ObjectNode> field) {
        ObjectNode definition = MAPPER.createObjectNode().put("StartAt", "State");
        ObjectNode state = definition.putObject("States").putObject("State").put("Type", "Pass").put("End", true);
        field.accept(state);
        return DefinitionParser.check(definition.toString(), MachineType.STANDARD).stream().noneMatch(Diagnostic::isError);
    }

    private static void evaluates(Runnable evaluation) {
        try {
            evaluation.run();
        } catch (StatesError e) {
            assertThat(e.error()).as(e.getMessage()).isIn(EXECUTION_ERRORS);
        }
    }
}
