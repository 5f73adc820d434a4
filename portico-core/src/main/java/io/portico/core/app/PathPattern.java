package io.portico.core.app;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Which request paths a route serves, matched against the raw (still percent-encoded) path split on
 * {@code /}, each segment decoded before it is compared or captured. Two forms:
 * <ul>
 *   <li>a template, {@link #of}: literal segments, labels ({@code {stage}}: one non-empty segment) and a
 *       final greedy label ({@code {proxy+}}: one or more segments, joined with {@code /}), so
 *       {@code /{apiId}/{stage}/{proxy+}} serves {@code /a1b2c3/prod/orders/42};</li>
 *   <li>a prefix, {@link #prefix}: the given segments followed by anything, or nothing
 *       ({@code prefix("/static")} serves {@code /static} and {@code /static/app.js}).</li>
 * </ul>
 * Paths are case-sensitive. Immutable; thread safe; equal when written the same.
 */
public final class PathPattern implements Comparable<PathPattern> {
    private final Template template;

    private PathPattern(Template template) {
        this.template = template;
    }

    /**
     * A path template such as {@code /{apiId}/{stage}/{proxy+}}; {@code /} alone is the root.
     *
     * @throws IllegalArgumentException if it does not start with {@code /} or a label is malformed,
     *     repeated, or greedy but not last
     */
    public static PathPattern of(String template) {
        return new PathPattern(Template.parse(segments(template), '/', false, false));
    }

    /** Every path starting with these whole segments, e.g. {@code /static}; {@code /} is every path. */
    public static PathPattern prefix(String prefix) {
        return new PathPattern(Template.parse(segments(prefix), '/', false, true));
    }

    private static List<String> segments(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/': '" + path + "'");
        }
        String trimmed = path.substring(1);
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    /**
     * Matches {@code rawPath} (as sent, percent-encoded), capturing decoded labels into {@code labels}. A
     * malformed escape matches nothing.
     */
    boolean match(String rawPath, Map<String, String> labels) {
        List<String> parts;
        try {
            parts = segments(rawPath.isEmpty() ? "/" : rawPath);
            return template.match(parts, PathPattern::decode, labels);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String decode(String segment) {
        // Only %XX escapes: a '+' in a path is a plus sign, not a space.
        return segment.indexOf('%') < 0 ? segment
                : URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    List<String> labelNames() {
        return template.labelNames();
    }

    @Override
    public int compareTo(PathPattern other) {
        return template.compareTo(other.template);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathPattern pattern && pattern.template.equals(template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    /** The pattern as written; a prefix ends in {@code /**}. */
    @Override
    public String toString() {
        return "/" + template.text();
    }
}
