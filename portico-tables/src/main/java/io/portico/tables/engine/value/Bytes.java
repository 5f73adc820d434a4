package io.portico.tables.engine.value;

import java.util.Arrays;
import java.util.Base64;

/**
 * Immutable binary content, equal by content and ordered as DynamoDB orders binary values: unsigned,
 * byte by byte, a prefix before its extensions. The array handed in is copied; {@link #toArray()} hands
 * out a copy.
 */
public final class Bytes implements Comparable<Bytes> {
    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] owned) {
        this.bytes = owned;
    }

    public static Bytes of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** Decodes standard base64 (the wire form of a DynamoDB blob). */
    public static Bytes fromBase64(String base64) {
        return new Bytes(Base64.getDecoder().decode(base64));
    }

    public int length() {
        return bytes.length;
    }

    public byte[] toArray() {
        return bytes.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Whether this content starts with {@code prefix}. */
    public boolean startsWith(Bytes prefix) {
        return prefix.bytes.length <= bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    /** Whether {@code part} occurs anywhere in this content. */
    public boolean contains(Bytes part) {
        outer:
        for (int start = 0; start + part.bytes.length <= bytes.length; start++) {
            for (int i = 0; i < part.bytes.length; i++) {
                if (bytes[start + i] != part.bytes[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return base64();
    }
}
