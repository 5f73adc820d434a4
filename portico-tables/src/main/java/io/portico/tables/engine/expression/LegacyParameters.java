package io.portico.tables.engine.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.AttributeValues;
import io.portico.tables.engine.value.Comparisons;
import io.portico.tables.engine.value.Wording;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's parameters from before expressions (Expected, KeyConditions, QueryFilter, ScanFilter,
 * AttributesToGet, AttributeUpdates, ConditionalOperator), read from the api's documents into the same
 * {@link Condition}, {@link Projection} and {@link Update} the expressions give, so one evaluator serves
 * both. Also the rule that a request uses one style or the other ({@link #requireOneStyle}). Messages are
 * DynamoDB's as dynalite reproduces them. Stateless.
 */
public final class LegacyParameters {

    private static final String INVALID = "One or more parameter values were invalid: ";

    private LegacyParameters() {}

    /**
     * Refuses a request that mixes expression and non-expression members.
     *
     * @param present the request's members that are set, any order
     * @param expressionMembers the operation's expression members, in DynamoDB's order
     * @param legacyMembers the operation's legacy members, in DynamoDB's order
     */
    public static void requireOneStyle(Set<String> present, List<String> expressionMembers, List<String> legacyMembers) {
        requireOneStyle(present, expressionMembers, legacyMembers, Wording.CURRENT);
    }

    /**
     * {@link #requireOneStyle(Set, List, List)} in the words of the operation's checker: the current one says
     * only {@code ExpressionAttributeValues can only be specified when using expressions} (captured for
     * PutItem, 2026), the older one adds which expressions are null (dynalite).
     */
    public static void requireOneStyle(Set<String> present, List<String> expressionMembers, List<String> legacyMembers,
            Wording wording) {
        List<String> expressions = expressionMembers.stream().filter(present::contains).toList();
        if (expressions.isEmpty()) {
            if (present.contains("ExpressionAttributeNames")) {
                throw TablesException.validation("ExpressionAttributeNames can only be specified when using expressions");
            }
            List<String> valued = expressionMembers.stream().filter(m -> !m.equals("ProjectionExpression")).toList();
            if (!valued.isEmpty() && present.contains("ExpressionAttributeValues")) {
                String message = "ExpressionAttributeValues can only be specified when using expressions";
                throw TablesException.validation(wording == Wording.CURRENT ? message
                        : message + ": " + String.join(" and ", valued) + " " + (valued.size() > 1 ? "are" : "is")
                                + " null");
            }
            return;
        }
        List<String> legacy = legacyMembers.stream().filter(present::contains)
                // a Query's KeyConditions may accompany a filter or projection expression
                .filter(m -> !(m.equals("KeyConditions") && !present.contains("KeyConditionExpression")))
                .toList();
        if (!legacy.isEmpty()) {
            throw TablesException.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {" + String.join(", ", legacy) + "} Expression parameters: {"
                    + String.join(", ", expressions) + "}");
        }
    }

    /** AttributesToGet as a projection of top-level attributes. */
    public static Projection attributesToGet(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<Path> paths = new ArrayList<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw TablesException.validation(INVALID + "Duplicate value in attribute name: " + name);
            }
            paths.add(Path.attribute(name));
        }
        return new Projection(paths);
    }

    /**
     * QueryFilter, ScanFilter or KeyConditions ({@code {"attr": {"ComparisonOperator": "EQ",
     * "AttributeValueList": [...]}}}) joined by {@code conditionalOperator} ({@code AND} or {@code OR}).
     */
    public static Condition conditions(JsonNode conditions, String conditionalOperator) {
        List<Condition> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : conditions.properties()) {
            JsonNode condition = entry.getValue();
            List<AttributeValue> values = values(condition.path("AttributeValueList"));
            String operator = condition.path("ComparisonOperator").asText();
            checkArguments(operator, values, true);
            parts.add(condition(Path.attribute(entry.getKey()), operator, values));
        }
        return join(parts, conditionalOperator);
    }

    /** Expected, with DynamoDB's checks of Value, Exists, ComparisonOperator and AttributeValueList together. */
    public static Condition expected(JsonNode expected, String conditionalOperator) {
        List<Condition> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : expected.properties()) {
            parts.add(expectation(entry.getKey(), entry.getValue()));
        }
        return join(parts, conditionalOperator);
    }

    /** AttributeUpdates ({@code {"attr": {"Action": "PUT", "Value": {...}}}}) as update actions. */
    public static Update attributeUpdates(JsonNode updates) {
        List<UpdateAction> actions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : updates.properties()) {
            Path path = Path.attribute(entry.getKey());
            JsonNode update = entry.getValue();
            String action = update.path("Action").asText("PUT");
            JsonNode valueNode = update.get("Value");
            if (valueNode == null || valueNode.isNull()) {
                if (!action.equals("DELETE")) {
                    throw TablesException.validation(INVALID
                            + "Only DELETE action is allowed when no attribute value is specified");
                }
                actions.add(new UpdateAction.Remove(path));
                continue;
            }
            AttributeValue value = AttributeValues.fromDocument(valueNode);
            switch (action) {
                case "DELETE" -> {
                    if (!Set.of("SS", "NS", "BS").contains(value.type())) {
                        throw TablesException.validation(INVALID
                                + "DELETE action with value is not supported for the type " + value.type());
                    }
                    actions.add(new UpdateAction.Delete(path, value));
                }
                case "ADD" -> {
                    if (!Set.of("L", "SS", "NS", "BS", "N").contains(value.type())) {
                        throw TablesException.validation(INVALID + "ADD action is not supported for the type "
                                + value.type());
                    }
                    actions.add(new UpdateAction.Add(path, value));
                }
                default -> actions.add(new UpdateAction.Set(path, new Operand.Literal(value)));
            }
        }
        return new Update(actions);
    }

    private static Condition expectation(String name, JsonNode condition) {
        Path path = Path.attribute(name);
        boolean hasList = condition.has("AttributeValueList");
        boolean hasValue = condition.has("Value") && !condition.get("Value").isNull();
        if (hasList && hasValue) {
            throw TablesException.validation(INVALID
                    + "Value and AttributeValueList cannot be used together for Attribute: " + name);
        }
        if (condition.has("ComparisonOperator")) {
            if (condition.has("Exists")) {
                throw TablesException.validation(INVALID
                        + "Exists and ComparisonOperator cannot be used together for Attribute: " + name);
            }
            String operator = condition.get("ComparisonOperator").asText();
            List<AttributeValue> values = hasList ? values(condition.get("AttributeValueList"))
                    : hasValue ? List.of(AttributeValues.fromDocument(condition.get("Value"))) : List.of();
            if (!operator.equals("NULL") && !operator.equals("NOT_NULL") && !hasList && !hasValue) {
                throw TablesException.validation(INVALID + "Value or AttributeValueList must be used with "
                        + "ComparisonOperator: " + operator + " for Attribute: " + name);
            }
            checkArguments(operator, values, false);
            return condition(path, operator, values);
        }
        if (hasList) {
            throw TablesException.validation(INVALID
                    + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
        }
        JsonNode existsNode = condition.get("Exists");
        boolean exists = existsNode == null || existsNode.isNull() || existsNode.asBoolean();
        if (exists && !hasValue) {
            throw TablesException.validation(INVALID + "Value must be provided when Exists is "
                    + (existsNode == null || existsNode.isNull() ? "null" : "true") + " for Attribute: " + name);
        }
        if (!exists && hasValue) {
            throw TablesException.validation(INVALID + "Value cannot be used when Exists is false for Attribute: " + name);
        }
        return exists
                ? new Condition.Compare(Comparator.EQ, new Operand.PathOf(path),
                        new Operand.Literal(AttributeValues.fromDocument(condition.get("Value"))))
                : new Condition.AttributeNotExists(path);
    }

    private static Condition condition(Path path, String operator, List<AttributeValue> values) {
        Operand attribute = new Operand.PathOf(path);
        List<Operand> literals = values.stream().<Operand>map(Operand.Literal::new).toList();
        return switch (operator) {
            case "EQ", "NE", "LE", "LT", "GE", "GT" ->
                    new Condition.Compare(Comparator.valueOf(operator), attribute, literals.get(0));
            case "NULL" -> new Condition.AttributeNotExists(path);
            case "NOT_NULL" -> new Condition.AttributeExists(path);
            case "CONTAINS" -> new Condition.Contains(attribute, literals.get(0));
            case "NOT_CONTAINS" -> new Condition.Not(new Condition.Contains(attribute, literals.get(0)));
            case "BEGINS_WITH" -> new Condition.BeginsWith(attribute, literals.get(0));
            case "IN" -> new Condition.In(attribute, literals);
            case "BETWEEN" -> new Condition.Between(attribute, literals.get(0), literals.get(1));
            default -> throw new IllegalArgumentException("the model admits no ComparisonOperator " + operator);
        };
    }

    /** The number and types of arguments each operator takes; {@code typed} adds the filter's type rules. */
    private static void checkArguments(String operator, List<AttributeValue> values, boolean typed) {
        int count = values.size();
        boolean countOk = switch (operator) {
            case "NULL", "NOT_NULL" -> count == 0;
            case "IN" -> count >= 1;
            case "BETWEEN" -> count == 2;
            default -> count == 1;
        };
        if (!countOk) {
            throw TablesException.validation(INVALID + "Invalid number of argument(s) for the " + operator
                    + " ComparisonOperator");
        }
        if (count > 0 && values.stream().anyMatch(v -> !v.type().equals(values.get(0).type()))) {
            throw TablesException.validation(INVALID + "AttributeValues inside AttributeValueList must be of same type");
        }
        if (typed) {
            Set<String> allowed = switch (operator) {
                case "EQ", "NE" -> Set.of("S", "N", "B", "SS", "NS", "BS");
                case "BEGINS_WITH" -> Set.of("S", "B");
                case "NULL", "NOT_NULL" -> Set.of();
                default -> Set.of("S", "N", "B");
            };
            for (AttributeValue value : values) {
                if (!allowed.contains(value.type())) {
                    throw TablesException.validation(INVALID + "ComparisonOperator " + operator + " is not valid for "
                            + value.type() + " AttributeValue type");
                }
            }
        }
        if (operator.equals("BETWEEN") && Comparisons.order(values.get(0), values.get(1)).orElse(0) > 0) {
            throw TablesException.validation(
                    "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
    }

    private static List<AttributeValue> values(JsonNode list) {
        List<AttributeValue> values = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(node -> values.add(AttributeValues.fromDocument(node)));
        }
        return values;
    }

    private static Condition join(List<Condition> parts, String conditionalOperator) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no conditions to join");
        }
        boolean or = "OR".equals(conditionalOperator);
        Condition joined = parts.get(0);
        for (Condition next : parts.subList(1, parts.size())) {
            joined = or ? new Condition.Or(joined, next) : new Condition.And(joined, next);
        }
        return joined;
    }
}
