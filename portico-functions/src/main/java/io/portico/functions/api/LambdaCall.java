package io.portico.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.service.OperationCall;
import io.portico.core.service.OperationHandler;
import io.portico.functions.engine.FunctionRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Lambda API call as the kit hands it over: the input document (URI labels, query parameters and
 * headers are members like the body's), already checked against Lambda's model, and the caller's scope.
 * Not thread safe.
 */
record LambdaCall(OperationCall operation) {

    /** A Lambda operation written against {@link LambdaCall}. */
    @FunctionalInterface
    interface Handler {
        ObjectNode handle(LambdaCall call) throws InterruptedException;
    }

    /** The kit's handler for {@code handler}. */
    static OperationHandler of(Handler handler) {
        return call -> handler.handle(new LambdaCall(call));
    }

    ObjectNode body() {
        return operation.input();
    }

    String account() {
        return operation.caller().account();
    }

    String region() {
        return operation.caller().region();
    }

    /** The function named by {@code FunctionName}, with {@code Qualifier} if given. */
    FunctionRef function() {
        return FunctionRef.parse(operation.required("FunctionName"), text("Qualifier"), account(), region());
    }

    /** The function named by {@code FunctionName}, ignoring any qualifier (operations on the whole function). */
    FunctionRef unqualifiedFunction() {
        return FunctionRef.parse(operation.required("FunctionName"), Optional.empty(), account(), region());
    }

    Optional<String> text(String member) {
        return operation.string(member);
    }

    Optional<Integer> integer(String member) {
        return node(body(), member).map(JsonNode::intValue);
    }

    /** A member of {@code container}; absent or null is empty. */
    static Optional<JsonNode> node(JsonNode container, String member) {
        JsonNode node = container.get(member);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    static Optional<String> string(JsonNode container, String member) {
        return node(container, member).map(JsonNode::asText);
    }

    /** A map of strings (tags, environment variables). */
    static Map<String, String> stringMap(JsonNode container, String member) {
        Map<String, String> map = new LinkedHashMap<>();
        node(container, member).ifPresent(node -> node.properties().forEach(e ->
                map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText())));
        return map;
    }
}
