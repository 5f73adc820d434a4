package io.portico.tables.engine.value;

import io.portico.tables.engine.TablesException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A DynamoDB number: an exact decimal of at most 38 significant digits whose magnitude lies between
 * 1E-130 and 9.9999999999999999999999999999999999999E+125 (or zero). The value is kept normalised
 * (trailing zeros stripped), so two numbers are {@link #equals equal} exactly when they are numerically
 * equal, and {@link #text()} is the canonical text DynamoDB returns: plain notation, no exponent, no
 * leading or trailing zeros ({@code "1.50"} → {@code "1.5"}, {@code "1e2"} → {@code "100"},
 * {@code "-0"} → {@code "0"}).
 *
 * <p>The accepted syntax is DynamoDB's, which is narrower than {@link BigDecimal}'s: an optional minus,
 * digits with an optional fraction (or a bare fraction such as {@code .5}), an optional exponent. A plus
 * sign, blanks, {@code NaN} or {@code Infinity} are not numbers. Immutable.
 */
public record DynamoNumber(BigDecimal value) implements Comparable<DynamoNumber> {

    /** Most significant digits DynamoDB stores. */
    public static final int MAX_DIGITS = 38;
    /** Largest exponent of the leading digit ({@code 9.99..E+125}). */
    public static final int MAX_EXPONENT = 125;
    /** Smallest exponent of the leading digit ({@code 1E-130}). */
    public static final int MIN_EXPONENT = -130;

    public static final DynamoNumber ZERO = new DynamoNumber(BigDecimal.ZERO);

    private static final Pattern SYNTAX = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * A number already within DynamoDB's range (use {@link #parse} or {@link #checked(BigDecimal)} for
     * input): the key encoding stores the exponent in one byte, so a number outside the range must never
     * exist rather than sort wrongly.
     *
     * @throws IllegalArgumentException when {@code value} is outside DynamoDB's range or precision
     */
    public DynamoNumber {
        value = normalise(value);
        if (value.signum() != 0) {
            long exponent = (long) value.precision() - value.scale() - 1;
            if (exponent > MAX_EXPONENT || exponent < MIN_EXPONENT || value.precision() > MAX_DIGITS) {
                throw new IllegalArgumentException("outside DynamoDB's number range or precision: " + value);
            }
        }
    }

    /**
     * Parses {@code text} as DynamoDB's current checker does (PutItem, UpdateItem, ...), with its messages.
     *
     * @throws TablesException {@code INVALID_REQUEST}: not a number, overflow, underflow, too many digits
     */
    public static DynamoNumber parse(String text) {
        return parse(text, Wording.CURRENT);
    }

    /**
     * Parses {@code text} with the messages of the given checker (see {@link Wording}).
     *
     * @throws TablesException {@code INVALID_REQUEST}: not a number, overflow, underflow, too many digits
     */
    public static DynamoNumber parse(String text, Wording wording) {
        if (text.isEmpty()) {
            throw TablesException.validation(wording == Wording.CURRENT
                    ? "The parameter cannot be converted to a numeric value: "
                    : "The parameter cannot be converted to a numeric value");
        }
        if (!SYNTAX.matcher(text).matches()) {
            throw TablesException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException hugeExponent) {
            // the syntax is fine, so only the exponent can be out of int range
            return hugeExponent(text);
        }
        return checked(parsed, wording);
    }

    /** {@code value} after DynamoDB's range and precision checks (results of arithmetic go through here). */
    public static DynamoNumber checked(BigDecimal value) {
        return checked(value, Wording.CURRENT);
    }

    private static DynamoNumber checked(BigDecimal value, Wording wording) {
        BigDecimal normal = normalise(value);
        if (normal.signum() != 0) {
            // the older checker sums precision and -scale in an int, so 1e2147483647 wraps round to an underflow
            long exponent = wording == Wording.CURRENT
                    ? (long) normal.precision() - normal.scale() - 1
                    : (long) (normal.precision() - normal.scale()) - 1;
            if (exponent > MAX_EXPONENT) {
                throw TablesException.validation(
                        "Number overflow. Attempting to store a number with magnitude larger than supported range");
            }
            if (exponent < MIN_EXPONENT) {
                throw TablesException.validation(
                        "Number underflow. Attempting to store a number with magnitude smaller than supported range");
            }
            if (normal.precision() > MAX_DIGITS) {
                throw TablesException.validation("Attempting to store more than 38 significant digits in a Number");
            }
        }
        return new DynamoNumber(normal);
    }

    public static DynamoNumber of(long value) {
        return new DynamoNumber(BigDecimal.valueOf(value));
    }

    /** The canonical text DynamoDB returns for this number. */
    public String text() {
        return value.toPlainString();
    }

    /** The exponent of the leading significant digit (0 for zero): {@code 123} → 2, {@code 0.05} → -2. */
    public int exponent() {
        return value.signum() == 0 ? 0 : leadingExponent(value);
    }

    /** The significant digits without sign, leading or trailing zeros ({@code "0"} for zero). */
    public String digits() {
        return value.unscaledValue().abs().toString();
    }

    public DynamoNumber plus(DynamoNumber other) {
        return checked(value.add(other.value));
    }

    public DynamoNumber minus(DynamoNumber other) {
        return checked(value.subtract(other.value));
    }

    @Override
    public int compareTo(DynamoNumber other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return text();
    }

    private static BigDecimal normalise(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return value.stripTrailingZeros();
    }

    private static int leadingExponent(BigDecimal nonZero) {
        return nonZero.precision() - nonZero.scale() - 1;
    }

    private static DynamoNumber hugeExponent(String text) {
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        String mantissa = text.substring(0, e).replace("-", "").replace(".", "");
        if (mantissa.chars().allMatch(c -> c == '0')) {
            return ZERO;
        }
        if (text.charAt(e + 1) == '-') {
            throw TablesException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        throw TablesException.validation(
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }
}
