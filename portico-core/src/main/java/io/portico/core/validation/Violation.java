package io.portico.core.validation;

import java.util.Optional;

/**
 * One broken constraint: where ({@code path}, AWS's dotted member path such as {@code tags.1.member.key}),
 * the offending value as AWS prints it (empty for a sensitive value, which AWS leaves out; {@code null}
 * text for a missing member) and the constraint text.
 */
public record Violation(String path, Optional<String> value, String constraint) {

    /** AWS's sentence for this violation: {@code Value 'x' at 'path' failed to satisfy constraint: ...}. */
    public String sentence() {
        return "Value " + value.map(v -> v.equals(Values.NULL) ? "null " : "'" + v + "' ").orElse("") + "at '" + path
                + "' failed to satisfy constraint: " + constraint;
    }
}
