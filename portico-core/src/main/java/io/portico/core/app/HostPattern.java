package io.portico.core.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which request hosts a route serves, matched against the request's host name without its port and
 * case-insensitively: {@link #any()}, an exact name ({@code localhost}), or a template whose
 * dot-separated segments are literals, labels ({@code {apiId}}: one segment, captured) or a final greedy
 * label ({@code {rest+}}: one or more segments). So {@code {apiId}.execute-api.{rest+}} serves
 * {@code a1b2c3.execute-api.localhost} and {@code a1b2c3.execute-api.localhost.localstack.cloud} with
 * {@code apiId=a1b2c3}. Immutable; thread safe; equal when written the same.
 */
public final class HostPattern implements Comparable<HostPattern> {
    private static final HostPattern ANY = new HostPattern(Template.parse(List.of(), '.', true, true));

    private final Template template;

    private HostPattern(Template template) {
        this.template = template;
    }

    /** Every host: the least specific pattern. */
    public static HostPattern any() {
        return ANY;
    }

    /**
     * A host name or host template.
     *
     * @throws IllegalArgumentException if the text is empty or a label is malformed, repeated, or
     *     greedy but not last
     */
    public static HostPattern of(String pattern) {
        if (pattern.isEmpty() || pattern.contains(":") || pattern.contains("/")) {
            throw new IllegalArgumentException("not a host pattern (no port, no path): '" + pattern + "'");
        }
        return new HostPattern(Template.parse(List.of(pattern.split("\\.", -1)), '.', true, false));
    }

    /** Matches {@code host} (a name without port), capturing labels into {@code labels}. */
    boolean match(String host, Map<String, String> labels) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1); // the DNS root dot names the same host
        }
        return template.match(List.of(name.split("\\.", -1)), part -> part, labels);
    }

    List<String> labelNames() {
        return template.labelNames();
    }

    @Override
    public int compareTo(HostPattern other) {
        return template.compareTo(other.template);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostPattern pattern && pattern.template.equals(template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    /** The pattern as written; {@code *} for {@link #any()}. */
    @Override
    public String toString() {
        return this == ANY ? "*" : template.text();
    }
}
