package io.portico.tables.engine.expression;

import io.portico.tables.engine.value.AttributeValue;

/** One action of an UpdateExpression (or of legacy AttributeUpdates). */
public sealed interface UpdateAction {

    /** The path the action writes. */
    Path path();

    record Set(Path path, Operand value) implements UpdateAction {}

    record Remove(Path path) implements UpdateAction {}

    /** Adds a number to a number, or members to a set; creates the attribute when absent. */
    record Add(Path path, AttributeValue value) implements UpdateAction {}

    /** Removes members from a set; an emptied set disappears. */
    record Delete(Path path, AttributeValue value) implements UpdateAction {}
}
