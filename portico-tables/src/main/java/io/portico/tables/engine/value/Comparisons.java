package io.portico.tables.engine.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * DynamoDB's comparison rules for attribute values (AWS, "Comparison operator and function reference"):
 * values of different types are never equal and never ordered; numbers compare numerically, strings by
 * their UTF-8 bytes, binaries unsigned byte by byte; only those three types are ordered. Sets are equal
 * when they hold the same members in any order, maps when they hold the same entries. Stateless.
 */
public final class Comparisons {

    private Comparisons() {}

    /** Whether {@code a} and {@code b} are the same DynamoDB value. */
    public static boolean equal(AttributeValue a, AttributeValue b) {
        return a.equals(b);
    }

    /**
     * The order of two values of one orderable type (S, N or B): negative, zero or positive; empty when
     * DynamoDB does not order them (different types, or a type without order).
     */
    public static Optional<Integer> order(AttributeValue a, AttributeValue b) {
        return switch (a) {
            case AttributeValue.N n when b instanceof AttributeValue.N other -> Optional.of(n.value().compareTo(other.value()));
            case AttributeValue.S s when b instanceof AttributeValue.S other -> Optional.of(compareUtf8(s.value(), other.value()));
            case AttributeValue.B bin when b instanceof AttributeValue.B other -> Optional.of(bin.value().compareTo(other.value()));
            default -> Optional.empty();
        };
    }

    /** {@code value BETWEEN low AND high}: both ends included; false when the three do not order. */
    public static boolean between(AttributeValue value, AttributeValue low, AttributeValue high) {
        return order(value, low).filter(o -> o >= 0).isPresent() && order(value, high).filter(o -> o <= 0).isPresent();
    }

    /** Strings in DynamoDB's order: by UTF-8 bytes (which differs from UTF-16 order past U+FFFF). */
    public static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code begins_with}: a string with a string prefix or a binary with a binary prefix. */
    public static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        return switch (value) {
            case AttributeValue.S s when prefix instanceof AttributeValue.S p -> s.value().startsWith(p.value());
            case AttributeValue.B b when prefix instanceof AttributeValue.B p -> b.value().startsWith(p.value());
            default -> false;
        };
    }

    /**
     * {@code contains}: a substring of a string, a sub-sequence of a binary, a member of a set of the
     * operand's type, or an element of a list equal to the operand.
     */
    public static boolean contains(AttributeValue value, AttributeValue part) {
        return switch (value) {
            case AttributeValue.S s when part instanceof AttributeValue.S p -> s.value().contains(p.value());
            case AttributeValue.B b when part instanceof AttributeValue.B p -> b.value().contains(p.value());
            case AttributeValue.SS ss when part instanceof AttributeValue.S p -> ss.values().contains(p.value());
            case AttributeValue.NS ns when part instanceof AttributeValue.N p -> ns.values().contains(p.value());
            case AttributeValue.BS bs when part instanceof AttributeValue.B p -> bs.values().contains(p.value());
            case AttributeValue.L l -> l.values().contains(part);
            default -> false;
        };
    }

    /**
     * {@code size}: a string's length, a binary's bytes, a set's, list's or map's number of elements;
     * empty for the types without a size (N, BOOL, NULL).
     */
    public static Optional<Long> size(AttributeValue value) {
        return switch (value) {
            // AWS: size "returns a number representing an attribute's size in bytes": UTF-8 bytes for a string
            case AttributeValue.S s -> Optional.of(ItemSize.utf8(s.value()));
            case AttributeValue.B b -> Optional.of((long) b.value().length());
            case AttributeValue.SS ss -> Optional.of((long) ss.values().size());
            case AttributeValue.NS ns -> Optional.of((long) ns.values().size());
            case AttributeValue.BS bs -> Optional.of((long) bs.values().size());
            case AttributeValue.L l -> Optional.of((long) l.values().size());
            case AttributeValue.M m -> Optional.of((long) m.values().size());
            default -> Optional.empty();
        };
    }

    /** A scalar as DynamoDB prints it inside messages ({@code {N:5}}): its text, a blob's base64. */
    public static String render(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> s.value();
            case AttributeValue.N n -> n.value().text();
            case AttributeValue.B b -> b.value().base64();
            case AttributeValue.BOOL bool -> String.valueOf(bool.value());
            case AttributeValue.NULL ignored -> "true";
            default -> value.toString();
        };
    }
}
