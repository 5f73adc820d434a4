package io.portico.core.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The shared machinery of host and path patterns: a list of {@link Segment}s over text split on one
 * separator ({@code .} for hosts, {@code /} for paths), matching that captures labels, and the
 * specificity order that decides precedence between patterns. Immutable; thread safe.
 */
record Template(List<Segment> segments, char separator, boolean ignoreCase) implements Comparable<Template> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    Template {
        segments = List.copyOf(segments);
    }

    /**
     * Parses segments such as {@code {apiId}}, {@code {proxy+}} and literals from text already split on
     * the separator; {@code rest} appends the open tail of a prefix.
     *
     * @throws IllegalArgumentException on a malformed label, a repeated label name, or a greedy label
     *     that is not last
     */
    static Template parse(List<String> parts, char separator, boolean ignoreCase, boolean rest) {
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            Segment segment = segment(parts.get(i), ignoreCase);
            boolean last = i == parts.size() - 1 && !rest;
            if (segment instanceof Segment.Greedy && !last) {
                throw new IllegalArgumentException("a greedy label {name+} must be the last segment: " + parts);
            }
            Optional<String> name = labelName(segment);
            if (name.isPresent() && !names.add(name.get())) {
                throw new IllegalArgumentException("label {" + name.get() + "} appears twice: " + parts);
            }
            segments.add(segment);
        }
        if (rest) {
            segments.add(new Segment.Rest());
        }
        return new Template(segments, separator, ignoreCase);
    }

    private static Segment segment(String part, boolean ignoreCase) {
        if (!part.startsWith("{")) {
            if (part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException("a label must be a whole segment: " + part);
            }
            return new Segment.Literal(ignoreCase ? part.toLowerCase(Locale.ROOT) : part);
        }
        boolean greedy = part.endsWith("+}");
        String name = part.substring(1, part.length() - (greedy ? 2 : 1));
        if (!part.endsWith("}") || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a label: " + part + " (write {name} or {name+})");
        }
        return greedy ? new Segment.Greedy(name) : new Segment.Label(name);
    }

    /** The label names, in order. */
    List<String> labelNames() {
        List<String> names = new ArrayList<>();
        segments.forEach(segment -> labelName(segment).ifPresent(names::add));
        return names;
    }

    private static Optional<String> labelName(Segment segment) {
        return switch (segment) {
            case Segment.Label label -> Optional.of(label.name());
            case Segment.Greedy greedy -> Optional.of(greedy.name());
            case Segment.Literal literal -> Optional.empty();
            case Segment.Rest open -> Optional.empty();
        };
    }

    /**
     * Matches {@code parts} (the request's host or path, split on the separator), putting each label's
     * value, transformed by {@code decode}, into {@code labels}. Returns false, leaving {@code labels}
     * possibly partly filled, when it does not match.
     */
    boolean match(List<String> parts, UnaryOperator<String> decode, Map<String, String> labels) {
        int i = 0;
        for (Segment segment : segments) {
            switch (segment) {
                case Segment.Literal literal -> {
                    if (i >= parts.size() || !literal.text().equals(decode.apply(parts.get(i)))) {
                        return false;
                    }
                    i++;
                }
                case Segment.Label label -> {
                    if (i >= parts.size() || parts.get(i).isEmpty()) {
                        return false;
                    }
                    labels.put(label.name(), decode.apply(parts.get(i++)));
                }
                case Segment.Greedy greedy -> {
                    if (i >= parts.size()) {
                        return false;
                    }
                    List<String> rest = new ArrayList<>();
                    for (String part : parts.subList(i, parts.size())) {
                        rest.add(decode.apply(part));
                    }
                    labels.put(greedy.name(), String.join(String.valueOf(separator), rest));
                    i = parts.size();
                }
                case Segment.Rest open -> i = parts.size();
            }
        }
        return i == parts.size();
    }

    /**
     * More specific first: the first segment whose rank differs decides. When one pattern is the other
     * plus more segments, the shorter comes first: both can match the same text only when the extra
     * segment is a prefix's open tail, and then the exact pattern is the more specific.
     */
    @Override
    public int compareTo(Template other) {
        int common = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < common; i++) {
            int byRank = Integer.compare(segments.get(i).rank(), other.segments.get(i).rank());
            if (byRank != 0) {
                return byRank;
            }
        }
        return Integer.compare(segments.size(), other.segments.size());
    }

    /** The pattern as written, without a path's leading slash: {@code {apiId}.execute-api.{rest+}}. */
    String text() {
        List<String> parts = new ArrayList<>();
        for (Segment segment : segments) {
            parts.add(switch (segment) {
                case Segment.Literal literal -> literal.text();
                case Segment.Label label -> "{" + label.name() + "}";
                case Segment.Greedy greedy -> "{" + greedy.name() + "+}";
                case Segment.Rest open -> "**";
            });
        }
        return String.join(String.valueOf(separator), parts);
    }
}
