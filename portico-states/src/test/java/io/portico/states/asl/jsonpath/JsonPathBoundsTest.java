package io.portico.states.asl.jsonpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.EvaluationLimits;
import io.portico.states.asl.JsonDepth;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.TickingClock;
import io.portico.states.asl.VariableScope;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, hostile input: intrinsic functions and JSONPath reads within the evaluation bounds, and
 * intrinsic calls nested no deeper than AWS documents. Intrinsic failures are States.IntrinsicFailure,
 * JSONPath ones States.Runtime.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JsonPathBoundsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void intrinsics_nested1200Deep_failToParseInsteadOfOverflowing() {
        for (int depth : new int[] {1_200, 50_000}) {
            String nested = "States.Array(".repeat(depth) + "1" + ")".repeat(depth);
            assertThat(intrinsicFailure(nested, NODES.objectNode(), EvaluationLimits.defaults()))
                    .startsWith("More than 10 intrinsic functions nested in one field at position 130");
        }
    }

    @Test
    void intrinsics_tenInAField_areAccepted() {
        String nested = "States.Array(".repeat(10) + "1" + ")".repeat(10);
        JsonNode value = IntrinsicFunctions.evaluate(nested, context(NODES.objectNode(), EvaluationLimits.defaults()), "a.$");
        assertThat(JsonDepth.exceeds(value, 9)).isTrue();
        assertThat(JsonDepth.exceeds(value, 10)).isFalse();
    }

    @Test
    void array_ofAValueAtTheNestingBound_failsWithIntrinsicFailure() {
        ObjectNode input = NODES.objectNode();
        input.set("deep", nested(JsonDepth.MAX));
        assertThat(intrinsicFailure("States.Array($.deep)", input, EvaluationLimits.defaults()))
                .isEqualTo("The result of States.Array would be nested deeper than 1000 levels");
        assertThat(intrinsicFailure("States.ArrayPartition($.deep, 1)", input, EvaluationLimits.defaults()))
                .isEqualTo("The result of States.ArrayPartition would be nested deeper than 1000 levels");
    }

    @Test
    void format_ofManyCopiesOfALargeString_stopsOnTheSizeBudget() {
        ObjectNode input = NODES.objectNode().put("s", "x".repeat(100_000));
        String format = "States.Format('" + "{}".repeat(100) + "'" + ", $.s".repeat(100) + ")";
        assertThat(intrinsicFailure(format, input, EvaluationLimits.defaults()))
                .isEqualTo("The evaluation of States.Format was stopped: the evaluation built more than 8388608 "
                        + "characters and elements");
    }

    @Test
    void jsonToString_ofManyReferencesToALargeString_stopsOnTheSizeBudget() {
        ObjectNode input = NODES.objectNode().put("s", "x".repeat(1_000_000));
        String call = "States.JsonToString(States.Array(" + "$.s, ".repeat(9) + "$.s))";
        assertThat(intrinsicFailure(call, input, EvaluationLimits.defaults()))
                .startsWith("The evaluation of States.JsonToString was stopped: the evaluation built more than");
    }

    @Test
    void jsonToString_withinTheBudget_writesWhatToStringWrites() {
        JsonNode value = TestJson.json("{'a': null, 'b': 1.5, 'c': 1e300, 'd': 'é\\n\\'\\u0001', "
                + "'e': [true, false, 12345678901234567890, 0.1, -0.0], 'f': {}}");
        assertThat(Json.compact(value, EvaluationLimits.defaults().start())).isEqualTo(value.toString());
    }

    @Test
    void stringSplit_isChargedForItsPieces() {
        ObjectNode input = NODES.objectNode().put("s", "a,".repeat(1_000));
        assertThat(intrinsicFailure("States.StringSplit($.s, ',')", input, EvaluationLimits.defaults().withSize(1_000)))
                .startsWith("The evaluation of States.StringSplit was stopped");
        assertThat(IntrinsicFunctions.evaluate("States.StringSplit($.s, ',')",
                context(input, EvaluationLimits.defaults()), "a.$")).hasSize(1_000);
    }

    @Test
    void arrayUnique_stopsAtTheDeadlineInsideItsLoop() {
        ObjectNode input = NODES.objectNode();
        ArrayNode items = input.putArray("items");
        for (int i = 0; i < 100; i++) {
            items.add(i);
        }
        assertThat(intrinsicFailure("States.ArrayUnique($.items)", input, TickingClock.limitsAfterChecks(10)))
                .isEqualTo("The evaluation of States.ArrayUnique was stopped: the evaluation ran longer than 10000 ms");
    }

    @Test
    void jaywayRead_stopsAtTheDeadlineInsideTheScan() {
        ObjectNode input = NODES.objectNode();
        ArrayNode items = input.putArray("items");
        for (int i = 0; i < 100; i++) {
            items.addObject().put("a", i);
        }
        EvalContext ctx = context(input, TickingClock.limitsAfterChecks(10));
        assertThatThrownBy(() -> Expressions.select("$..a", ctx)).isInstanceOfSatisfying(StatesError.class, e -> {
            assertThat(e.error()).isEqualTo(StatesError.RUNTIME);
            assertThat(e.detail()).isEqualTo("The JSONPath '$..a' was stopped: the evaluation ran longer than 10000 ms");
        });
        assertThat(Expressions.select("$..a", context(input, EvaluationLimits.defaults()))).hasSize(100);
    }

    @Test
    void jaywayPath_nestedTooDeeplyToParse_isAnInvalidPath() {
        String deep = "$[?(" + "(".repeat(50_000) + "@.a" + ")".repeat(50_000) + ")]";

        assertThatThrownBy(() -> JsonPaths.select(NODES.objectNode(), deep)).isInstanceOfSatisfying(StatesError.class,
                e -> assertThat(e.detail()).endsWith("The path is nested too deeply to parse"));
        assertThat(JsonPaths.select(TestJson.json("{'a': 1}"), "$.a").intValue()).isEqualTo(1);
    }

    private static String intrinsicFailure(String expression, JsonNode input, EvaluationLimits limits) {
        StatesError[] caught = new StatesError[1];
        assertThatThrownBy(() -> IntrinsicFunctions.evaluate(expression, context(input, limits), "a.$"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo(StatesError.INTRINSIC_FAILURE);
                    caught[0] = e;
                });
        return caught[0].detail();
    }

    private static EvalContext context(JsonNode input, EvaluationLimits limits) {
        return new EvalContext(input, NODES::objectNode, VariableScope.EMPTY, limits);
    }

    private static JsonNode nested(int levels) {
        JsonNode node = NODES.numberNode(1);
        for (int i = 0; i < levels; i++) {
            node = NODES.arrayNode().add(node);
        }
        return node;
    }
}
