package io.portico.tables.engine.value;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Byte encodings of key values whose unsigned bytewise order is DynamoDB's order of the values, so a store
 * can keep a partition's items under a BLOB (SQLite) or bytea (PostgreSQL) primary key and answer a sort
 * key range with a range scan: both databases compare those columns with {@code memcmp}.
 *
 * <ul>
 *   <li><b>S</b>: the UTF-8 bytes. DynamoDB orders strings by their UTF-8 bytes, which is exactly memcmp.
 *   <li><b>B</b>: the bytes themselves (DynamoDB compares binaries unsigned, byte by byte).
 *   <li><b>N</b>: a sign byte ({@code 0x01} negative, {@code 0x02} zero, {@code 0x03} positive); for
 *       non-zero numbers an exponent byte (the leading digit's exponent, -130..125, offset by 130 so it
 *       fits 0..255), the significant digits one byte each ({@code digit + 1}) and a terminator
 *       {@code 0x00}. A shorter digit string that is a prefix of a longer one is the smaller magnitude,
 *       and the terminator sorts below every digit, so that holds bytewise. Negative numbers write every
 *       byte after the sign as its complement ({@code 0xFF - b}): larger magnitudes sort first.
 * </ul>
 *
 * <p>S and B encodings are not self-delimiting, so {@link #encode} suits a column per key attribute. To put
 * several values in one BLOB (partition and sort key, or an index key followed by the table key),
 * {@link #encodeDelimited} escapes each byte {@code 0x00} of S and B as {@code 0x00 0xFF} and ends the value
 * with {@code 0x00 0x00}; the end sorts below any continuation, so the concatenation of delimited values
 * sorts as the values do, first by first. N is self-delimiting already; {@link #decodeNumber} reads it back.
 * Stateless and thread-safe.
 */
public final class KeyEncoding {

    private static final int NEGATIVE = 0x01;
    private static final int ZERO = 0x02;
    private static final int POSITIVE = 0x03;
    private static final int EXPONENT_OFFSET = -DynamoNumber.MIN_EXPONENT;
    private static final int END = 0x00;

    private KeyEncoding() {}

    /**
     * The order-preserving bytes of a key value.
     *
     * @throws IllegalArgumentException for a type that cannot be a key (only S, N and B can)
     */
    public static byte[] encode(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8);
            case AttributeValue.N n -> encodeNumber(n.value());
            case AttributeValue.B b -> b.value().toArray();
            default -> throw new IllegalArgumentException("not a key type: " + value.type());
        };
    }

    /**
     * The order-preserving, self-delimiting bytes of a key value, for keys made of several values.
     *
     * @throws IllegalArgumentException for a type that cannot be a key
     */
    public static byte[] encodeDelimited(AttributeValue value) {
        if (value instanceof AttributeValue.N n) {
            return encodeNumber(n.value());
        }
        byte[] raw = encode(value);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 2);
        for (byte b : raw) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    /** The delimited encodings of {@code values}, one after another. */
    public static byte[] encodeDelimited(AttributeValue... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (AttributeValue value : values) {
            out.writeBytes(encodeDelimited(value));
        }
        return out.toByteArray();
    }

    /** The order-preserving bytes of a number. */
    public static byte[] encodeNumber(DynamoNumber number) {
        int sign = number.value().signum();
        if (sign == 0) {
            return new byte[] {ZERO};
        }
        String digits = number.digits();
        byte[] out = new byte[digits.length() + 3];
        out[0] = (byte) (sign < 0 ? NEGATIVE : POSITIVE);
        out[1] = (byte) (number.exponent() + EXPONENT_OFFSET);
        for (int i = 0; i < digits.length(); i++) {
            out[i + 2] = (byte) (digits.charAt(i) - '0' + 1);
        }
        out[out.length - 1] = END;
        if (sign < 0) {
            for (int i = 1; i < out.length; i++) {
                out[i] = (byte) (0xFF - (out[i] & 0xFF));
            }
        }
        return out;
    }

    /**
     * Reads back what {@link #encodeNumber} wrote.
     *
     * @throws IllegalArgumentException when {@code encoded} is not such an encoding
     */
    public static DynamoNumber decodeNumber(byte[] encoded) {
        if (encoded.length == 1 && encoded[0] == ZERO) {
            return DynamoNumber.ZERO;
        }
        if (encoded.length < 4 || (encoded[0] != NEGATIVE && encoded[0] != POSITIVE)) {
            throw new IllegalArgumentException("not an encoded number");
        }
        boolean negative = encoded[0] == NEGATIVE;
        int exponent = plain(encoded[1], negative) - EXPONENT_OFFSET;
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        for (int i = 2; i < encoded.length - 1; i++) {
            digits.write('0' + plain(encoded[i], negative) - 1);
        }
        String text = digits.toString(StandardCharsets.US_ASCII);
        BigDecimal magnitude = new BigDecimal(new BigInteger(text), text.length() - 1 - exponent);
        return new DynamoNumber(negative ? magnitude.negate() : magnitude);
    }

    private static int plain(byte b, boolean negative) {
        return negative ? 0xFF - (b & 0xFF) : b & 0xFF;
    }
}
