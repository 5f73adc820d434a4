package io.portico.states.asl.jsonpath;

import static io.portico.states.asl.jsonpath.TestJson.ctx;
import static io.portico.states.asl.jsonpath.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.StatesError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntrinsicFunctionsTest {

    private static JsonNode eval(String expr, String input) {
        return IntrinsicFunctions.evaluate(expr, ctx(input), "r.$");
    }

    private static void assertFailure(String expr, String input, String messagePart) {
        assertThatThrownBy(() -> eval(expr, input)).isInstanceOfSatisfying(StatesError.class, e -> {
            assertThat(e.error()).isEqualTo("States.IntrinsicFailure");
            assertThat(e.detail()).contains(messagePart);
        });
    }

    @Test
    void parse_buildsNestedCallTree() {
        IntrinsicCall call = IntrinsicFunctions.parse("States.ArrayGetItem(States.StringSplit($$.x, '-'), -1, 2.5, true, null)");
        assertThat(call.name()).isEqualTo("States.ArrayGetItem");
        assertThat(call.args()).hasSize(5);
        assertThat(call.args().get(0)).isInstanceOf(IntrinsicCall.class);
        assertThat(call.args().get(1)).isEqualTo(new IntrinsicArg.Literal(json("-1")));
        assertThat(call.args().get(2)).isEqualTo(new IntrinsicArg.Literal(json("2.5")));
    }

    @Test
    void parse_pathWithFilterKeepsCommasInsideBrackets() {
        IntrinsicCall call = IntrinsicFunctions.parse("States.Array($.a[?(@.b == 'x,y')], $.c)");
        assertThat(call.args()).containsExactly(new IntrinsicArg.Path("$.a[?(@.b == 'x,y')]"), new IntrinsicArg.Path("$.c"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "States.Nope(1)|0|Unknown intrinsic function",
        "States.Array(1|14|Expected ',' or ')'",
        "States.Format('abc)|14|Unterminated string literal",
        "States.Array(1) x|16|Unexpected text",
        "States.Array(#)|13|Unexpected character"})
    void parse_malformedReportsPosition(String expr, int position, String message) {
        assertThatThrownBy(() -> IntrinsicFunctions.parse(expr)).isInstanceOfSatisfying(IntrinsicParseException.class, e -> {
            assertThat(e.position()).isEqualTo(position);
            assertThat(e.getMessage()).contains(message).contains("at position " + position);
        });
    }

    @Test
    void parse_pathEndingInABackslashInsideAnOpenQuote_isAParseError() {
        // Found by fuzzing: the escape stepped past the end and the parser failed with an index error.
        String expr = "States.Array($.a[?(@.b == 'x\\";

        assertThatThrownBy(() -> IntrinsicFunctions.parse(expr)).isInstanceOfSatisfying(IntrinsicParseException.class,
                e -> assertThat(e.getMessage()).contains("Expected ',' or ')'").contains("at position " + expr.length()));
    }

    @Test
    void format_rendersValuesLikeAws() {
        assertThat(eval("States.Format('a={} b={} c={} d={}', $.o, $.i, $.d, $.n)",
                "{'o':{'Arg1':1,'Arg2':[]},'i':1,'d':1.1,'n':null}"))
                .isEqualTo(json("'a={Arg1=1, Arg2=[]} b=1 c=1.1 d=null'"));
    }

    @Test
    void format_escapedBracesAndQuotes() {
        assertThat(eval("States.Format('\\{\\} it\\'s {}', 'x')", "{}")).isEqualTo(json("'{} it\\u0027s x'"));
    }

    @Test
    void format_placeholderCountMismatchFails() {
        assertFailure("States.Format('{} {}', 1)", "{}", "placeholders");
    }

    @Test
    void jsonConversions_roundTrip() {
        assertThat(eval("States.JsonToString($.o)", "{'o':{'Arg1':1,'Arg2':[]}}")).isEqualTo(json("'{\\\"Arg1\\\":1,\\\"Arg2\\\":[]}'"));
        assertThat(eval("States.StringToJson($.s)", "{'s':'[1, 2]'}")).isEqualTo(json("[1,2]"));
        assertThat(eval("States.StringToJson($.s)", "{'s':' '}")).isEqualTo(json("null"));
        assertFailure("States.StringToJson($.s)", "{'s':'{bad'}", "States.StringToJson");
    }

    @Test
    void arrayFunctions_behaveAsDocumented() {
        assertThat(eval("States.Array(1, 'a', $.x)", "{'x':null}")).isEqualTo(json("[1,'a',null]"));
        assertThat(eval("States.ArrayPartition($.a, 2)", "{'a':[1,2,3]}")).isEqualTo(json("[[1,2],[3]]"));
        assertThat(eval("States.ArrayContains($.a, 1.0)", "{'a':[1,2]}")).isEqualTo(json("true"));
        assertThat(eval("States.ArrayRange(0, 9, 3)", "{}")).isEqualTo(json("[0,3,6,9]"));
        assertThat(eval("States.ArrayRange(5, 1, -2)", "{}")).isEqualTo(json("[5,3,1]"));
        assertThat(eval("States.ArrayGetItem($.a, 1)", "{'a':[1,2]}")).isEqualTo(json("2"));
        assertThat(eval("States.ArrayLength($.a)", "{'a':[1,2]}")).isEqualTo(json("2"));
        assertThat(eval("States.ArrayUnique($.a)", "{'a':[1,1,{'x':1},{'x':1},null,null]}")).isEqualTo(json("[1,{'x':1},null]"));
    }

    @Test
    void arrayFunctions_rejectBadArguments() {
        assertFailure("States.ArrayRange(0, 2000, 1)", "{}", "1000");
        assertFailure("States.ArrayRange(0, 2, 0)", "{}", "Step");
        assertFailure("States.ArrayGetItem($.a, 5)", "{'a':[1]}", "out of bounds");
        assertFailure("States.ArrayPartition($.a, 0)", "{'a':[1]}", "greater than 0");
        assertFailure("States.ArrayLength($.a)", "{'a':'x'}", "is not an array");
        assertFailure("States.ArrayLength($.a, 1)", "{'a':[]}", "expects 1 argument");
    }

    /**
     * Regression (review of issue 8): near the bounds of a long, the count overflowed negative and passed
     * the 1,000-item bound, and the loop's value wrapped past Long.MAX_VALUE: either ran without end.
     */
    @Test
    void arrayRange_nearTheBoundsOfALong_neitherOverflowsNorWraps() {
        assertFailure("States.ArrayRange($.from, $.to, 1)", "{'from':-9000000000000000000,'to':9000000000000000000}", "1000");
        assertThat(eval("States.ArrayRange($.from, $.to, 1)", "{'from':9223372036854775805,'to':9223372036854775807}"))
                .isEqualTo(json("[9223372036854775805,9223372036854775806,9223372036854775807]"));
        assertThat(eval("States.ArrayRange(3, 1, 1)", "{}")).isEqualTo(json("[]"));
    }

    @Test
    void encodingAndHash_matchKnownValues() {
        assertThat(eval("States.Base64Encode('Data to encode')", "{}")).isEqualTo(json("'RGF0YSB0byBlbmNvZGU='"));
        assertThat(eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", "{}")).isEqualTo(json("'Data to encode'"));
        assertThat(eval("States.Hash('input data', 'SHA-256')", "{}"))
                .isEqualTo(json("'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'"));
        assertThat(eval("States.Hash('', 'MD5')", "{}")).isEqualTo(json("'d41d8cd98f00b204e9800998ecf8427e'"));
        assertFailure("States.Hash('x', 'SHA-3')", "{}", "not supported");
        assertFailure("States.Base64Encode($.s)", "{'s':'" + "a".repeat(10_001) + "'}", "10000");
    }

    @Test
    void jsonMerge_isShallowAndRejectsDeep() {
        assertThat(eval("States.JsonMerge($.a, $.b, false)", "{'a':{'x':{'p':1},'y':1},'b':{'x':{'q':2}}}"))
                .isEqualTo(json("{'x':{'q':2},'y':1}"));
        assertFailure("States.JsonMerge($.a, $.b, true)", "{'a':{},'b':{}}", "shallow");
    }

    @ParameterizedTest
    @CsvSource({"1.49,1.5,3", "-1.5,0,-1", "-1.51,0,-2", "0.5,0,1", "-0.5,0,0", "-3.5,0,-3", "-9,3,-6"})
    void mathAdd_roundsOperandsLikeAws(String a, String b, long expected) {
        assertThat(eval("States.MathAdd($.a, $.b)", "{'a':" + a + ",'b':" + b + "}").longValue()).isEqualTo(expected);
    }

    @Test
    void mathRandom_staysInRangeAndSeedIsDeterministic() {
        for (int i = 0; i < 50; i++) {
            assertThat(eval("States.MathRandom(1, 3)", "{}").longValue()).isBetween(1L, 3L);
        }
        assertThat(eval("States.MathRandom(1, 999, 7)", "{}")).isEqualTo(eval("States.MathRandom(1, 999, 7)", "{}"));
    }

    @Test
    void stringSplit_splitsOnEachDelimiterCharAndDropsEmpties() {
        assertThat(eval("States.StringSplit($.s, '.+,=')", "{'s':'This.is+a,test=string'}"))
                .isEqualTo(json("['This','is','a','test','string']"));
        assertThat(eval("States.StringSplit(',,,,', ',')", "{}")).isEqualTo(json("[]"));
    }

    @Test
    void uuid_isVersion4() {
        assertThat(eval("States.UUID()", "{}").textValue()).matches("[0-9a-f-]{36}").satisfies(s -> assertThat(s.charAt(14)).isEqualTo('4'));
    }

    @Test
    void evaluate_missingPathArgumentRaisesRuntime() {
        assertThatThrownBy(() -> eval("States.Array($.nope)", "{}")).isInstanceOfSatisfying(StatesError.class,
                e -> assertThat(e.error()).isEqualTo("States.Runtime"));
    }
}
