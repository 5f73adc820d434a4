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
 * <p>The checks run in two passes, as DynamoDB's messages show (measured against AWS, eu-west-2, 2026-10,
 * by a public conformance suite): first the shape of the expression, key schema unknown (operators,
 * functions, nesting, one condition per attribute, ordering operands that no key type has), worded as
 * expression errors ({@code Invalid KeyConditionExpression: ...}); then the conditions against the schema
 * (their number, missed key elements, value types, what the partition key can take), worded bare.
 */
public final class KeyConditions {

    /** The condition found on one key attribute; {@code written} is the operator as the request wrote it. */
    private record KeyCondition(Condition source, Comparator comparator, String written, List<AttributeValue> values) {}

    /** The types a key can have, so the only ones an ordering comparison on a key can take. */
    private static final Set<String> KEY_TYPES = Set.of("S", "N", "B");

    private KeyConditions() {}

    /**
     * @throws TablesException {@code INVALID_REQUEST} with DynamoDB's message for a key condition it does not support
     */
    public static KeyQuery analyse(Condition keyCondition, KeySchema schema) {
        Map<String, KeyCondition> conditions = new LinkedHashMap<>();
        collect(keyCondition, conditions);
        int keyAttributes = schema.attributes().size();
        if (conditions.size() > keyAttributes) {
            throw TablesException.validation("The number of query conditions (" + conditions.size()
                    + ") exceeds the number of key attributes defined in the schema (" + keyAttributes + ")");
        }
        KeySchema.Attribute partition = schema.partition();
        KeyCondition onPartition = conditions.get(partition.name());
        if (onPartition == null) {
            throw TablesException.validation("Query condition missed key schema element: " + partition.name());
        }
        checkSchemaType(onPartition, partition);
        if (onPartition.comparator() != Comparator.EQ || onPartition.source() instanceof Condition.Between
                || onPartition.source() instanceof Condition.BeginsWith) {
            throw TablesException.validation("Query key condition not supported");
        }
        Optional<String> sortName = schema.sort().map(KeySchema.Attribute::name);
        KeyQuery.SortCondition sort = new KeyQuery.Any();
        if (schema.sort().isPresent()) {
            KeySchema.Attribute sortKey = schema.sort().get();
            KeyCondition onSort = conditions.get(sortKey.name());
            if (onSort == null && conditions.size() > 1) {
                throw TablesException.validation("Query condition missed key schema element: " + sortKey.name());
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
                leaf(condition, compare.comparator(), compare.comparator().symbol(),
                        List.of(compare.left(), compare.right()), conditions);
            }
            case Condition.Between between -> {
                requireKeyFirst(between.operand(), "BETWEEN");
                leaf(condition, Comparator.EQ, "BETWEEN", List.of(between.operand(), between.lower(), between.upper()),
                        conditions);
            }
            case Condition.BeginsWith begins -> {
                requireKeyFirst(begins.operand(), "begins_with");
                leaf(condition, Comparator.EQ, "begins_with", List.of(begins.operand(), begins.prefix()), conditions);
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
    private static void leaf(Condition source, Comparator comparator, String written, List<Operand> operands,
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
        KeyCondition condition = new KeyCondition(source, oriented, written, values);
        checkOrderingOperands(condition);
        conditions.put(key.attribute(), condition);
    }

    /**
     * An ordering comparison or BETWEEN with a value no key can have (a BOOL, a set) is an expression error
     * naming the operator as written; an equality with one fails the schema check instead (as measured).
     */
    private static void checkOrderingOperands(KeyCondition condition) {
        boolean ordering = condition.source() instanceof Condition.Between
                || (condition.source() instanceof Condition.Compare && condition.comparator() != Comparator.EQ);
        if (!ordering) {
            return;
        }
        for (AttributeValue value : condition.values()) {
            if (!KEY_TYPES.contains(value.type())) {
                throw invalid("Incorrect operand type for operator or function; operator or function: "
                        + condition.written() + ", operand type: " + value.type());
            }
        }
    }

    private static void checkSchemaType(KeyCondition condition, KeySchema.Attribute attribute) {
        for (AttributeValue value : condition.values()) {
            if (!value.type().equals(attribute.type())) {
                throw TablesException.validation("One or more parameter values were invalid: "
                        + "Condition parameter type does not match schema type");
            }
        }
    }

    private static TablesException invalidOperator(String operator) {
        return invalid("Invalid operator used in KeyConditionExpression: " + operator);
    }

    /** An error in the expression's shape, worded as DynamoDB words expression errors. */
    private static TablesException invalid(String message) {
        return TablesException.validation(ExpressionKind.KEY_CONDITION.invalid(message));
    }
}
