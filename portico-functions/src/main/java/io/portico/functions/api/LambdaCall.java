package io.portico.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.protocol.AwsRequest;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.FunctionsException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/** One decoded Lambda API call: the request, the matched path labels and the JSON body on demand. */
final class LambdaCall {
    private final AwsRequest request;
    private final Matcher path;
    private ObjectNode body;

    LambdaCall(AwsRequest request, Matcher path) {
        this.request = request;
        this.path = path;
    }

    AwsRequest request() {
        return request;
    }

    /** A path label, URL-decoded (function names may be ARNs with encoded colons). */
    String label(int group) {
        return URLDecoder.decode(path.group(group), StandardCharsets.UTF_8);
    }

    Optional<String> query(String name) {
        List<String> values = request.query().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    List<String> queryAll(String name) {
        return request.query().getOrDefault(name, List.of());
    }

    /** The function named by path label 1, with the {@code Qualifier} query parameter if given. */
    FunctionRef function() {
        return FunctionRef.parse(label(1), query("Qualifier"), request.accountId(), request.region());
    }

    /** The function named by path label 1, ignoring any qualifier (operations on the whole function). */
    FunctionRef unqualifiedFunction() {
        return FunctionRef.parse(label(1), Optional.empty(), request.accountId(), request.region());
    }

    ObjectNode body() {
        if (body == null) {
            body = parse(request.body());
        }
        return body;
    }

    Optional<String> text(String field) {
        JsonNode node = body().get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    Optional<Integer> integer(String field) {
        return integer(body(), field);
    }

    /**
     * An integer field of {@code container}: absent or null is empty; anything but a JSON integer (a
     * string, a fraction, an array) is refused as Lambda refuses a body its model cannot bind, rather
     * than read as 0.
     */
    static Optional<Integer> integer(JsonNode container, String field) {
        return member(container, field, node -> node.isIntegralNumber() && node.canConvertToInt(), "an integer")
                .map(JsonNode::intValue);
    }

    /**
     * A string field of {@code container}: absent or null is empty; a number or boolean reads as its
     * text (Lambda's JSON binding coerces scalars); an object or array is refused.
     */
    static Optional<String> string(JsonNode container, String field) {
        return member(container, field, node -> !node.isContainerNode(), "a string").map(JsonNode::asText);
    }

    /** An object field of {@code container}: absent or null is empty; anything but an object is refused. */
    static Optional<JsonNode> object(JsonNode container, String field) {
        return member(container, field, JsonNode::isObject, "an object");
    }

    /** A list field of {@code container}: absent or null is empty; anything but an array is refused. */
    static Optional<JsonNode> list(JsonNode container, String field) {
        return member(container, field, JsonNode::isArray, "a list");
    }

    private static Optional<JsonNode> member(JsonNode container, String field, Predicate<JsonNode> accepted,
            String kind) {
        JsonNode node = container.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!accepted.test(node)) {
            throw unparsable(field, kind);
        }
        return Optional.of(node);
    }

    /** A map of strings (tags, environment variables): an object whose values are scalars. */
    static Map<String, String> stringMap(JsonNode container, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        object(container, field).ifPresent(node -> node.properties().forEach(e -> {
            if (e.getValue().isContainerNode()) {
                throw unparsable(field + "." + e.getKey(), "a string");
            }
            map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }));
        return map;
    }

    private static FunctionsException unparsable(String field, String kind) {
        return new FunctionsException("InvalidRequestContentException", "Could not parse request body into json: "
                + "Could not parse field '" + field + "' as " + kind);
    }

    private static ObjectNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return Json.object();
        }
        try {
            JsonNode node = Json.mapper().readTree(bytes);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw new FunctionsException("InvalidRequestContentException",
                    "Could not parse request body into json: " + e.getMessage().replace("\n", " "));
        }
        throw new FunctionsException("InvalidRequestContentException",
                "Could not parse request body into json: expected an object");
    }
}
