package io.portico.core.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One shape of a service model: the type of a member, with the constraints AWS checks on it. The set of
 * shape kinds is closed; code that walks a value against its shape switches over them exhaustively.
 *
 * <p>Every shape knows its {@code name} in the model (AWS's error texts name structures by it) and
 * whether it is {@code sensitive} (its values never appear in messages). Immutable; thread safe.
 */
public sealed interface Shape {

    String name();

    boolean sensitive();

    /** A structure: named members in model order, some required. */
    record Structure(String name, Map<String, Member> members, Set<String> required, Optional<String> payload,
            Optional<ErrorTrait> error, boolean sensitive) implements Shape {

        /** The member called {@code name}, if this structure has one. */
        public Optional<Member> member(String memberName) {
            return Optional.ofNullable(members.get(memberName));
        }

        /** Whether this structure is an error (an exception shape). */
        public boolean isError() {
            return error.isPresent();
        }
    }

    /** A list; {@code flattened} lists are written without a wrapper element in XML and query. */
    record ListShape(String name, Member member, OptionalLong min, OptionalLong max, boolean flattened,
            boolean sensitive, boolean elementNotNull) implements Shape {
    }

    /** A map with string keys. */
    record MapShape(String name, Member key, Member value, OptionalLong min, OptionalLong max, boolean flattened,
            boolean sensitive) implements Shape {
    }

    /**
     * A string: length bounds in characters, an optional regular expression the whole value must match,
     * and an optional enumeration (in the order AWS prints it in messages).
     */
    record StringShape(String name, OptionalLong min, OptionalLong max, Optional<String> pattern,
            Optional<Pattern> compiledPattern, List<String> enumValues, boolean sensitive) implements Shape {
    }

    /** The numeric kinds; their values are compared as {@link BigDecimal}. */
    enum NumberKind { INTEGER, LONG, DOUBLE, FLOAT }

    record NumberShape(String name, NumberKind kind, Optional<BigDecimal> min, Optional<BigDecimal> max,
            boolean sensitive) implements Shape {

        public boolean isIntegral() {
            return kind == NumberKind.INTEGER || kind == NumberKind.LONG;
        }
    }

    record BooleanShape(String name, boolean sensitive) implements Shape {
    }

    /** A point in time; {@code format} overrides the protocol's default wire format when present. */
    record TimestampShape(String name, Optional<String> format, boolean sensitive) implements Shape {
    }

    /** Bytes; {@code streaming} blobs are an operation's whole body. Length bounds are in bytes. */
    record BlobShape(String name, OptionalLong min, OptionalLong max, boolean streaming, boolean sensitive)
            implements Shape {
    }

    /**
     * What makes a structure an error: its wire code (the shape name unless the model overrides it),
     * its HTTP status (400 unless given) and whether the caller is at fault.
     */
    record ErrorTrait(String code, int httpStatus, boolean senderFault) {
    }
}
