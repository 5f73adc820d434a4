package io.portico.states.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.ComparisonOperator;
import io.portico.states.asl.QueryLanguage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a Choice state's rules. JSONPath rules are boolean trees (And/Or/Not) over data-test
 * expressions (Variable plus exactly one comparison operator with an operand of the operator's type);
 * JSONata rules are a {@code Condition}. Only top-level rules carry Next, Assign and Output. Not thread
 * safe: one instance per check.
 */
final class ChoiceChecker {
    private static final Set<String> TOP_ONLY = Set.of("Next", "Assign", "Output");

    private final Problems problems;

    ChoiceChecker(Problems problems) {
        this.problems = problems;
    }

    void check(JsonNode state, QueryLanguage language, String location) {
        problems.string(state, "Default", location);
        if (!problems.required(state, location, "Choices")) {
            return;
        }
        JsonNode choices = state.get("Choices");
        if (!choices.isArray()) {
            problems.schema(Problems.TYPE_ARRAY, location + "/Choices");
            return;
        }
        if (choices.isEmpty()) {
            problems.schema("Value cannot be empty", location + "/Choices");
            return;
        }
        for (int i = 0; i < choices.size(); i++) {
            String at = location + "/Choices[" + i + "]";
            JsonNode rule = choices.get(i);
            if (!rule.isObject()) {
                problems.schema(Problems.TYPE_OBJECT, at);
                continue;
            }
            problems.required(rule, at, "Next");
            problems.string(rule, "Next", at);
            if (language == QueryLanguage.JSONPATH && rule.has("Output")) {
                problems.schema(StateChecker.onlyFor("JSONPath", "Output", "JSONata"), at);
            }
            checkRule(rule, language, at, true);
        }
    }

    private void checkRule(JsonNode rule, QueryLanguage language, String at, boolean top) {
        for (String field : (Iterable<String>) rule::fieldNames) {
            boolean known = field.equals("Comment") || field.equals("Condition") || field.equals("And")
                    || field.equals("Or") || field.equals("Not") || field.equals("Variable")
                    || ComparisonOperator.byName(field).isPresent() || (top && TOP_ONLY.contains(field));
            if (!known) {
                problems.schema("Field '" + field + "' is not supported", at);
            }
        }
        if (language == QueryLanguage.JSONATA) {
            checkCondition(rule, at);
            return;
        }
        if (rule.has("Condition")) {
            problems.schema(StateChecker.onlyFor("JSONPath", "Condition", "JSONata"), at);
            return;
        }
        List<String> kinds = new ArrayList<>();
        for (String kind : new String[] {"And", "Or", "Not", "Variable"}) {
            if (rule.has(kind)) {
                kinds.add(kind);
            }
        }
        if (kinds.size() != 1) {
            problems.schema("The object must have only one of the following fields, [And, Or, Not, Variable, Condition]", at);
            return;
        }
        switch (kinds.get(0)) {
            case "And", "Or" -> checkList(rule.get(kinds.get(0)), language, at + "/" + kinds.get(0));
            case "Not" -> checkNested(rule.get("Not"), language, at + "/Not");
            default -> checkDataTest(rule, at);
        }
    }

    private void checkCondition(JsonNode rule, String at) {
        if (rule.has("Variable")) {
            problems.schema(StateChecker.onlyFor("JSONata", "Variable", "JSONPath"), at);
        }
        if (!problems.required(rule, at, "Condition")) {
            return;
        }
        JsonNode condition = rule.get("Condition");
        if (!condition.isBoolean() && !Jsonata.isExpression(condition)) {
            problems.schema("JSONata string must start with {% and end with %}", at + "/Condition");
        }
    }

    private void checkList(JsonNode rules, QueryLanguage language, String at) {
        if (!rules.isArray()) {
            problems.schema(Problems.TYPE_ARRAY, at);
            return;
        }
        if (rules.isEmpty()) {
            problems.schema("Value cannot be empty", at);
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            checkNested(rules.get(i), language, at + "[" + i + "]");
        }
    }

    private void checkNested(JsonNode rule, QueryLanguage language, String at) {
        if (!rule.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, at);
            return;
        }
        checkRule(rule, language, at, false);
    }

    private void checkDataTest(JsonNode rule, String at) {
        JsonNode variable = rule.get("Variable");
        if (!variable.isTextual()) {
            problems.schema(Problems.TYPE_STRING, at + "/Variable");
        } else {
            Paths.referencePathProblem(variable.asText()).ifPresent(m -> problems.schema(m, at + "/Variable"));
        }
        List<String> operators = new ArrayList<>();
        for (String field : (Iterable<String>) rule::fieldNames) {
            if (ComparisonOperator.byName(field).isPresent()) {
                operators.add(field);
            }
        }
        if (operators.size() != 1) {
            problems.schema("There should only be one of the following fields: " + operatorNames(operators), at);
            return;
        }
        ComparisonOperator operator = ComparisonOperator.byName(operators.get(0)).orElseThrow();
        checkOperand(operator, rule.get(operator.aslName()), at + "/" + operator.aslName());
    }

    private static List<String> operatorNames(List<String> present) {
        if (!present.isEmpty()) {
            return present;
        }
        List<String> all = new ArrayList<>();
        for (ComparisonOperator op : ComparisonOperator.values()) {
            all.add(op.aslName());
        }
        return all;
    }

    private void checkOperand(ComparisonOperator operator, JsonNode operand, String at) {
        if (operator.isPath()) {
            if (!operand.isTextual()) {
                problems.schema(Problems.TYPE_STRING, at);
            } else {
                Paths.referencePathProblem(operand.asText()).ifPresent(m -> problems.schema(m, at));
            }
            return;
        }
        switch (operator.kind()) {
            case STRING -> expect(operand.isTextual(), Problems.TYPE_STRING, at);
            case NUMERIC -> expect(operand.isNumber(), Problems.TYPE_NUMBER, at);
            case BOOLEAN, TYPE_TEST -> expect(operand.isBoolean(), Problems.TYPE_BOOLEAN, at);
            case TIMESTAMP -> expect(operand.isTextual() && Timestamps.isValid(operand.asText()),
                    "String does not match RFC3339 timestamp", at);
        }
    }

    private void expect(boolean ok, String message, String at) {
        if (!ok) {
            problems.schema(message, at);
        }
    }
}
