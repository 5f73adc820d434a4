package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.ChoiceRule;
import io.portico.states.asl.ComparisonOperator;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.StatesError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Evaluates JSONPath-mode Choice rules.
 *
 * <p>Semantics as AWS records them: a comparison whose Variable (or {@code ...Path} operand) holds a
 * value of the wrong type is simply false, never an error; {@code IsPresent} is the only test that
 * tolerates a missing Variable, every other operator fails with States.Runtime. Numbers compare by value
 * ({@code 1 == 1.0}); strings by UTF-16 code units (Java's {@code compareTo}, as AWS's Java engine does);
 * timestamps as RFC 3339 instants; StringMatches treats {@code *} as a wildcard with {@code \*} and
 * {@code \\} as escapes. And/Or short-circuit. Thread safe (stateless).
 */
public final class ChoiceEvaluator {

    private ChoiceEvaluator() {
    }

    /**
     * Whether {@code rule} matches. Throws {@link IllegalArgumentException} for a JSONata
     * {@link ChoiceRule.Condition}, which is not this package's job.
     */
    public static boolean matches(ChoiceRule rule, EvalContext ctx) {
        return switch (rule) {
            case ChoiceRule.Comparison comparison -> compare(comparison, ctx);
            case ChoiceRule.And and -> {
                for (ChoiceRule r : and.rules()) {
                    if (!matches(r, ctx)) {
                        yield false;
                    }
                }
                yield true;
            }
            case ChoiceRule.Or or -> {
                for (ChoiceRule r : or.rules()) {
                    if (matches(r, ctx)) {
                        yield true;
                    }
                }
                yield false;
            }
            case ChoiceRule.Not not -> !matches(not.rule(), ctx);
            case ChoiceRule.Condition condition ->
                    throw new IllegalArgumentException("JSONata Condition rules are not evaluated in JSONPath mode");
        };
    }

    private static boolean compare(ChoiceRule.Comparison c, EvalContext ctx) {
        ComparisonOperator op = c.operator();
        Optional<JsonNode> found = Expressions.find(c.variable(), ctx);
        if (op == ComparisonOperator.IS_PRESENT) {
            return found.isPresent() == c.operand().asBoolean();
        }
        JsonNode value = found.orElseThrow(() -> invalidPath(c.variable()));
        if (op.kind() == ComparisonOperator.Kind.TYPE_TEST) {
            return typeTest(op, value) == c.operand().asBoolean();
        }
        JsonNode operand = c.operand();
        if (op.isPath()) {
            String path = operand.textValue();
            operand = Expressions.find(path, ctx).orElseThrow(() -> invalidPath(path));
        }
        return switch (op.kind()) {
            case STRING -> value.isTextual() && operand.isTextual() && stringTest(op, value.textValue(), operand.textValue());
            case NUMERIC -> value.isNumber() && operand.isNumber() && order(op, Json.compareNumbers(value, operand));
            case BOOLEAN -> value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
            case TIMESTAMP -> timestampTest(op, value, operand);
            case TYPE_TEST -> throw new IllegalStateException("handled above");
        };
    }

    private static boolean typeTest(ComparisonOperator op, JsonNode value) {
        return switch (op) {
            case IS_NULL -> value.isNull();
            case IS_NUMERIC -> value.isNumber();
            case IS_STRING -> value.isTextual();
            case IS_BOOLEAN -> value.isBoolean();
            case IS_TIMESTAMP -> value.isTextual() && timestamp(value.textValue()) != null;
            default -> throw new IllegalArgumentException("Not a type test: " + op);
        };
    }

    private static boolean stringTest(ComparisonOperator op, String value, String operand) {
        if (op == ComparisonOperator.STRING_MATCHES) {
            return StringPattern.matches(operand, value);
        }
        return order(op, value.compareTo(operand));
    }

    private static boolean timestampTest(ComparisonOperator op, JsonNode value, JsonNode operand) {
        if (!value.isTextual() || !operand.isTextual()) {
            return false;
        }
        OffsetDateTime left = timestamp(value.textValue());
        OffsetDateTime right = timestamp(operand.textValue());
        return left != null && right != null && order(op, left.toInstant().compareTo(right.toInstant()));
    }

    /** Maps a comparison result to the operator's relation (Equals, LessThan, ...). */
    private static boolean order(ComparisonOperator op, int cmp) {
        String name = op.aslName();
        if (name.contains("LessThanEquals")) {
            return cmp <= 0;
        }
        if (name.contains("GreaterThanEquals")) {
            return cmp >= 0;
        }
        if (name.contains("LessThan")) {
            return cmp < 0;
        }
        if (name.contains("GreaterThan")) {
            return cmp > 0;
        }
        return cmp == 0;
    }

    /** RFC 3339 date-time with offset, or null when {@code text} is not one. */
    static OffsetDateTime timestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static StatesError invalidPath(String path) {
        return StatesError.runtime("Invalid path '" + path + "': The choice state's condition path references an invalid value.");
    }
}
