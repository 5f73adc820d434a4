package io.portico.states.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.protocol.AwsRequest;
import io.portico.states.engine.ServiceError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Step Functions API call: the decoded request body and the scope it runs in, with accessors that
 * raise AWS's ValidationException messages for missing or malformed members. Not thread safe.
 */
record Call(AwsRequest request, ObjectNode body) {

    String account() {
        return request.accountId();
    }

    String region() {
        return request.region();
    }

    String required(String member) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            throw ServiceError.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!v.isTextual()) {
            throw unexpectedType(member, "a string");
        }
        return v.textValue();
    }

    Optional<String> optional(String member) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw unexpectedType(member, "a string");
        }
        return Optional.of(v.textValue());
    }

    /** A string member whose length AWS bounds; over the bound is AWS's ValidationException. */
    Optional<String> optional(String member, int maxLength) {
        Optional<String> v = optional(member);
        if (v.isPresent() && v.get().length() > maxLength) {
            throw ServiceError.validation("1 validation error detected: Value at '" + member
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + maxLength);
        }
        return v;
    }

    /** A string member that must be one of {@code values}, AWS's enumeration, in AWS's order. */
    Optional<String> optionalEnum(String member, List<String> values) {
        Optional<String> v = optional(member);
        v.ifPresent(value -> checkEnum(member, value, values));
        return v;
    }

    /** AWS's ValidationException for a value outside an enumeration, at {@code path} (e.g. {@code mock.fieldValidationMode}). */
    static void checkEnum(String path, String value, List<String> values) {
        if (!values.contains(value)) {
            throw ServiceError.validation("1 validation error detected: Value '" + value + "' at '" + path
                    + "' failed to satisfy constraint: Member must satisfy enum value set: [" + String.join(", ", values)
                    + "]");
        }
    }

    boolean flag(String member) {
        return optionalFlag(member).orElse(false);
    }

    Optional<Boolean> optionalFlag(String member) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw unexpectedType(member, "a boolean");
        }
        return Optional.of(v.booleanValue());
    }

    Optional<JsonNode> node(String member) {
        JsonNode v = body.get(member);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** An integer member, absent as empty; a string, fraction or anything else is a SerializationException. */
    Optional<Integer> integer(String member) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw unexpectedType(member, "an integer");
        }
        return Optional.of(v.intValue());
    }

    /** {@code maxResults} of a list call: 0 to 1000, where 0 (or absent) means the default of 100. */
    int maxResults() {
        int n = integer("maxResults").orElse(0);
        if (n < 0 || n > 1000) {
            throw ServiceError.validation("1 validation error detected: Value '" + n
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value "
                    + (n < 0 ? "greater than or equal to 0" : "less than or equal to 1000"));
        }
        return n == 0 ? 100 : n;
    }

    /** Tags given as {@code [{"key":..,"value":..}]}. */
    Map<String, String> tags(String member) {
        Map<String, String> tags = new LinkedHashMap<>();
        list(member).forEach(t -> {
            if (!t.isObject()) {
                throw unexpectedType(member + " member", "an object");
            }
            tags.put(t.path("key").asText(), t.path("value").asText(""));
        });
        return tags;
    }

    List<String> strings(String member) {
        List<String> out = new ArrayList<>();
        list(member).forEach(v -> {
            if (!v.isTextual()) {
                throw unexpectedType(member + " member", "a string");
            }
            out.add(v.textValue());
        });
        return out;
    }

    /** A list member, absent as an empty list; anything but a JSON array is a SerializationException. */
    JsonNode list(String member) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            return body.arrayNode();
        }
        if (!v.isArray()) {
            throw unexpectedType(member, "a list");
        }
        return v;
    }

    static ServiceError unexpectedType(String member, String expected) {
        return new ServiceError("SerializationException", "Unexpected value type for '" + member + "': expected "
                + expected);
    }
}
