package io.portico.tables.engine.expression;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.KeySchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed KeyConditionExpression into a {@link KeyQuery} over a key schema, refusing what DynamoDB
 * refuses in its words. The expression may only AND together one equality on the partition key and at most
 * one condition ({@code = < <= > >=}, BETWEEN, begins_with) on the sort key, each with the key attribute on
 * one side and values on the other; the values must have the key's type.
 *
 * <p>The checks run in two passes, as DynamoDB's messages show: first the shape of the expression, key
 * schema unknown (operators, functions, nesting, one condition per attribute), then the conditions against
 * the schema (missed or extra key elements, operators the partition key cannot take, value types).
 */
public final class KeyConditions {

    /** The condition found on one key attribute. */
    private record KeyCondition(Condition source, Comparator comparator, List<AttributeValue> values) {}

    private static final Set<String> ORDERED_TYPES = Set.of("S", "N", "B");

    private KeyConditions() {}

    /**
     * @throws TablesException {@code VALIDATION} with DynamoDB's message for a key condition it does not support
     */
    public static KeyQuery analyse(Condition keyCondition, KeySchema schema) {
        Map<String, KeyCondition> conditions = new LinkedHashMap<>();
        collect(keyCondition, conditions);
        if (conditions.size() > 2) {
            throw invalid("Conditions can be of length 1 or 2 only");
        }
        for (Map.Entry<String, KeyCondition> entry : conditions.entrySet()) {
            checkValueTypes(entry.getValue());
        }
        KeySchema.Attribute partition = schema.partition();
        if (schema.sort().isEmpty() && conditions.size() > 1) {
            throw invalid("Query key condition not supported");
        }
        KeyCondition onPartition = conditions.get(partition.name());
        if (onPartition == null) {
            throw invalid("Query condition missed key schema element: " + partition.name());
        }
        checkSchemaType(onPartition, partition);
        if (onPartition.comparator() != Comparator.EQ || onPartition.source() instanceof Condition.Between
                || onPartition.source() instanceof Condition.BeginsWith) {
            throw invalid("Query key condition not supported");
        }
        Optional<String> sortName = schema.sort().map(KeySchema.Attribute::name);
        KeyQuery.SortCondition sort = new KeyQuery.Any();
        if (schema.sort().isPresent()) {
            KeySchema.Attribute sortKey = schema.sort().get();
            KeyCondition onSort = conditions.get(sortKey.name());
            if (onSort == null && conditions.size() > 1) {
                throw invalid("Query condition missed key schema element: " + sortKey.name());
            }
            if (onSort != null) {
                checkSchemaType(onSort, sortKey);
                sort = sortCondition(onSort);
            }
        }
        return new KeyQuery(partition.name(), onPartition.values().get(0), sortName, sort);
    }

    private static KeyQuery.SortCondition sortCondition(KeyCondition condition) {
        return switch (condition.source()) {
            case Condition.Between between -> new KeyQuery.Between(condition.values().get(0), condition.values().get(1));
            case Condition.BeginsWith begins -> new KeyQuery.BeginsWith(condition.values().get(0));
            default -> new KeyQuery.Compared(condition.comparator(), condition.values().get(0));
        };
    }

    private static void collect(Condition condition, Map<String, KeyCondition> conditions) {
        switch (condition) {
            case Condition.And and -> {
                collect(and.left(), conditions);
                collect(and.right(), conditions);
            }
            case Condition.Or ignored -> throw invalidOperator("OR");
            case Condition.Not ignored -> throw invalidOperator("NOT");
            case Condition.In ignored -> throw invalidOperator("IN");
            case Condition.AttributeExists ignored -> throw invalidOperator("attribute_exists");
            case Condition.AttributeNotExists ignored -> throw invalidOperator("attribute_not_exists");
            case Condition.AttributeType ignored -> throw invalidOperator("attribute_type");
            case Condition.Contains ignored -> throw invalidOperator("contains");
            case Condition.Compare compare -> {
                if (compare.comparator() == Comparator.NE) {
                    throw invalidOperator("<>");
                }
                leaf(condition, compare.comparator(), List.of(compare.left(), compare.right()), conditions);
            }
            case Condition.Between between -> {
                requireKeyFirst(between.operand(), "BETWEEN");
                leaf(condition, Comparator.EQ, List.of(between.operand(), between.lower(), between.upper()), conditions);
            }
            case Condition.BeginsWith begins -> {
                requireKeyFirst(begins.operand(), "begins_with");
                leaf(condition, Comparator.EQ, List.of(begins.operand(), begins.prefix()), conditions);
            }
        }
    }

    private static void requireKeyFirst(Operand first, String operator) {
        if (first instanceof Operand.Size) {
            throw invalid("KeyConditionExpressions cannot contain nested operations");
        }
        if (!(first instanceof Operand.PathOf)) {
            throw invalid("Invalid condition in KeyConditionExpression: " + operator
                    + " operator must have the key attribute as its first operand");
        }
    }

    /** One condition on one key attribute: exactly one plain path among its operands, the rest values. */
    private static void leaf(Condition source, Comparator comparator, List<Operand> operands,
            Map<String, KeyCondition> conditions) {
        Path key = null;
        int keyAt = -1;
        List<AttributeValue> values = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            switch (operands.get(i)) {
                case Operand.PathOf path -> {
                    if (key != null) {
                        throw invalid("Invalid condition in KeyConditionExpression: "
                                + "Multiple attribute names used in one condition");
                    }
                    if (path.path().isNested()) {
                        throw invalid("KeyConditionExpressions cannot have conditions on nested attributes");
                    }
                    key = path.path();
                    keyAt = i;
                }
                case Operand.Literal literal -> values.add(literal.value());
                default -> throw invalid("KeyConditionExpressions cannot contain nested operations");
            }
        }
        if (key == null) {
            throw invalid("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        if (conditions.containsKey(key.attribute())) {
            throw invalid("KeyConditionExpressions must only contain one condition per key");
        }
        Comparator oriented = keyAt == 0 ? comparator : comparator.mirrored();
        conditions.put(key.attribute(), new KeyCondition(source, oriented, values));
    }

    /** The legacy-style check DynamoDB applies to every key condition's values before the schema's. */
    private static void checkValueTypes(KeyCondition condition) {
        String operator = switch (condition.source()) {
            case Condition.Between ignored -> "BETWEEN";
            case Condition.BeginsWith ignored -> "BEGINS_WITH";
            default -> condition.comparator().name();
        };
        Set<String> allowed = switch (operator) {
            case "EQ" -> Set.of("S", "N", "B", "SS", "NS", "BS");
            case "BEGINS_WITH" -> Set.of("S", "B");
            default -> ORDERED_TYPES;
        };
        for (AttributeValue value : condition.values()) {
            if (!allowed.contains(value.type())) {
                throw invalid("One or more parameter values were invalid: ComparisonOperator " + operator
                        + " is not valid for " + value.type() + " AttributeValue type");
            }
        }
    }

    private static void checkSchemaType(KeyCondition condition, KeySchema.Attribute attribute) {
        for (AttributeValue value : condition.values()) {
            if (!value.type().equals(attribute.type())) {
                throw invalid("One or more parameter values were invalid: "
                        + "Condition parameter type does not match schema type");
            }
        }
    }

    private static TablesException invalidOperator(String operator) {
        return invalid("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static TablesException invalid(String message) {
        return TablesException.validation(message);
    }
}
