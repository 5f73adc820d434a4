package io.portico.tables.engine.expression;

import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.Comparisons;
import io.portico.tables.engine.value.KeyEncoding;
import java.util.Arrays;
import java.util.Optional;

/**
 * An analysed key condition: the one partition a query reads and which of its sort keys. A store scans the
 * partition between {@link SortCondition#lower()} and {@link SortCondition#upper()}, bounds in the
 * {@link KeyEncoding} of the sort key; {@link SortCondition#matches} decides one sort key value directly.
 */
public record KeyQuery(String partitionName, AttributeValue partition, Optional<String> sortName, SortCondition sort) {

    /** One end of a range of encoded sort keys. */
    public record Bound(byte[] key, boolean inclusive) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bound other && inclusive == other.inclusive && Arrays.equals(key, other.key);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(key) + Boolean.hashCode(inclusive);
        }

        @Override
        public String toString() {
            return (inclusive ? "[" : "(") + Arrays.toString(key);
        }
    }

    /** The sort key condition, if any. */
    public sealed interface SortCondition {
        /** The lowest encoded sort key that can match; empty when unbounded. */
        Optional<Bound> lower();

        /** The highest encoded sort key that can match; empty when unbounded. */
        Optional<Bound> upper();

        /** Whether a sort key value satisfies the condition. */
        boolean matches(AttributeValue sortKey);
    }

    /** No condition on the sort key: the whole partition. */
    public record Any() implements SortCondition {
        public Optional<Bound> lower() {
            return Optional.empty();
        }

        public Optional<Bound> upper() {
            return Optional.empty();
        }

        public boolean matches(AttributeValue sortKey) {
            return true;
        }
    }

    /** {@code sk = v}, {@code sk < v}, ...: a comparison with one value. */
    public record Compared(Comparator comparator, AttributeValue value) implements SortCondition {
        public Optional<Bound> lower() {
            return switch (comparator) {
                case EQ, GE -> bound(value, true);
                case GT -> bound(value, false);
                default -> Optional.empty();
            };
        }

        public Optional<Bound> upper() {
            return switch (comparator) {
                case EQ, LE -> bound(value, true);
                case LT -> bound(value, false);
                default -> Optional.empty();
            };
        }

        public boolean matches(AttributeValue sortKey) {
            return Comparisons.order(sortKey, value).map(comparator::holds).orElse(false);
        }
    }

    /** {@code sk BETWEEN low AND high}, both ends included. */
    public record Between(AttributeValue low, AttributeValue high) implements SortCondition {
        public Optional<Bound> lower() {
            return bound(low, true);
        }

        public Optional<Bound> upper() {
            return bound(high, true);
        }

        public boolean matches(AttributeValue sortKey) {
            return Comparisons.between(sortKey, low, high);
        }
    }

    /** {@code begins_with(sk, prefix)} for a string or binary sort key. */
    public record BeginsWith(AttributeValue prefix) implements SortCondition {
        public Optional<Bound> lower() {
            return bound(prefix, true);
        }

        /** The first key past every key with the prefix: the prefix with its last non-0xFF byte raised. */
        public Optional<Bound> upper() {
            byte[] key = KeyEncoding.encode(prefix);
            for (int end = key.length - 1; end >= 0; end--) {
                if ((key[end] & 0xFF) != 0xFF) {
                    byte[] next = Arrays.copyOf(key, end + 1);
                    next[end]++;
                    return Optional.of(new Bound(next, false));
                }
            }
            return Optional.empty();
        }

        public boolean matches(AttributeValue sortKey) {
            return Comparisons.beginsWith(sortKey, prefix);
        }
    }

    private static Optional<Bound> bound(AttributeValue value, boolean inclusive) {
        return Optional.of(new Bound(KeyEncoding.encode(value), inclusive));
    }
}
