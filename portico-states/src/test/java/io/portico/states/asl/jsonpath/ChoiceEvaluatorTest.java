package io.portico.states.asl.jsonpath;

import static io.portico.states.asl.jsonpath.TestJson.ctx;
import static io.portico.states.asl.jsonpath.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.states.asl.ChoiceRule;
import io.portico.states.asl.ComparisonOperator;
import io.portico.states.asl.StatesError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceEvaluatorTest {

    private static boolean test(String input, String op, String operand) {
        var rule = new ChoiceRule.Comparison("$.v", ComparisonOperator.byName(op).orElseThrow(), json(operand));
        return ChoiceEvaluator.matches(rule, ctx(input));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'v':1}|NumericEquals|1.0|true",
        "{'v':'1'}|NumericEquals|1|false",
        "{'v':2.5}|NumericGreaterThan|2|true",
        "{'v':2}|NumericLessThanEquals|2|true",
        "{'v':'b'}|StringGreaterThan|'a'|true",
        "{'v':1}|StringEquals|'1'|false",
        "{'v':'log-2024.txt'}|StringMatches|'log-*.txt'|true",
        "{'v':'a*b'}|StringMatches|'a\\\\*b'|true",
        "{'v':'axb'}|StringMatches|'a\\\\*b'|false",
        "{'v':true}|BooleanEquals|true|true",
        "{'v':0}|BooleanEquals|false|false",
        "{'v':'2012-10-09T20:00:55+01:00'}|TimestampEquals|'2012-10-09T19:00:55Z'|true",
        "{'v':'2012-10-09'}|TimestampLessThan|'2012-10-09T19:00:55Z'|false",
        "{'v':null}|IsNull|true|true",
        "{'v':0.0}|IsNumeric|true|true",
        "{'v':'2012-10-09T19:00:55Z'}|IsTimestamp|true|true",
        "{'v':'x'}|IsString|false|false",
        "{}|IsPresent|false|true",
        "{'v':null}|IsPresent|true|true"})
    void matches_comparison(String input, String op, String operand, boolean expected) {
        assertThat(test(input, op, operand)).isEqualTo(expected);
    }

    @Test
    void matches_pathOperandReadsInput() {
        assertThat(test("{'v':3,'w':3.0}", "NumericEqualsPath", "'$.w'")).isTrue();
        assertThat(test("{'v':'a','w':'b'}", "StringLessThanPath", "'$.w'")).isTrue();
    }

    @Test
    void matches_missingVariableRaisesRuntime() {
        assertThatThrownBy(() -> test("{}", "NumericEquals", "1")).isInstanceOfSatisfying(StatesError.class, e -> {
            assertThat(e.error()).isEqualTo("States.Runtime");
            assertThat(e.detail()).isEqualTo("Invalid path '$.v': The choice state's condition path references an invalid value.");
        });
    }

    @Test
    void matches_booleanCombinators() {
        var yes = new ChoiceRule.Comparison("$.v", ComparisonOperator.IS_PRESENT, json("true"));
        var no = new ChoiceRule.Not(yes);
        var ctx = ctx("{'v':1}");
        assertThat(ChoiceEvaluator.matches(new ChoiceRule.And(List.of(yes, no)), ctx)).isFalse();
        assertThat(ChoiceEvaluator.matches(new ChoiceRule.Or(List.of(no, yes)), ctx)).isTrue();
    }

    @Test
    void matches_jsonataConditionIsRejected() {
        assertThatThrownBy(() -> ChoiceEvaluator.matches(new ChoiceRule.Condition(json("true")), ctx("{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringPattern_starsAndEscapes() {
        assertThat(StringPattern.matches("*", "")).isTrue();
        assertThat(StringPattern.matches("a*b*c", "aXXbYYc")).isTrue();
        assertThat(StringPattern.matches("a*b*c", "aXXbYY")).isFalse();
        assertThat(StringPattern.matches("a\\\\b", "a\\b")).isTrue();
    }
}
