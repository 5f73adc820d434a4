package io.portico.tables.engine.expression;

import io.portico.tables.engine.value.AttributeValue;

/**
 * What an expression computes a value from. Conditions use paths, values and {@code size}; the right side
 * of an update's SET also uses {@code +}, {@code -}, {@code if_not_exists} and {@code list_append}.
 */
public sealed interface Operand {

    /** The value at a document path of the item (absent when the path leads nowhere). */
    record PathOf(Path path) implements Operand {}

    /** An expression attribute value, already substituted. */
    record Literal(AttributeValue value) implements Operand {}

    /** {@code size(operand)}: a number. */
    record Size(Operand operand) implements Operand {}

    /** {@code left + right} (SET only). */
    record Plus(Operand left, Operand right) implements Operand {}

    /** {@code left - right} (SET only). */
    record Minus(Operand left, Operand right) implements Operand {}

    /** {@code if_not_exists(path, fallback)} (SET only). */
    record IfNotExists(Path path, Operand fallback) implements Operand {}

    /** {@code list_append(first, second)} (SET only). */
    record ListAppend(Operand first, Operand second) implements Operand {}
}
