package io.portico.core.validation;

import java.util.Optional;

/**
 * One broken constraint: where ({@code path}, AWS's dotted member path such as {@code tags.1.member.key}),
 * the offending value as AWS prints it (empty for a sensitive value, which AWS leaves out; {@code null}
 * text for a missing member) and the constraint text.
 *
 * <p>The {@link Validator} finds the violations a model states; an engine that checks a rule the model
 * does not state (a limit of its own, a value it derived) reports it with {@link #of}, {@link #missing}
 * or {@link #unprinted}, so the message reads as AWS's whoever found it.
 */
public record Violation(String path, Optional<String> value, String constraint) {

    /** {@code Value 'value' at 'path' failed to satisfy constraint: constraint}. */
    public static Violation of(String path, Object value, String constraint) {
        return new Violation(path, Optional.of(String.valueOf(value)), constraint);
    }

    /** A required member that is absent: {@code Value null at 'path' ... Member must not be null}. */
    public static Violation missing(String path) {
        return new Violation(path, Optional.of(Values.NULL), Constraints.NOT_NULL);
    }

    /** A violation whose value AWS leaves out of the message: {@code Value at 'path' ...}. */
    public static Violation unprinted(String path, String constraint) {
        return new Violation(path, Optional.empty(), constraint);
    }

    /** AWS's sentence for this violation: {@code Value 'x' at 'path' failed to satisfy constraint: ...}. */
    public String sentence() {
        return "Value " + value.map(v -> v.equals(Values.NULL) ? "null " : "'" + v + "' ").orElse("") + "at '" + path
                + "' failed to satisfy constraint: " + constraint;
    }
}
