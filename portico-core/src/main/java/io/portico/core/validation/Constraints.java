package io.portico.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.model.Shape;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * AWS's constraint texts for one scalar shape ({@code Member must have length less than or equal to 64},
 * {@code Member must satisfy enum value set: [A, B]}): those a value breaks, and all of them, which AWS
 * lists when an element of a list or a map breaks one. Stateless.
 */
final class Constraints {
    static final String NOT_NULL = "Member must not be null";
    /** The longest value a model pattern is applied to (64 KiB of characters). */
    static final int MAX_PATTERN_INPUT = 65_536;

    private Constraints() {
    }

    /**
     * Every constraint {@code value} breaks, each reported on its own as AWS does: a string both too long and
     * off its pattern gets two sentences, the pattern's first (EventBridge's CreateConnection and Lambda's
     * CreateFunction as recorded in {@code ../shared/conformance}: {@code events/test_events},
     * {@code test_create_connection_validations}; {@code lambda/test_lambda_api},
     * {@code test_function_name_and_qualifier_validation}).
     */
    static List<String> broken(Shape shape, JsonNode value) {
        List<String> broken = new ArrayList<>();
        switch (shape) {
            case Shape.StringShape s -> {
                String text = value.asText();
                if (s.compiledPattern().isPresent() && !matches(s.compiledPattern().get(), text)) {
                    broken.add(patternText(s));
                }
                length(text.codePointCount(0, text.length()), s.min(), s.max()).ifPresent(broken::add);
                if (!s.enumValues().isEmpty() && !s.enumValues().contains(text)) {
                    broken.add(enumText(s));
                }
            }
            case Shape.NumberShape n -> range(value.decimalValue(), n).ifPresent(broken::add);
            case Shape.BlobShape b -> length(byteLength(value), b.min(), b.max()).ifPresent(broken::add);
            default -> {
            }
        }
        return broken;
    }

    /** Every constraint of a scalar shape, in AWS's order: maximum, minimum, pattern or enumeration. */
    static List<String> all(Shape shape) {
        List<String> all = new ArrayList<>();
        switch (shape) {
            case Shape.StringShape s -> {
                s.max().ifPresent(max -> all.add(lengthAtMost(max)));
                s.min().ifPresent(min -> all.add(lengthAtLeast(min)));
                if (s.pattern().isPresent()) {
                    all.add(patternText(s));
                }
                if (!s.enumValues().isEmpty()) {
                    all.add(enumText(s));
                }
            }
            case Shape.NumberShape n -> {
                n.max().ifPresent(max -> all.add("Member must have value less than or equal to " + number(n, max)));
                n.min().ifPresent(min -> all.add("Member must have value greater than or equal to " + number(n, min)));
            }
            case Shape.BlobShape b -> {
                b.max().ifPresent(max -> all.add(lengthAtMost(max)));
                b.min().ifPresent(min -> all.add(lengthAtLeast(min)));
            }
            default -> {
            }
        }
        return all;
    }

    /**
     * Whether {@code text} matches a model's pattern. A value longer than any AWS member holds in practice
     * is not run through the pattern at all (and fails it): the models' patterns apply to user input, and
     * a long enough value would make an unlucky pattern cost more than the request is worth.
     */
    static boolean matches(Pattern pattern, String text) {
        return text.length() <= MAX_PATTERN_INPUT && pattern.matcher(text).matches();
    }

    static Optional<String> length(long length, OptionalLong min, OptionalLong max) {
        if (max.isPresent() && length > max.getAsLong()) {
            return Optional.of(lengthAtMost(max.getAsLong()));
        }
        if (min.isPresent() && length < min.getAsLong()) {
            return Optional.of(lengthAtLeast(min.getAsLong()));
        }
        return Optional.empty();
    }

    private static Optional<String> range(BigDecimal value, Shape.NumberShape n) {
        if (n.max().isPresent() && value.compareTo(n.max().get()) > 0) {
            return Optional.of("Member must have value less than or equal to " + number(n, n.max().get()));
        }
        if (n.min().isPresent() && value.compareTo(n.min().get()) < 0) {
            return Optional.of("Member must have value greater than or equal to " + number(n, n.min().get()));
        }
        return Optional.empty();
    }

    private static String number(Shape.NumberShape n, BigDecimal bound) {
        return n.isIntegral() ? bound.toBigInteger().toString() : Double.toString(bound.doubleValue());
    }

    private static String lengthAtMost(long max) {
        return "Member must have length less than or equal to " + max;
    }

    private static String lengthAtLeast(long min) {
        return "Member must have length greater than or equal to " + min;
    }

    private static String enumText(Shape.StringShape s) {
        return "Member must satisfy enum value set: [" + String.join(", ", s.enumValues()) + "]";
    }

    private static String patternText(Shape.StringShape s) {
        return "Member must satisfy regular expression pattern: " + s.pattern().orElse("");
    }

    private static long byteLength(JsonNode value) {
        try {
            byte[] bytes = value.binaryValue();
            return bytes == null ? 0 : bytes.length;
        } catch (IOException e) {
            return 0;
        }
    }
}
