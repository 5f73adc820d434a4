package io.portico.tables.engine.expression;

import io.portico.tables.engine.value.AttributeValue;
import java.util.List;
import java.util.Optional;

/**
 * A term of a condition as parsed, before its place is known: a function call stays a {@link Call} until
 * the predicate decides whether it is an operand ({@code size}) or a condition (the other functions).
 */
sealed interface Term {

    record Of(Operand operand) implements Term {}

    record Call(String name, List<Term> args) implements Term {}

    /** A term in parentheses (dropped once checked for doubling). */
    record Grouped(Term inner) implements Term {}

    /** The path this term is, if it is a plain path. */
    static Optional<Path> pathOf(Term term) {
        return term instanceof Of(Operand.PathOf(Path path)) ? Optional.of(path) : Optional.empty();
    }

    /** The type this term certainly has: a literal's, N for {@code size}, BOOL for a condition function. */
    static Optional<String> typeOf(Term term) {
        return switch (term) {
            case Of(Operand.Literal(AttributeValue value)) -> Optional.of(value.type());
            case Call call when call.name().equals("size") -> Optional.of("N");
            case Call call when ConditionFunctions.isKnown(call.name()) -> Optional.of("BOOL");
            default -> Optional.empty();
        };
    }
}
