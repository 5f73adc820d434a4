package io.portico.tables.engine.expression;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.Comparisons;
import io.portico.tables.engine.value.DynamoNumber;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Decides a {@link Condition} over an item, as DynamoDB does: an operand that reaches no value (an absent
 * attribute, {@code size} of a number) makes its comparison false, and so do operands of different types;
 * only {@code <>} is true for them. A condition checked before a write sees the existing item, or an empty
 * one when there is none. Stateless and thread-safe.
 */
public final class ConditionEvaluator {

    private ConditionEvaluator() {}

    /** Whether {@code item} satisfies {@code condition}. */
    public static boolean matches(Condition condition, Map<String, AttributeValue> item) {
        return switch (condition) {
            case Condition.And and -> matches(and.left(), item) && matches(and.right(), item);
            case Condition.Or or -> matches(or.left(), item) || matches(or.right(), item);
            case Condition.Not not -> !matches(not.condition(), item);
            case Condition.Compare compare -> compare(compare, item);
            case Condition.Between between -> between(between, item);
            case Condition.In in -> in(in, item);
            case Condition.AttributeExists exists -> DocumentPaths.get(item, exists.path()).isPresent();
            case Condition.AttributeNotExists notExists -> DocumentPaths.get(item, notExists.path()).isEmpty();
            case Condition.AttributeType type -> DocumentPaths.get(item, type.path())
                    .filter(value -> value.type().equals(type.type())).isPresent();
            case Condition.BeginsWith begins -> both(begins.operand(), begins.prefix(), item, Comparisons::beginsWith);
            case Condition.Contains contains -> both(contains.operand(), contains.part(), item, Comparisons::contains);
        };
    }

    /**
     * Refuses a write whose condition {@code item} does not satisfy.
     *
     * @throws TablesException {@code CONDITION_FAILED}: {@code The conditional request failed}
     */
    public static void require(Condition condition, Map<String, AttributeValue> item) {
        if (!matches(condition, item)) {
            throw TablesException.conditionFailed();
        }
    }

    /** The value an operand of a condition reaches in {@code item}. */
    private static Optional<AttributeValue> resolve(Operand operand, Map<String, AttributeValue> item) {
        return switch (operand) {
            case Operand.PathOf path -> DocumentPaths.get(item, path.path());
            case Operand.Literal literal -> Optional.of(literal.value());
            case Operand.Size size -> resolve(size.operand(), item).flatMap(Comparisons::size)
                    .<AttributeValue>map(n -> new AttributeValue.N(DynamoNumber.of(n)));
            default -> throw new IllegalArgumentException("not a condition operand: " + operand);
        };
    }

    private static boolean compare(Condition.Compare compare, Map<String, AttributeValue> item) {
        Optional<AttributeValue> left = resolve(compare.left(), item);
        Optional<AttributeValue> right = resolve(compare.right(), item);
        if (compare.comparator() == Comparator.NE) {
            return !(left.isPresent() && right.isPresent() && Comparisons.equal(left.get(), right.get()));
        }
        if (left.isEmpty() || right.isEmpty()) {
            return false;
        }
        if (compare.comparator() == Comparator.EQ) {
            return Comparisons.equal(left.get(), right.get());
        }
        return Comparisons.order(left.get(), right.get()).map(compare.comparator()::holds).orElse(false);
    }

    private static boolean between(Condition.Between between, Map<String, AttributeValue> item) {
        Optional<AttributeValue> value = resolve(between.operand(), item);
        Optional<AttributeValue> lower = resolve(between.lower(), item);
        Optional<AttributeValue> upper = resolve(between.upper(), item);
        if (value.isEmpty() || lower.isEmpty() || upper.isEmpty()) {
            return false;
        }
        return Comparisons.between(value.get(), lower.get(), upper.get());
    }

    private static boolean in(Condition.In in, Map<String, AttributeValue> item) {
        Optional<AttributeValue> value = resolve(in.operand(), item);
        if (value.isEmpty()) {
            return false;
        }
        for (Operand candidate : in.candidates()) {
            if (resolve(candidate, item).filter(c -> Comparisons.equal(value.get(), c)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean both(Operand a, Operand b, Map<String, AttributeValue> item,
            BiPredicate<AttributeValue, AttributeValue> test) {
        Optional<AttributeValue> value = resolve(a, item);
        Optional<AttributeValue> argument = resolve(b, item);
        return value.isPresent() && argument.isPresent() && test.test(value.get(), argument.get());
    }
}
