package io.portico.benchmarks.dynamodb;

import java.util.Optional;

/**
 * Reads one top-level field out of a response body without parsing the whole document: the checks run
 * on every response inside the timed loop, and a Query's 100 items are 25 KB that a full parse would
 * spend the driver's CPU on. Whitespace between tokens is allowed (servers format JSON differently).
 */
final class JsonScan {

    private JsonScan() {
    }

    /** The integer value of {@code "field":} in {@code json}, or -1 if absent or not a number. */
    static long number(String json, String field) {
        int at = valueStart(json, field);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        int digits = 0;
        while (at < json.length() && Character.isDigit(json.charAt(at))) {
            value = value * 10 + (json.charAt(at++) - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    /** The string value of the first {@code "field":} in {@code json} (at any depth), if it has one without escapes. */
    static Optional<String> string(String json, String field) {
        int at = valueStart(json, field);
        if (at < 0 || at >= json.length() || json.charAt(at) != '"') {
            return Optional.empty();
        }
        int end = json.indexOf('"', at + 1);
        return end < 0 ? Optional.empty() : Optional.of(json.substring(at + 1, end));
    }

    /** Whether {@code "field":} is absent or {@code {}} (how DynamoDB says "nothing left"). */
    static boolean emptyObject(String json, String field) {
        int at = valueStart(json, field);
        if (at < 0) {
            return true;
        }
        if (at >= json.length() || json.charAt(at) != '{') {
            return false;
        }
        at = skipSpaces(json, at + 1);
        return at < json.length() && json.charAt(at) == '}';
    }

    /** The index of the first character of the field's value, or -1. */
    private static int valueStart(String json, String field) {
        int at = json.indexOf("\"" + field + "\"");
        if (at < 0) {
            return -1;
        }
        at = skipSpaces(json, at + field.length() + 2);
        if (at >= json.length() || json.charAt(at) != ':') {
            return -1;
        }
        return skipSpaces(json, at + 1);
    }

    private static int skipSpaces(String json, int at) {
        while (at < json.length() && Character.isWhitespace(json.charAt(at))) {
            at++;
        }
        return at;
    }
}
