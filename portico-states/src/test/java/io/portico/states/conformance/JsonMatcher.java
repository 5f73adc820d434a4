package io.portico.states.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The conformance corpus's matching rules (the same as its run.py): deep equality with object key
 * order ignored, numbers by value, booleans never equal to numbers, and {@code "<any>"} as a wildcard
 * (alone: any value; inside a string: any substring).
 */
public final class JsonMatcher {
    private static final String ANY = "<any>";

    private JsonMatcher() {
    }

    /** Empty when {@code actual} matches {@code expected}, else the first difference. */
    public static Optional<String> difference(JsonNode expected, JsonNode actual, String path) {
        if (expected.isTextual() && expected.textValue().equals(ANY)) {
            return Optional.empty();
        }
        if (expected.isTextual() && expected.textValue().contains(ANY)) {
            if (actual == null || !actual.isTextual()) {
                return Optional.of(path + ": expected string like " + expected + ", got " + actual);
            }
            StringBuilder regex = new StringBuilder();
            String[] parts = expected.textValue().split(Pattern.quote(ANY), -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(parts[i]));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual.textValue()).matches()
                    ? Optional.empty() : Optional.of(path + ": " + actual + " does not match " + expected);
        }
        if (actual == null) {
            return Optional.of(path + ": missing, expected " + expected);
        }
        if (expected.isBoolean() || actual.isBoolean()) {
            return expected.equals(actual) ? Optional.empty() : Optional.of(path + ": expected " + expected + ", got " + actual);
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0
                    ? Optional.empty() : Optional.of(path + ": expected " + expected + ", got " + actual);
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return Optional.of(path + ": expected object, got " + actual);
            }
            if (expected.size() != actual.size()) {
                return Optional.of(path + ": keys differ: expected " + fieldNames(expected) + ", got " + fieldNames(actual));
            }
            Iterator<String> names = expected.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                Optional<String> d = difference(expected.get(name), actual.get(name), path + "." + name);
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return Optional.of(path + ": expected " + expected + ", got " + actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                Optional<String> d = difference(expected.get(i), actual.get(i), path + "[" + i + "]");
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return expected.equals(actual) ? Optional.empty() : Optional.of(path + ": expected " + expected + ", got " + actual);
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder sb = new StringBuilder("[");
        node.fieldNames().forEachRemaining(n -> sb.append(n).append(' '));
        return sb.append(']').toString();
    }
}
