package io.portico.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.service.OperationCall;
import io.portico.tables.engine.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The input of one DynamoDB call as the kit hands it over (already checked against the model: types,
 * required members, enumerations, lengths and ranges), with the readers the handlers share. Not thread safe.
 */
record Input(OperationCall call) {

    JsonNode body() {
        return call.input();
    }

    String account() {
        return call.caller().account();
    }

    String region() {
        return call.caller().region();
    }

    /** The table the {@code TableName} member names (a name or a table ARN). */
    TableRef table() {
        return TableRef.named(account(), region(), call.required("TableName"));
    }

    Optional<JsonNode> node(String member) {
        return present(body().get(member));
    }

    Optional<String> string(String member) {
        return node(member).map(JsonNode::asText);
    }

    Optional<Boolean> flag(String member) {
        return node(member).map(JsonNode::booleanValue);
    }

    static Optional<JsonNode> present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }

    static Optional<String> text(JsonNode parent, String member) {
        return present(parent.get(member)).map(JsonNode::asText);
    }

    /** The elements of a list member mapped one by one; empty when the list is absent. */
    static <T> List<T> list(Optional<JsonNode> list, Function<JsonNode, T> element) {
        List<T> out = new ArrayList<>();
        list.ifPresent(l -> l.forEach(e -> out.add(element.apply(e))));
        return out;
    }
}
