package io.portico.states.asl.jsonpath;

import io.portico.states.asl.StatesError;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Reference Path (the subset of JSONPath that ResultPath accepts: {@code $}, {@code .name},
 * {@code ['name']} and {@code [index]}) into segments. Thread safe (stateless).
 */
final class ReferencePath {

    sealed interface Segment {
    }

    record Field(String name) implements Segment {
    }

    record Index(int index) implements Segment {
    }

    private ReferencePath() {
    }

    static List<Segment> parse(String path) {
        if (!path.startsWith("$")) {
            throw invalid(path);
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw invalid(path);
                }
                segments.add(new Field(path.substring(i + 1, end)));
                i = end;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw invalid(path);
                }
                segments.add(bracket(path, path.substring(i + 1, close).trim()));
                i = close + 1;
            } else {
                throw invalid(path);
            }
        }
        return List.copyOf(segments);
    }

    private static Segment bracket(String path, String inner) {
        if (inner.length() >= 2 && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')
                && inner.charAt(inner.length() - 1) == inner.charAt(0)) {
            return new Field(inner.substring(1, inner.length() - 1));
        }
        try {
            return new Index(Integer.parseInt(inner));
        } catch (NumberFormatException e) {
            throw invalid(path);
        }
    }

    private static StatesError invalid(String path) {
        return StatesError.runtime("Invalid path '" + path + "' : not a reference path");
    }
}
