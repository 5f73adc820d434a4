package io.portico.states.asl.jsonata;

import static io.portico.states.asl.jsonata.JsonataEvaluatorTest.json;
import static io.portico.states.asl.jsonata.JsonataEvaluatorTest.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.StatesError;
import org.junit.jupiter.api.Test;

class StepFunctionsFunctionsTest {

    private final JsonataEvaluator evaluator = JsonataEvaluator.create();

    private JsonNode eval(String expression) {
        return evaluator.evaluateField(json("\"{% " + expression.replace("\"", "\\\"") + " %}\""), scope("{}"), "Output");
    }

    private String failure(String expression) {
        StatesError error = catchThrowableOfType(StatesError.class, () -> eval(expression));
        assertThat(error).as(expression).isNotNull();
        return error.detail();
    }

    @Test
    void partition_splitsIntoChunks() {
        assertThat(eval("$partition([1,2,3,4,5,6,7,8,9], 3)")).isEqualTo(json("[[1,2,3],[4,5,6],[7,8,9]]"));
        assertThat(eval("$partition([0,1,2,3], 3)")).isEqualTo(json("[[0,1,2],[3]]"));
        assertThat(eval("$partition([0], 5)")).isEqualTo(json("[[0]]"));
        assertThat(eval("$partition([0,1], 2.9)")).isEqualTo(json("[[0,1]]"));
    }

    @Test
    void partition_edgeCases() {
        assertThat(evaluator.evaluateExpression("$partition([], 2)", scope("{}"), "Output")).isEmpty();
        assertThat(evaluator.evaluateExpression("$partition([1], 0)", scope("{}"), "Output")).isEmpty();
        assertThat(failure("$partition([1], -2)")).endsWith("threw an error during evaluation. D3137: Second argument must be zero or greater");
        assertThat(failure("$partition([1], 'a')")).endsWith(". T0410: Argument 2 of function \"partition\" does not match function signature");
        assertThat(failure("$partition('a', 1)")).endsWith(
                "threw an error during evaluation. T0412: Argument 1 of function \"partition\" must be an array of undefined");
        assertThat(failure("$partition([1], 1, 1)")).endsWith(". T0410: Argument 3 of function \"partition\" does not match function signature");
    }

    @Test
    void range_isInclusiveAndCollapsesSingletons() {
        assertThat(eval("$range(0, 10, 2)")).isEqualTo(json("[0,2,4,6,8,10]"));
        assertThat(eval("$range(1, 9, 2)")).isEqualTo(json("[1,3,5,7,9]"));
        assertThat(eval("$range(9, 1, -3)")).isEqualTo(json("[9,6,3]"));
        assertThat(eval("$range(1, 9, 9)")).isEqualTo(json("1"));
        assertThat(eval("$append([], $range(7, 7, 1))")).isEqualTo(json("[7]"));
        assertThat(evaluator.evaluateExpression("$range(3, 1, 1)", scope("{}"), "Output")).isEmpty();
        assertThat(failure("$range('0', 4, 1)")).isEqualTo("The JSONata expression '$range('0', 4, 1)' specified for the field "
                + "'Output' threw an error during evaluation. T0410: Argument 1 of function \"range\" does not match function signature");
    }

    @Test
    void hash_supportsDocumentedAlgorithms() {
        assertThat(eval("$hash('input data', 'SHA-1')")).isEqualTo(json("\"aaff4a450a104cd177d28d18d74485e8cae074b7\""));
        assertThat(eval("$hash('', 'MD5')")).isEqualTo(json("\"d41d8cd98f00b204e9800998ecf8427e\""));
        assertThat(eval("$hash('abc', 'SHA-256')")).isEqualTo(json("\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""));
        assertThat(eval("$string($length($hash('abc', 'SHA-384'))) & ',' & $string($length($hash('abc', 'SHA-512')))"))
                .isEqualTo(json("\"96,128\""));
        assertThat(failure("$hash('a', 'SHA-999')")).endsWith(". D3137: Hash algorithm 'SHA-999' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5");
        assertThat(failure("$hash(1, 'MD5')")).endsWith(". T0410: Argument 1 of function \"hash\" does not match function signature");
    }

    @Test
    void random_isSeededLikeJavaUtilRandom() {
        assertThat(eval("$random(42)").doubleValue()).isEqualTo(0.7275636800328681);
        double unseeded = eval("$random()").doubleValue();
        assertThat(unseeded).isBetween(0.0, 1.0);
    }

    @Test
    void uuid_isVersion4() {
        assertThat(eval("$uuid()").textValue()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(failure("$uuid(1)")).endsWith("T0410: Argument 1 of function \"uuid\" does not match function signature");
    }

    @Test
    void parse_readsJsonStrictly() {
        assertThat(eval("$parse('{\"Arg1\": 1, \"Arg2\": []}')")).isEqualTo(json("{\"Arg1\":1,\"Arg2\":[]}"));
        assertThat(eval("$parse('-0')")).isEqualTo(json("0"));
        assertThat(eval("$parse('1.1')")).isEqualTo(json("1.1"));
        assertThat(eval("$parse('[1, 2, \"HelloWorld\"]')")).isEqualTo(json("[1,2,\"HelloWorld\"]"));
        assertThat(failure("$parse('{\"a\":1}{}')")).endsWith(". D3137: Invalid JSON");
        assertThat(failure("$parse('')")).endsWith(". D3137: Invalid JSON");
    }
}
