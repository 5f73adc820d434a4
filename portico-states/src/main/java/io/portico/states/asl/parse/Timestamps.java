package io.portico.states.asl.parse;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The ASL timestamp profile: RFC 3339 with an uppercase {@code T} and either {@code Z} or a numeric
 * offset, and a real calendar date and time. Stateless.
 */
final class Timestamps {
    private static final Pattern SHAPE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    static boolean isValid(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
