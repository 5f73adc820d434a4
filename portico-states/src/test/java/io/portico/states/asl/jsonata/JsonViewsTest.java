package io.portico.states.asl.jsonata;

import static io.portico.states.asl.jsonata.JsonataEvaluatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.VariableScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code $states} and variables reach JSONata as views of their trees ({@link JsonViews}): what an
 * expression returns is what a whole copy gave, nulls included, and the trees never change.
 */
class JsonViewsTest {
    private final JsonataEvaluator evaluator = JsonataEvaluator.create();

    @Test
    void returnedInputWithNulls_comesBackEqual_andTheInputIsUnchanged() {
        JsonNode input = json("{\"a\": null, \"b\": [1, null, {\"c\": null}], \"d\": 1.5}");
        JsonNode before = input.deepCopy();

        JsonNode output = evaluator.evaluateField(json("\"{% $states.input %}\""),
                JsonataScope.of(input, json("{}"), VariableScope.EMPTY), "Output");

        assertThat(output).isEqualTo(before);
        assertThat(input).isEqualTo(before);
    }

    @Test
    void expressionsOverViews_readAsOverCopies() {
        JsonNode input = json("{\"items\": [3, 1, 2], \"o\": {\"k\": \"v\", \"n\": null}}");
        JsonataScope scope = JsonataScope.of(input, json("{\"Map\": {\"Item\": {\"Value\": 7}}}"), VariableScope.EMPTY);

        JsonNode output = evaluator.evaluateField(json("""
                {"sorted": "{% $sort($states.input.items) %}", "sum": "{% $sum($states.input.items) %}",
                 "keys": "{% $keys($states.input.o) %}", "value": "{% $states.context.Map.Item.Value %}",
                 "merged": "{% $merge([$states.input.o, {'x': 1}]) %}", "count": "{% $count($states.input.items) %}"}"""),
                scope, "Output");

        assertThat(output).isEqualTo(json("""
                {"sorted": [1, 2, 3], "sum": 6, "keys": ["k", "n"], "value": 7,
                 "merged": {"k": "v", "n": null, "x": 1}, "count": 3}"""));
        assertThat(input.get("items")).isEqualTo(json("[3, 1, 2]"));
    }

    @Test
    void view_takesReplacements_notNewMembers() {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) JsonViews.of(json("{\"a\": 1}"));
        @SuppressWarnings("unchecked")
        List<Object> array = (List<Object>) JsonViews.of(json("[1, 2]"));

        object.put("a", null);
        array.set(1, null);

        assertThat(object).containsEntry("a", null).hasSize(1);
        assertThat(array).containsExactly(1L, null);
        assertThatThrownBy(() -> object.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> array.add(3)).isInstanceOf(UnsupportedOperationException.class);
    }
}
