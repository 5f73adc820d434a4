package io.portico.states.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dashjoin.jsonata.Functions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.EvaluationLimits;
import io.portico.states.asl.JsonDepth;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.TickingClock;
import io.portico.states.asl.VariableScope;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, hostile input: a JSONata evaluation cannot run, allocate or nest without bound, inside a
 * library function included. Before the bounds, the first tests here ran the server out of memory or
 * never returned; the timeout only turns such a regression into a failure instead of a hung build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JsonataBoundsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEMORY = "threw an error during evaluation: Expression evaluation memory limit exceeded";
    private static final String TIMEOUT = "threw an error during evaluation. U1001: Expression evaluation timeout: "
            + "Check for infinite loop";

    private final JsonataEvaluator evaluator = JsonataEvaluator.create();

    @Test
    void pad_widthOfABillion_failsOnTheMemoryLimitBeforeAllocating() {
        assertThat(failure("$pad('', 1000000000, 'x')", "{}", EvaluationLimits.defaults())).endsWith(MEMORY);
    }

    @Test
    void pad_withinTheBudget_padsExactlyAsTheLibraryDoes() {
        String[][] cases = {{"abc", "6", "#"}, {"abc", "-6", "xy"}, {"abc", "2", "#"}, {"a\uD83D\uDE00", "5", "\u00E9\uD83D\uDE00"},
            {"", "-3", ""}, {"abc", "7.9", "-"}};
        for (String[] c : cases) {
            Object expected = Functions.pad(c[0], Double.parseDouble(c[1]), c[2]);
            JsonNode actual = evaluate("$pad($states.input.s, $states.input.w, $states.input.c)",
                    input("s", c[0]).put("w", Double.parseDouble(c[1])).put("c", c[2]), EvaluationLimits.defaults());
            assertThat(actual.textValue()).as(String.join("|", c)).isEqualTo(expected);
        }
    }

    @Test
    void concatenation_doubledInALoop_failsOnTheMemoryLimit() {
        assertThat(failure("$reduce([1..40], function($a, $b) { $a & $a }, 'xx')", "{}", EvaluationLimits.defaults()))
                .endsWith(MEMORY);
    }

    @Test
    void join_ofManyCopiesOfALargeString_isChargedBeforeJoining() {
        ObjectNode input = input("s", "x".repeat(100_000));
        assertThat(failure("$join([1..1000].($states.input.s))", input, EvaluationLimits.defaults())).endsWith(MEMORY);
    }

    @Test
    void string_ofManyReferencesToALargeString_isChargedBeforeWriting() {
        ObjectNode input = input("s", "x".repeat(100_000));
        assertThat(failure("$string([1..1000].{'v': $states.input.s})", input, EvaluationLimits.defaults()))
                .endsWith(MEMORY);
    }

    @Test
    void replace_withALargeReplacementForEveryCharacter_isChargedBeforeReplacing() {
        ObjectNode input = input("s", "a".repeat(10_000)).put("r", "y".repeat(10_000));
        assertThat(failure("$replace($states.input.s, 'a', $states.input.r)", input, EvaluationLimits.defaults()))
                .endsWith(MEMORY);
        assertThat(failure("$replace($states.input.s, /a/, $states.input.r)", input, EvaluationLimits.defaults()))
                .endsWith(MEMORY);
    }

    @Test
    void split_andMatch_areChargedForTheirPieces() {
        ObjectNode input = input("s", "ab".repeat(50_000));
        EvaluationLimits small = EvaluationLimits.defaults().withSize(150_000);
        assertThat(failure("$count($split($states.input.s, ''))", input, small)).endsWith(MEMORY);
        assertThat(failure("$count($match($states.input.s, /a/))", input, small)).endsWith(MEMORY);
        assertThat(evaluate("$count($split($states.input.s, 'b'))", input, EvaluationLimits.defaults()).intValue())
                .isEqualTo(50_001); // JSONata keeps the empty piece after the last separator
    }

    @Test
    void catastrophicRegex_stopsAtTheDeadlineInsideOneMatch() {
        // Java's regex engine memoizes the classic (a+)+$, but not a group with a back-reference: against a
        // run of a's that ends otherwise, ((a+)\2?)+$ backtracks exponentially within a single match (24 a's
        // took over 10 s); each function below spun for ever before regexes read their text under the deadline.
        ObjectNode input = input("s", "a".repeat(40) + "!");
        String regex = "/((a+)\\2?)+$/";
        for (String call : new String[] {"$contains($states.input.s, " + regex + ")",
            "$match($states.input.s, " + regex + ")", "$replace($states.input.s, " + regex + ", function($m) { 'x' })",
            "$replace($states.input.s, " + regex + ", 'x')", "$split($states.input.s, " + regex + ")"}) {
            assertThat(failure(call, input, TickingClock.limitsAfterChecks(1000))).as(call).endsWith(TIMEOUT);
        }
        assertThat(evaluate("$contains($states.input.s, /a!$/)", input, EvaluationLimits.defaults()).booleanValue())
                .isTrue();
        assertThat(evaluate("$contains($states.input.s, 'b')", input, EvaluationLimits.defaults()).booleanValue())
                .isFalse();
    }

    @Test
    void range_largerThanTheBudget_failsOnTheMemoryLimit() {
        assertThat(failure("$count([1..9000000])", "{}", EvaluationLimits.defaults())).endsWith(MEMORY);
    }

    @Test
    void loopOverARange_stopsAtTheDeadlineInsideTheLoop() {
        // Each node evaluated reads the clock once: a thousand iterations read it thousands of times,
        // so the deadline of ten readings falls inside the loop, not after it.
        assertThat(failure("$count([1..1000].($ + 1))", "{}", TickingClock.limitsAfterChecks(10))).endsWith(TIMEOUT);
        assertThat(evaluate("1 + 1", JSON.createObjectNode(), TickingClock.limitsAfterChecks(10)).intValue())
                .isEqualTo(2);
    }

    @Test
    void result_nestedPastTheBound_failsInsteadOfReturningAnUnwritableValue() {
        assertThat(failure("$reduce([1..1500], function($a, $b) { {'a': $a} }, 0)", "{}", EvaluationLimits.defaults()))
                .endsWith("threw an error during evaluation: The result is nested deeper than 1000 levels");
        assertThat(failure("$reduce([1..100000], function($a, $b) { [[$a]] }, 0)", "{}", EvaluationLimits.defaults()))
                .endsWith("threw an error during evaluation: The result is nested deeper than 1000 levels");
        JsonNode within = evaluate("$reduce([1..999], function($a, $b) { {'a': $a} }, 0)", JSON.createObjectNode(),
                EvaluationLimits.defaults());
        assertThat(JsonDepth.exceeds(within, 998)).isTrue();
        assertThat(JsonDepth.tooDeep(within)).isFalse();
    }

    @Test
    void parse_ofTextNestedPastTheBound_isInvalidJson() {
        ObjectNode input = input("s", "[".repeat(50_000) + "]".repeat(50_000));
        assertThat(failure("$parse($states.input.s)", input, EvaluationLimits.defaults())).endsWith("D3137: Invalid JSON");
    }

    @Test
    void expression_nestedTooDeeplyToParse_isASyntaxErrorNotAStackOverflow() {
        String deep = "(".repeat(50_000) + "1" + ")".repeat(50_000);

        assertThat(JsonataEvaluator.syntaxError(deep)).contains("The expression is nested too deeply to parse");
        assertThat(failure(deep, "{}", EvaluationLimits.defaults()))
                .endsWith("threw an error during evaluation: The expression is nested too deeply to parse");
        // The library's parser is per thread: an overflow must not have left it unusable.
        assertThat(evaluate("(1 + 1)", JSON.createObjectNode(), EvaluationLimits.defaults()).intValue()).isEqualTo(2);
    }

    @Test
    void ordinaryTransformation_staysFarWithinTheBudget() {
        ObjectNode input = JSON.createObjectNode();
        var items = input.putArray("items");
        for (int i = 0; i < 5_000; i++) {
            items.addObject().put("id", i).put("name", "item-" + i);
        }
        JsonNode result = evaluate("$count($states.input.items[id % 2 = 0].{'id': id, 'label': $uppercase(name) & '!'})",
                input, EvaluationLimits.defaults());
        assertThat(result.intValue()).isEqualTo(2_500);
    }

    @Test
    void guard_readsTheLibrarysNodeTypes() {
        // If dashjoin renames Symbol.type, every node is charged: stricter, but this test says so.
        assertThat(EvaluationGuard.readsNodeTypes()).isTrue();
    }

    private JsonNode evaluate(String expression, JsonNode input, EvaluationLimits limits) {
        JsonataScope scope = JsonataScope.of(input, JSON.createObjectNode(), VariableScope.EMPTY).withLimits(limits);
        return evaluator.evaluateExpression(expression, scope, "Output").orElseThrow();
    }

    private String failure(String expression, String input, EvaluationLimits limits) {
        try {
            return failure(expression, JSON.readTree(input), limits);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private String failure(String expression, JsonNode input, EvaluationLimits limits) {
        StatesError[] caught = new StatesError[1];
        assertThatThrownBy(() -> evaluate(expression, input, limits)).isInstanceOfSatisfying(StatesError.class, e -> {
            assertThat(e.error()).isEqualTo(StatesError.QUERY_EVALUATION_ERROR);
            caught[0] = e;
        });
        return caught[0].detail();
    }

    private static ObjectNode input(String field, String value) {
        return JsonNodeFactory.instance.objectNode().put(field, value);
    }
}
