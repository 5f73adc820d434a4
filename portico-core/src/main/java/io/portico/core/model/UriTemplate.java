package io.portico.core.model;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST operation's request URI template, {@code /2015-03-31/functions/{FunctionName}/invocations}:
 * literal segments, labels ({@code {Name}}, one segment) and a greedy label ({@code {Key+}}, the rest of
 * the path), plus query literals the operation requires ({@code ?List=ALL}, {@code ?uploads}).
 *
 * <p>{@link #match} works on the raw (still percent-encoded) path, so an encoded slash inside a label
 * stays inside it; each label is decoded after the split. A trailing slash is ignored on both sides,
 * except that a greedy label keeps it.
 * {@link #specificity()} orders templates that match the same request: more literal segments first,
 * then required query literals. Immutable; thread safe.
 */
public final class UriTemplate {
    private sealed interface Segment {
        record Literal(String text) implements Segment {
        }

        record Label(String name, boolean greedy) implements Segment {
        }
    }

    private final String text;
    private final List<Segment> segments;
    private final Map<String, String> queryLiterals;

    private UriTemplate(String text, List<Segment> segments, Map<String, String> queryLiterals) {
        this.text = text;
        this.segments = segments;
        this.queryLiterals = queryLiterals;
    }

    /** Parses a model's {@code requestUri}. */
    public static UriTemplate parse(String requestUri) {
        int q = requestUri.indexOf('?');
        String path = q < 0 ? requestUri : requestUri.substring(0, q);
        Map<String, String> literals = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : requestUri.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                literals.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : split(path)) {
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                boolean greedy = name.endsWith("+");
                segments.add(new Segment.Label(greedy ? name.substring(0, name.length() - 1) : name, greedy));
            } else {
                segments.add(new Segment.Literal(part));
            }
        }
        return new UriTemplate(requestUri, List.copyOf(segments), Map.copyOf(literals));
    }

    /**
     * The decoded labels when {@code rawPath} and {@code query} fit this template; empty otherwise.
     * {@code query} holds decoded parameters.
     */
    public Optional<Map<String, String>> match(String rawPath, Map<String, List<String>> query) {
        for (Map.Entry<String, String> literal : queryLiterals.entrySet()) {
            List<String> values = query.get(literal.getKey());
            if (values == null || (!literal.getValue().isEmpty() && !values.contains(literal.getValue()))) {
                return Optional.empty();
            }
        }
        List<String> parts = split(rawPath);
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        for (Segment segment : segments) {
            switch (segment) {
                case Segment.Literal literal -> {
                    if (i >= parts.size() || !parts.get(i).equals(literal.text())) {
                        return Optional.empty();
                    }
                    i++;
                }
                case Segment.Label label when label.greedy() -> {
                    if (i >= parts.size()) {
                        return Optional.empty();
                    }
                    // A greedy label keeps a trailing slash: an S3 key "folder/" is not "folder".
                    String rest = String.join("/", parts.subList(i, parts.size())) + (rawPath.endsWith("/") ? "/" : "");
                    labels.put(label.name(), decode(rest));
                    i = parts.size();
                }
                case Segment.Label label -> {
                    if (i >= parts.size() || parts.get(i).isEmpty()) {
                        return Optional.empty();
                    }
                    labels.put(label.name(), decode(parts.get(i)));
                    i++;
                }
            }
        }
        return i == parts.size() ? Optional.of(labels) : Optional.empty();
    }

    /** Larger is more specific: literal segments count most, then query literals; greedy labels least. */
    public int specificity() {
        int literals = 0;
        boolean greedy = false;
        for (Segment segment : segments) {
            if (segment instanceof Segment.Literal) {
                literals++;
            } else if (segment instanceof Segment.Label label && label.greedy()) {
                greedy = true;
            }
        }
        return literals * 100 + segments.size() * 10 + queryLiterals.size() * 2 + (greedy ? 0 : 1);
    }

    /** The names of the query parameters the template itself fixes (they are not input members). */
    public Map<String, String> queryLiterals() {
        return queryLiterals;
    }

    /** Expands the template with already-encoded label values, for building request paths (the call bus, tests). */
    public String expand(Map<String, String> encodedLabels) {
        StringBuilder path = new StringBuilder();
        for (Segment segment : segments) {
            path.append('/');
            switch (segment) {
                case Segment.Literal literal -> path.append(literal.text());
                case Segment.Label label -> path.append(encodedLabels.getOrDefault(label.name(), ""));
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1));
    }

    private static String decode(String raw) {
        try {
            // '+' is a literal plus in a path, not a space as in a form.
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
