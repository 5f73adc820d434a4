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
            throw new ServiceError("SerializationException", "Unexpected value type for '" + member + "': expected a string");
        }
        return v.textValue();
    }

    Optional<String> optional(String member) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new ServiceError("SerializationException", "Unexpected value type for '" + member + "': expected a string");
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

    boolean flag(String member) {
        JsonNode v = body.get(member);
        return v != null && v.asBoolean(false);
    }

    Optional<JsonNode> node(String member) {
        JsonNode v = body.get(member);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    int maxResults() {
        JsonNode v = body.get("maxResults");
        if (v == null || v.isNull()) {
            return 100;
        }
        int n = v.asInt();
        if (n < 0 || n > 1000) {
            throw ServiceError.validation("1 validation error detected: Value '" + n
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
        }
        return n == 0 ? 100 : n;
    }

    /** Tags given as {@code [{"key":..,"value":..}]}. */
    Map<String, String> tags(String member) {
        Map<String, String> tags = new LinkedHashMap<>();
        node(member).ifPresent(list -> list.forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText(""))));
        return tags;
    }

    List<String> strings(String member) {
        List<String> out = new ArrayList<>();
        node(member).ifPresent(list -> list.forEach(v -> out.add(v.asText())));
        return out;
    }
}
