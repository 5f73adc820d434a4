package io.portico.states.asl;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every Choice comparison operator of ASL. {@link #isPath()} is true for the {@code ...Path} forms,
 * whose operand is a JSONPath into the state's input or the context object instead of a literal.
 */
public enum ComparisonOperator {
    STRING_EQUALS("StringEquals", Kind.STRING), STRING_EQUALS_PATH("StringEqualsPath", Kind.STRING),
    STRING_LESS_THAN("StringLessThan", Kind.STRING), STRING_LESS_THAN_PATH("StringLessThanPath", Kind.STRING),
    STRING_GREATER_THAN("StringGreaterThan", Kind.STRING), STRING_GREATER_THAN_PATH("StringGreaterThanPath", Kind.STRING),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", Kind.STRING), STRING_LESS_THAN_EQUALS_PATH("StringLessThanEqualsPath", Kind.STRING),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Kind.STRING), STRING_GREATER_THAN_EQUALS_PATH("StringGreaterThanEqualsPath", Kind.STRING),
    STRING_MATCHES("StringMatches", Kind.STRING),
    NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC), NUMERIC_EQUALS_PATH("NumericEqualsPath", Kind.NUMERIC),
    NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC), NUMERIC_LESS_THAN_PATH("NumericLessThanPath", Kind.NUMERIC),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC), NUMERIC_GREATER_THAN_PATH("NumericGreaterThanPath", Kind.NUMERIC),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC), NUMERIC_LESS_THAN_EQUALS_PATH("NumericLessThanEqualsPath", Kind.NUMERIC),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC), NUMERIC_GREATER_THAN_EQUALS_PATH("NumericGreaterThanEqualsPath", Kind.NUMERIC),
    BOOLEAN_EQUALS("BooleanEquals", Kind.BOOLEAN), BOOLEAN_EQUALS_PATH("BooleanEqualsPath", Kind.BOOLEAN),
    TIMESTAMP_EQUALS("TimestampEquals", Kind.TIMESTAMP), TIMESTAMP_EQUALS_PATH("TimestampEqualsPath", Kind.TIMESTAMP),
    TIMESTAMP_LESS_THAN("TimestampLessThan", Kind.TIMESTAMP), TIMESTAMP_LESS_THAN_PATH("TimestampLessThanPath", Kind.TIMESTAMP),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Kind.TIMESTAMP), TIMESTAMP_GREATER_THAN_PATH("TimestampGreaterThanPath", Kind.TIMESTAMP),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Kind.TIMESTAMP), TIMESTAMP_LESS_THAN_EQUALS_PATH("TimestampLessThanEqualsPath", Kind.TIMESTAMP),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Kind.TIMESTAMP), TIMESTAMP_GREATER_THAN_EQUALS_PATH("TimestampGreaterThanEqualsPath", Kind.TIMESTAMP),
    IS_NULL("IsNull", Kind.TYPE_TEST), IS_PRESENT("IsPresent", Kind.TYPE_TEST), IS_NUMERIC("IsNumeric", Kind.TYPE_TEST),
    IS_STRING("IsString", Kind.TYPE_TEST), IS_BOOLEAN("IsBoolean", Kind.TYPE_TEST), IS_TIMESTAMP("IsTimestamp", Kind.TYPE_TEST);

    /** What the operator compares; type tests take a boolean operand. */
    public enum Kind { STRING, NUMERIC, BOOLEAN, TIMESTAMP, TYPE_TEST }

    private static final Map<String, ComparisonOperator> BY_NAME = new HashMap<>();

    static {
        for (ComparisonOperator op : values()) {
            BY_NAME.put(op.aslName, op);
        }
    }

    private final String aslName;
    private final Kind kind;

    ComparisonOperator(String aslName, Kind kind) {
        this.aslName = aslName;
        this.kind = kind;
    }

    public static Optional<ComparisonOperator> byName(String aslName) {
        return Optional.ofNullable(BY_NAME.get(aslName));
    }

    public String aslName() {
        return aslName;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPath() {
        return aslName.endsWith("Path");
    }
}
