package io.portico.tables.engine.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One DynamoDB attribute value: a record per data type, named as DynamoDB names the type on the wire.
 * Values are immutable; collections keep the order they were given in (DynamoDB returns set members in
 * an order of its own; see {@code docs/tables.md}).
 *
 * <p>The sets keep DynamoDB's rules by construction: a set is never empty and never holds the same
 * member twice (numbers compare numerically, so {@code 1} and {@code 1.0} are the same member). The
 * checks that produce DynamoDB's messages for a request that breaks them live in {@link AttributeValues};
 * the constructors here only refuse what a caller inside the engine must never build.
 */
public sealed interface AttributeValue {

    /** DynamoDB's name of this value's type: {@code S}, {@code N}, ..., {@code NULL}. */
    String type();

    record S(String value) implements AttributeValue {
        public S {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String type() {
            return "S";
        }
    }

    record N(DynamoNumber value) implements AttributeValue {
        public N {
            Objects.requireNonNull(value, "value");
        }

        /** A number from its text, with DynamoDB's checks. */
        public static N of(String text) {
            return new N(DynamoNumber.parse(text));
        }

        @Override
        public String type() {
            return "N";
        }
    }

    record B(Bytes value) implements AttributeValue {
        public B {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String type() {
            return "B";
        }
    }

    record SS(Set<String> values) implements AttributeValue {
        public SS {
            values = nonEmptySet(values);
        }

        @Override
        public String type() {
            return "SS";
        }
    }

    record NS(Set<DynamoNumber> values) implements AttributeValue {
        public NS {
            values = nonEmptySet(values);
        }

        @Override
        public String type() {
            return "NS";
        }
    }

    record BS(Set<Bytes> values) implements AttributeValue {
        public BS {
            values = nonEmptySet(values);
        }

        @Override
        public String type() {
            return "BS";
        }
    }

    /** A map; equality ignores entry order, as DynamoDB's does. */
    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String type() {
            return "M";
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "L";
        }
    }

    record BOOL(boolean value) implements AttributeValue {
        public static final BOOL TRUE = new BOOL(true);
        public static final BOOL FALSE = new BOOL(false);

        @Override
        public String type() {
            return "BOOL";
        }
    }

    /** DynamoDB's null; there is one. */
    record NULL() implements AttributeValue {
        public static final NULL INSTANCE = new NULL();

        @Override
        public String type() {
            return "NULL";
        }
    }

    static S s(String value) {
        return new S(value);
    }

    static N n(String text) {
        return N.of(text);
    }

    static N n(long value) {
        return new N(DynamoNumber.of(value));
    }

    static B b(byte... bytes) {
        return new B(Bytes.of(bytes));
    }

    private static <T> Set<T> nonEmptySet(Set<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a DynamoDB set is never empty");
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }
}
