package io.portico.tables.engine.expression;

import java.util.List;

/**
 * A parsed ConditionExpression, FilterExpression or KeyConditionExpression (or legacy Expected,
 * QueryFilter, ScanFilter, KeyConditions), names and values substituted. {@link ConditionEvaluator}
 * decides it over an item; {@link KeyConditions} turns a key condition into a key range.
 */
public sealed interface Condition {

    record Compare(Comparator comparator, Operand left, Operand right) implements Condition {}

    record Between(Operand operand, Operand lower, Operand upper) implements Condition {}

    record In(Operand operand, List<Operand> candidates) implements Condition {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    record And(Condition left, Condition right) implements Condition {}

    record Or(Condition left, Condition right) implements Condition {}

    record Not(Condition condition) implements Condition {}

    record AttributeExists(Path path) implements Condition {}

    record AttributeNotExists(Path path) implements Condition {}

    /** {@code attribute_type(path, :type)}; {@code type} is a DynamoDB type name such as {@code SS}. */
    record AttributeType(Path path, String type) implements Condition {}

    record BeginsWith(Operand operand, Operand prefix) implements Condition {}

    record Contains(Operand operand, Operand part) implements Condition {}
}
