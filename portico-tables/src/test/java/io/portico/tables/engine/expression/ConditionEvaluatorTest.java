package io.portico.tables.engine.expression;

import static io.portico.tables.engine.expression.Fixtures.attributes;
import static io.portico.tables.engine.value.TestValues.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.tables.engine.TablesException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionEvaluatorTest {

    private static final String ITEM = "{'a':{'S':'x'},'num':{'N':'3'},'bin':{'B':'AQID'},'ss':{'SS':['a','b']},"
            + "'ns':{'NS':['1','2']},'l':{'L':[{'S':'z'},{'N':'1'}]},'m':{'M':{'k':{'S':'v'},'deep':{'L':[{'N':'7'}]}}},"
            + "'flag':{'BOOL':true},'nothing':{'NULL':true},'str':{'S':'abc'},'big':{'N':'100'},'e':{'S':'é'}}";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "a = :s|true", "a = :t|false", "a <> :t|true", "a <> :s|false",
            "absent = :s|false", "absent <> :s|true",       // an absent attribute is unequal to everything
            "num = :s|false", "num <> :s|true",               // different types are never equal
            "num > :n|true", "num < :n5|true", "num >= :n5|false", "big > :n5|true",   // numbers compare numerically
            "str > :pre|true", "str < :t|true", "a > :n|false",                        // strings by bytes; no order across types
            "e > :t|true",
            "num BETWEEN :n AND :n5|true", "big BETWEEN :n AND :n5|false", "a BETWEEN :n AND :n5|false",
            "a IN (:t, :s)|true", "a IN (:t, :n)|false", "absent IN (:s)|false",
            "attribute_exists(a)|true", "attribute_exists(absent)|false", "attribute_exists(m.k)|true",
            "attribute_exists(m.deep[0])|true", "attribute_exists(m.deep[1])|false", "attribute_exists(a.k)|false",
            "attribute_not_exists(absent)|true", "attribute_not_exists(a)|false",
            "attribute_type(a, :typeS)|true", "attribute_type(a, :typeN)|false", "attribute_type(absent, :typeS)|false",
            "begins_with(str, :pre)|true", "begins_with(a, :pre)|false", "begins_with(num, :pre)|false",
            "contains(str, :pre)|true", "contains(ss, :s)|false", "contains(l, :n)|true", "contains(ns, :n)|true",
            "contains(ss, :pre)|false",
            "size(str) = :n|false", "size(ss) > :n|true", "size(l) < :n5|true", "size(m) > :n|true",
            "size(bin) > :n|true", "size(num) = :n|false", "size(absent) = :n|false",
            "NOT a = :s|false", "a = :s AND num = :n|false", "a = :s OR num = :n|true",
            "NOT (a = :t OR num = :n)|true", "m.deep[0] = :n|false", "l[0] <> :s|true",
            "flag = :bool|true", "nothing = :null|true", "m = :m|false", "#n = :s|false"})
    void matches_followsDynamoDbRules(String expression, boolean expected) {
        Condition condition = Expressions.condition(expression, attributes());
        assertThat(ConditionEvaluator.matches(condition, item(ITEM))).isEqualTo(expected);
    }

    @Test
    void matches_mapAndSetEqualityIgnoresOrder() {
        Condition condition = Expressions.condition("m = :m AND s = :ss", attributes());
        assertThat(ConditionEvaluator.matches(condition,
                item("{'m':{'M':{'k':{'S':'v'}}},'s':{'SS':['b','a']}}"))).isTrue();
    }

    @Test
    void require_failsWithTheRecordedConditionalCheckMessage() {
        Condition condition = Expressions.condition("attribute_not_exists(a)", attributes());
        assertThatThrownBy(() -> ConditionEvaluator.require(condition, item(ITEM)))
                .isInstanceOfSatisfying(TablesException.class,
                        e -> assertThat(e.kind()).isEqualTo(TablesException.Kind.CONDITION_FAILED))
                .hasMessage("The conditional request failed");
        ConditionEvaluator.require(condition, Map.of());
    }
}
