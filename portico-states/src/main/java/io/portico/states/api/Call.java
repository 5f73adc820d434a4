package io.portico.states.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.service.OperationCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Step Functions API call as the kit hands it over: the input document, already checked against
 * AWS's model (required members, types, lengths, ranges and enumerations), and the caller's scope. The
 * accessors only read; they need not check again. Not thread safe.
 */
record Call(OperationCall operation) {

    ObjectNode body() {
        return operation.input();
    }

    String account() {
        return operation.caller().account();
    }

    String region() {
        return operation.caller().region();
    }

    /** A member the model marks required. */
    String required(String member) {
        return operation.required(member);
    }

    Optional<String> optional(String member) {
        return operation.string(member);
    }

    boolean flag(String member) {
        return optionalFlag(member).orElse(false);
    }

    Optional<Boolean> optionalFlag(String member) {
        return node(member).map(JsonNode::booleanValue);
    }

    Optional<JsonNode> node(String member) {
        JsonNode v = body().get(member);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    Optional<Integer> integer(String member) {
        return node(member).map(JsonNode::intValue);
    }

    /**
     * Whether the call asks for {@code includedData = METADATA_ONLY}: AWS then leaves out the definition
     * (which a customer-managed KMS key would encrypt) and answers {@code "{}"} in its place.
     */
    boolean metadataOnly() {
        return optional("includedData").filter("METADATA_ONLY"::equals).isPresent();
    }

    /** {@code maxResults} of a list call: 0 (or absent) means the default of 100; the model bounds it to 1000. */
    int maxResults() {
        int n = integer("maxResults").orElse(0);
        return n == 0 ? 100 : n;
    }

    /** Tags given as {@code [{"key":..,"value":..}]}. */
    Map<String, String> tags(String member) {
        Map<String, String> tags = new LinkedHashMap<>();
        list(member).forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText("")));
        return tags;
    }

    List<String> strings(String member) {
        List<String> out = new ArrayList<>();
        list(member).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** A list member, absent as an empty list. */
    JsonNode list(String member) {
        return node(member).orElseGet(() -> body().arrayNode());
    }
}
