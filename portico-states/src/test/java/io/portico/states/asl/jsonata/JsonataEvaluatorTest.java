package io.portico.states.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.VariableScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JsonataEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonataEvaluator evaluator = JsonataEvaluator.create();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static JsonataScope scope(String input) {
        return JsonataScope.of(json(input), json("{\"State\":{\"Name\":\"S\"}}"), VariableScope.EMPTY);
    }

    static JsonataScope scope(String input, Map<String, String> variables) {
        VariableScope vars = name -> Optional.ofNullable(variables.get(name)).map(JsonataEvaluatorTest::json);
        return JsonataScope.of(json(input), json("{}"), vars);
    }

    private JsonNode eval(String template, String input) {
        return evaluator.evaluateField(json(template), scope(input), "Output");
    }

    private String failure(String template, String input) {
        try {
            eval(template, input);
        } catch (StatesError e) {
            assertThat(e.error()).isEqualTo(StatesError.QUERY_EVALUATION_ERROR);
            return e.detail();
        }
        throw new AssertionError("no failure for " + template);
    }

    @Test
    void evaluateField_literalTemplate_returnsSameNode() {
        JsonNode template = json("{\"a\":[1,\" {% $x %} \",\"$states.input\"],\"b\":{\"c\":null}}");
        assertThat(evaluator.evaluateField(template, scope("{}"), "Output")).isSameAs(template);
    }

    @Test
    void evaluateField_expressionsInsideObjectsAndArrays_areEvaluated() {
        assertThat(eval("{\"a\":\"{% $states.input.x + 1 %}\",\"b\":[\"{% 'k' %}\",2],\"c\":\"lit\"}", "{\"x\":2}"))
                .isEqualTo(json("{\"a\":3,\"b\":[\"k\",2],\"c\":\"lit\"}"));
    }

    @Test
    void evaluateField_whitespaceOutsideDelimiters_isLiteral() {
        assertThat(eval("\" {% 1 %}\"", "{}")).isEqualTo(json("\" {% 1 %}\""));
    }

    @Test
    void evaluateField_statesFields_areBound() {
        JsonataScope scope = scope("{\"i\":1}").withResult(json("{\"r\":2}")).withErrorOutput(json("{\"Error\":\"E\"}"));
        assertThat(evaluator.evaluateField(json(
                "\"{% [$states.input.i, $states.result.r, $states.errorOutput.Error, $states.context.State.Name] %}\""),
                JsonataScope.of(json("{\"i\":1}"), json("{\"State\":{\"Name\":\"S\"}}"), VariableScope.EMPTY)
                        .withResult(json("{\"r\":2}")).withErrorOutput(json("{\"Error\":\"E\"}")), "Output"))
                .isEqualTo(json("[1,2,\"E\",\"S\"]"));
        assertThat(scope.result()).isPresent();
    }

    @Test
    void evaluateField_workflowVariables_areBoundByName() {
        JsonNode out = evaluator.evaluateField(json("\"{% $greeting & ' ' & $who.name %}\""),
                scope("{}", Map.of("greeting", "\"hello\"", "who", "{\"name\":\"world\"}")), "Output");
        assertThat(out).isEqualTo(json("\"hello world\""));
    }

    @Test
    void evaluateField_variableNamedStates_doesNotShadowReservedStates() {
        JsonNode out = evaluator.evaluateField(json("\"{% $states.input.a %}\""),
                JsonataScope.of(json("{\"a\":1}"), json("{}"), name -> Optional.of(json("{\"input\":{\"a\":2}}"))),
                "Output");
        assertThat(out).isEqualTo(json("1"));
    }

    @Test
    void evaluateField_undefinedAtTop_failsWithFieldName() {
        assertThat(failure("\"{% $doesNotExist %}\"", "{}"))
                .isEqualTo("The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).");
    }

    @Test
    void evaluateField_undefinedInsideObject_failsWithPath() {
        assertThat(failure("{\"result\":\"{% $doesNotExist %}\"}", "{}"))
                .isEqualTo("The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
        assertThat(failure("{\"a\":[0,{\"b\":\"{% $states.input.missing %}\"}]}", "{}"))
                .isEqualTo("The JSONata expression '$states.input.missing' specified for the field 'Output/a[1]/b' returned nothing (undefined).");
    }

    @Test
    void evaluateField_jsonNull_isAValue() {
        assertThat(eval("{\"a\":\"{% null %}\",\"b\":\"{% $states.input.n %}\"}", "{\"n\":null}"))
                .isEqualTo(json("{\"a\":null,\"b\":null}"));
    }

    @Test
    void evaluateField_numbers_roundTripAsAwsShowsThem() {
        assertThat(eval("\"{% 1.5 * 2 %}\"", "{}").toString()).isEqualTo("3");
        assertThat(eval("\"{% $states.input.big %}\"", "{\"big\":9007199254740993}").toString()).isEqualTo("9007199254740993");
        assertThat(eval("\"{% $states.input.f %}\"", "{\"f\":0.1}").toString()).isEqualTo("0.1");
        assertThat(eval("\"{% $states.input.w %}\"", "{\"w\":2.0}").toString()).isEqualTo("2");
        assertThat(eval("\"{% $sum($states.input.xs) %}\"", "{\"xs\":[1,2,3]}")).isEqualTo(json("6"));
        assertThat(eval("\"{% 10 / 4 %}\"", "{}").toString()).isEqualTo("2.5");
    }

    @Test
    void evaluateField_typeError_reportsCodeAfterSentence() {
        assertThat(failure("\"{% 1 + 'a' %}\"", "{}")).isEqualTo("The JSONata expression '1 + 'a'' specified for the field "
                + "'Output' threw an error during evaluation. T2002: The right side of the \"+\" operator must evaluate to a number");
    }

    @Test
    void evaluateField_signatureMismatch_namesFunctionAsJsonataJsDoes() {
        assertThat(failure("{\"r\":\"{% $abs('x') %}\"}", "{}")).isEqualTo("The JSONata expression '$abs('x')' specified for "
                + "the field 'Output/r' threw an error during evaluation. T0410: Argument 1 of function \"abs\" does not "
                + "match function signature");
    }

    @Test
    void evaluateField_eval_isNotAvailable() {
        assertThat(failure("\"{% $eval('1+1') %}\"", "{}")).endsWith("T1006: Attempted to invoke a non-function");
    }

    @Test
    void evaluateField_syntaxError_isQueryEvaluationError() {
        assertThat(failure("\"{% a[1,2) %}\"", "{}")).isEqualTo("The JSONata expression 'a[1,2)' specified for the field "
                + "'Output' threw an error during evaluation. S0202: Expected \"]\", got \",\"");
    }

    @Test
    void syntaxError_reportsMessageWithoutCode() {
        assertThat(JsonataEvaluator.syntaxError("a[1,2)")).contains("Expected \"]\", got \",\"");
        assertThat(JsonataEvaluator.syntaxError("$states.input")).isEmpty();
    }

    @Test
    void focusOrIndexBindingWithNothingAfterIt_isS0214_notANullPointer() {
        // Found by fuzzing: the dashjoin parser fails on these with a NullPointerException; jsonata-js
        // (and so AWS) reports S0214.
        assertThat(JsonataEvaluator.syntaxError("$greeting & ' ' & $who.nam@"))
                .contains("The right side of \"@\" must be a variable name (start with $)");
        assertThat(JsonataEvaluator.syntaxError("[1]# "))
                .contains("The right side of \"#\" must be a variable name (start with $)");
        assertThat(failure("\"{% $x@ %}\"", "{}")).isEqualTo("The JSONata expression '$x@' specified for the field "
                + "'Output' threw an error during evaluation. S0214: The right side of \"@\" must be a variable name"
                + " (start with $)");
    }

    @Test
    void evaluateField_infiniteRecursion_isBounded() {
        assertThat(failure("\"{% ($f := function($n){ $n + $f($n + 1) }; $f(1)) %}\"", "{}"))
                .startsWith("The JSONata expression '($f := function($n){ $n + $f($n + 1) }; $f(1))' specified for the field "
                        + "'Output' threw an error during evaluation. U1001: Stack overflow error: Check for non-terminating "
                        + "recursive function.  Consider rewriting as tail-recursive.");
    }

    @Test
    void cache_isBounded() {
        ExpressionCache cache = new ExpressionCache(8);
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get(i + " + 1").isValid()).isTrue();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(8);
        assertThat(cache.get("1 +").isValid()).isFalse();
    }

    @Test
    void evaluateField_pathsKeepArraysFromInput() {
        assertThat(eval("\"{% $states.input.one %}\"", "{\"one\":[1]}")).isEqualTo(json("[1]"));
        assertThat(eval("\"{% $states.input.e %}\"", "{\"e\":[]}")).isEqualTo(json("[]"));
        assertThat(eval("\"{% $states.input.objs[a=1] %}\"", "{\"objs\":[{\"a\":1},{\"a\":2}]}")).isEqualTo(json("{\"a\":1}"));
    }

    @Test
    void evaluateExpression_undefined_isEmpty() {
        assertThat(evaluator.evaluateExpression("$nothing", scope("{}"), "Output")).isEmpty();
        assertThat(evaluator.evaluateExpression("{% 1 %}", scope("{}"), "Output")).contains(json("1"));
    }

    @Test
    void requireArray_nonArray_reportsAwsMessage() {
        assertThatThrownBy(() -> evaluator.requireArray(json("\"{% true %}\""), scope("{}"), "Items"))
                .isInstanceOf(StatesError.class)
                .hasFieldOrPropertyWithValue("detail", "The JSONata expression 'true' specified for the field 'Items' returned "
                        + "an unexpected result type. Expected 'array', but was 'boolean' for value: true");
        assertThatThrownBy(() -> evaluator.requireArray(json("\"{% $x %}\""), scope("{}", Map.of("x", "{\"foo\":\"bar\"}")), "Items"))
                .hasFieldOrPropertyWithValue("detail", "The JSONata expression '$x' specified for the field 'Items' returned "
                        + "an unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}");
        assertThatThrownBy(() -> evaluator.requireArray(json("\"{% 'string' %}\""), scope("{}"), "Items"))
                .hasFieldOrPropertyWithValue("detail", "The JSONata expression ''string'' specified for the field 'Items' "
                        + "returned an unexpected result type. Expected 'array', but was 'string' for value: \"string\"");
    }

    @Test
    void requireArray_arrayOrLiteral_returnsIt() {
        assertThat(evaluator.requireArray(json("\"{% [1,2] %}\""), scope("{}"), "Items")).isEqualTo(json("[1,2]"));
        assertThat(evaluator.requireArray(json("[1,\"{% 2 %}\"]"), scope("{}"), "Items")).isEqualTo(json("[1,2]"));
    }

    @Test
    void requireInteger_checksTypeWholenessAndRange() {
        assertThat(evaluator.requireInteger(json("\"{% $states.input.s %}\""), scope("{\"s\":3}"), "Seconds", 0, 99999999))
                .isEqualTo(3);
        assertThatThrownBy(() -> evaluator.requireInteger(json("\"{% 'x' %}\""), scope("{}"), "Seconds", 0, 99999999))
                .hasFieldOrPropertyWithValue("detail", "The JSONata expression ''x'' specified for the field 'Seconds' "
                        + "returned an unexpected result type. Expected 'number', but was 'string' for value: \"x\"");
        assertThatThrownBy(() -> evaluator.requireInteger(json("\"{% 1.5 %}\""), scope("{}"), "Seconds", 0, 99999999))
                .hasFieldOrPropertyWithValue("detail", "The Seconds field cannot be parsed as an integer: 1.5");
        assertThatThrownBy(() -> evaluator.requireInteger(json("\"{% -1 %}\""), scope("{}"), "Seconds", 0, 99999999))
                .hasFieldOrPropertyWithValue("detail", "Seconds must be between 0 and 99999999 but was: -1");
    }

    @Test
    void requireTimestamp_invalid_reportsAwsMessage() {
        assertThat(evaluator.requireTimestamp(json("\"{% '2016-03-14T01:59:00.123456789Z' %}\""), scope("{}")).getNano())
                .isEqualTo(123456789);
        for (String bad : List.of("2016-12-05T21:29:29", "2016-13-05T21:29:29Z", "05-12-2016T21:29:29Z", "2016-12-05T25:29:29Z")) {
            assertThatThrownBy(() -> evaluator.requireTimestamp(json("\"{% '" + bad + "' %}\""), scope("{}")))
                    .hasFieldOrPropertyWithValue("detail",
                            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " + bad);
        }
    }

    @Test
    void condition_booleanOrError() {
        assertThat(evaluator.condition(json("\"{% $states.input.n > 1 %}\""), scope("{\"n\":2}"), "Choices[0]/Condition")).isTrue();
        assertThat(evaluator.condition(json("true"), scope("{}"), "Choices[0]/Condition")).isTrue();
        assertThatThrownBy(() -> evaluator.condition(json("\"{% 1 %}\""), scope("{}"), "Choices[0]/Condition"))
                .isInstanceOf(StatesError.class)
                .hasMessageContaining("Expected 'boolean', but was 'number' for value: 1");
    }

    @Test
    void requireString_forFailFields() {
        assertThat(evaluator.requireString(json("\"{% 'Exc' & 'eption' %}\""), scope("{}"), "Error")).isEqualTo("Exception");
        assertThat(evaluator.requireString(json("\"literal\""), scope("{}"), "Cause")).isEqualTo("literal");
    }

    @Test
    void evaluateField_concurrentEvaluationOfOneExpression_isIsolated() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int n = id * 1000 + i;
                        JsonNode out = evaluator.evaluateField(json("\"{% $map($states.input.xs, function($v){$v + $k}) %}\""),
                                scope("{\"xs\":[" + n + "," + n + "]}", Map.of("k", String.valueOf(n))), "Output");
                        if (!out.equals(json("[" + 2 * n + "," + 2 * n + "]"))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mentionedNames_skipsStringsAndComments() {
        assertThat(CompiledExpression.mentionedNames("$a & '$b' & \"$c\" & /* $d */ $e.f & $$"))
                .containsExactly("a", "e");
    }
}
