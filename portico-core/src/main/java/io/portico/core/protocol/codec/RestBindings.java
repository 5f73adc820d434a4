package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.Location;
import io.portico.core.model.Member;
import io.portico.core.model.OperationModel;
import io.portico.core.model.Shape;
import io.portico.core.protocol.AwsRequest;
import io.portico.core.service.TypeErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP bindings REST-JSON and REST-XML share: input members bound to URI labels, query parameters
 * and headers read into the document, output members bound to headers and the status code written from
 * it. Body members are each codec's own business. Stateless.
 */
final class RestBindings {

    private RestBindings() {
    }

    /** Fills {@code document} with the input members bound outside the body. */
    static void read(OperationModel operation, AwsRequest request, Map<String, String> labels, ObjectNode document,
            TypeErrors errors) {
        if (operation.input().isEmpty()) {
            return;
        }
        Set<String> boundQuery = new HashSet<>(operation.requestUri().queryLiterals().keySet());
        Member queryMap = null;
        for (Member member : operation.input().get().members().values()) {
            switch (member.location()) {
                case URI -> {
                    String value = labels.get(member.wireName());
                    if (value != null) {
                        document.set(member.name(), Scalars.read(member.shape(), value, member.name(), errors));
                    }
                }
                case QUERY -> {
                    if (member.shape() instanceof Shape.MapShape) {
                        queryMap = member;
                        continue;
                    }
                    boundQuery.add(member.wireName());
                    List<String> values = request.query().get(member.wireName());
                    if (values != null && !values.isEmpty()) {
                        document.set(member.name(), values(member, values, errors));
                    }
                }
                case HEADER -> request.header(member.wireName().toLowerCase(Locale.ROOT)).ifPresent(value ->
                        document.set(member.name(), member.shape() instanceof Shape.ListShape
                                ? values(member, List.of(value.split(",\\s*")), errors)
                                : Scalars.read(member.shape(), value, member.name(), errors)));
                case HEADERS -> {
                    String prefix = member.wireName().toLowerCase(Locale.ROOT);
                    ObjectNode map = Json.object();
                    request.headers().forEach((name, value) -> {
                        if (name.startsWith(prefix)) {
                            map.put(name.substring(prefix.length()), value);
                        }
                    });
                    if (!map.isEmpty()) {
                        document.set(member.name(), map);
                    }
                }
                default -> {
                }
            }
        }
        if (queryMap != null) {
            ObjectNode map = Json.object();
            for (Map.Entry<String, List<String>> e : request.query().entrySet()) {
                if (!boundQuery.contains(e.getKey()) && !e.getValue().isEmpty()) {
                    map.put(e.getKey(), e.getValue().get(0));
                }
            }
            if (!map.isEmpty()) {
                document.set(queryMap.name(), map);
            }
        }
    }

    private static JsonNode values(Member member, List<String> values, TypeErrors errors) {
        if (!(member.shape() instanceof Shape.ListShape list)) {
            return Scalars.read(member.shape(), values.get(0), member.name(), errors);
        }
        ArrayNode array = Json.mapper().createArrayNode();
        values.forEach(v -> array.add(Scalars.read(list.member().shape(), v, member.name(), errors)));
        return array;
    }

    /** The output members bound to headers, as header name to text (timestamps as HTTP dates). */
    static Map<String, String> headers(OperationModel operation, ObjectNode output) {
        Map<String, String> headers = new LinkedHashMap<>();
        operation.output().ifPresent(shape -> shape.members().values().forEach(member -> {
            JsonNode value = output.get(member.name());
            if (value == null || value.isNull()) {
                return;
            }
            if (member.location() == Location.HEADER) {
                headers.put(member.wireName(), headerText(member.shape(), value));
            } else if (member.location() == Location.HEADERS) {
                value.properties().forEach(e -> headers.put(member.wireName() + e.getKey(), e.getValue().asText()));
            }
        }));
        return headers;
    }

    /** The status an output member bound to the status code carries, else the operation's success status. */
    static int status(OperationModel operation, ObjectNode output) {
        return operation.output().flatMap(shape -> shape.members().values().stream()
                        .filter(m -> m.location() == Location.STATUS_CODE).findFirst())
                .map(m -> output.get(m.name())).filter(v -> v != null && v.canConvertToInt())
                .map(JsonNode::intValue).orElse(operation.successStatus());
    }

    /** Whether a member travels in the body. */
    static boolean inBody(Member member) {
        return member.location() == Location.BODY;
    }

    private static String headerText(Shape shape, JsonNode value) {
        if (shape instanceof Shape.ListShape list) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(Scalars.write(list.member().shape(), v, "rfc822")));
            return String.join(",", parts);
        }
        return Scalars.write(shape, value, "rfc822");
    }
}
