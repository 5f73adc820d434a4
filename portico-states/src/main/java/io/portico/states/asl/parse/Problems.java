package io.portico.states.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics during one check, with the small helpers every checker needs (required fields,
 * mutually exclusive fields, number ranges). Not thread safe: one instance per check.
 */
final class Problems {
    static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";
    static final String MISSING_TARGET = "MISSING_TRANSITION_TARGET";
    // AWS's wording for a value of the wrong JSON type, e.g. a non-string QueryLanguage.
    static final String TYPE_STRING = "Expected value of type [STRING]";
    static final String TYPE_INTEGER = "Expected value of type [INTEGER]";
    static final String TYPE_NUMBER = "Expected value of type [NUMBER]";
    static final String TYPE_BOOLEAN = "Expected value of type [BOOLEAN]";
    static final String TYPE_OBJECT = "Expected value of type [OBJECT]";
    static final String TYPE_ARRAY = "Expected value of type [ARRAY]";

    private final List<Diagnostic> found = new ArrayList<>();

    void error(String code, String message, String location) {
        found.add(Diagnostic.error(code, message, location));
    }

    void schema(String message, String location) {
        error(SCHEMA, message, location);
    }

    void warning(String code, String message, String location) {
        found.add(Diagnostic.warning(code, message, location));
    }

    List<Diagnostic> all() {
        return List.copyOf(found);
    }

    /** Reports {@code These fields are required: [..]} for the absent ones; true when all are present. */
    boolean required(JsonNode object, String location, String... fields) {
        List<String> missing = new ArrayList<>();
        for (String field : fields) {
            if (!object.has(field)) {
                missing.add(field);
            }
        }
        if (missing.isEmpty()) {
            return true;
        }
        schema("These fields are required: " + missing, location);
        return false;
    }

    /** Reports when more than one of the fields is present; true when at most one is. */
    boolean atMostOne(JsonNode object, String location, String... fields) {
        int present = 0;
        for (String field : fields) {
            if (object.has(field)) {
                present++;
            }
        }
        if (present <= 1) {
            return true;
        }
        schema("There should only be one of the following fields: " + List.of(fields), location);
        return false;
    }

    /** A literal integer field with a minimum (and optional maximum); JSONata strings are skipped. */
    void integer(JsonNode object, String field, long min, long max, String location) {
        JsonNode value = object.get(field);
        if (value == null || Jsonata.isExpression(value)) {
            return;
        }
        if (!value.isIntegralNumber()) {
            schema(TYPE_INTEGER, location + "/" + field);
        } else if (value.asLong() < min) {
            schema("Minimum value is " + min, location + "/" + field);
        } else if (value.asLong() > max) {
            schema("Maximum value is " + max, location + "/" + field);
        }
    }

    /** A literal number field with a range, reported with AWS's decimal wording ({@code 0.0}). */
    void decimal(JsonNode object, String field, double min, double max, String location) {
        JsonNode value = object.get(field);
        if (value == null || Jsonata.isExpression(value)) {
            return;
        }
        if (!value.isNumber()) {
            schema(TYPE_NUMBER, location + "/" + field);
        } else if (value.asDouble() < min) {
            schema("Minimum value is " + min, location + "/" + field);
        } else if (value.asDouble() > max) {
            schema("Maximum value is " + max, location + "/" + field);
        }
    }

    /** A string field; reports a wrong type. True when present and a string. */
    boolean string(JsonNode object, String field, String location) {
        JsonNode value = object.get(field);
        if (value == null) {
            return false;
        }
        if (!value.isTextual()) {
            schema(TYPE_STRING, location + "/" + field);
            return false;
        }
        return true;
    }
}
