package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.Member;
import io.portico.core.model.Shape;
import io.portico.core.service.TypeErrors;
import java.util.List;
import java.util.NavigableMap;

/**
 * Reads the form parameters of AWS's query protocol into a document, the inverse of how the SDKs
 * serialize it: {@code Name=v}; structures {@code Outer.Inner=v}; lists {@code Tags.member.1.Key=k}
 * ({@code Attribute.1=v} when flattened, {@code Tags=} for an empty list); maps
 * {@code Attributes.entry.1.key=k&Attributes.entry.1.value=v} ({@code Attribute.1.Name} when flattened,
 * with the key and value names the model gives). The parameters come sorted by name, so telling whether a
 * structure has any member present is one lookup. Stateless.
 */
final class QueryInput {

    private QueryInput() {
    }

    static ObjectNode structure(Shape.Structure shape, NavigableMap<String, List<String>> params, String prefix,
            TypeErrors errors) {
        ObjectNode out = Json.object();
        for (Member member : shape.members().values()) {
            JsonNode value = value(member, params, prefix + member.wireName(), errors);
            if (value != null) {
                out.set(member.name(), value);
            }
        }
        return out;
    }

    private static JsonNode value(Member member, NavigableMap<String, List<String>> params, String key, TypeErrors errors) {
        return switch (member.shape()) {
            case Shape.Structure s -> {
                ObjectNode nested = structure(s, params, key + ".", errors);
                yield nested.isEmpty() && !hasPrefix(params, key + ".") ? null : nested;
            }
            case Shape.ListShape l -> list(member, l, params, key, errors);
            case Shape.MapShape m -> map(member, m, params, key, errors);
            default -> {
                String text = first(params, key);
                yield text == null ? null : Scalars.read(member.shape(), text, key, errors);
            }
        };
    }

    private static JsonNode list(Member member, Shape.ListShape list, NavigableMap<String, List<String>> params, String key,
            TypeErrors errors) {
        String itemPrefix = member.flattened()
                ? list.member().locationName().map(name -> replaceLast(key, name)).orElse(key)
                : key + "." + list.member().locationName().orElse("member");
        ArrayNode items = Json.mapper().createArrayNode();
        for (int i = 1; ; i++) {
            JsonNode item = value(list.member(), params, itemPrefix + "." + i, errors);
            if (item == null) {
                break;
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            return "".equals(first(params, key)) ? items : null;
        }
        return items;
    }

    private static JsonNode map(Member member, Shape.MapShape map, NavigableMap<String, List<String>> params, String key,
            TypeErrors errors) {
        String entries = member.flattened() ? key : key + ".entry";
        String keyName = map.key().locationName().orElse("key");
        String valueName = map.value().locationName().orElse("value");
        ObjectNode out = Json.object();
        for (int i = 1; ; i++) {
            String k = first(params, entries + "." + i + "." + keyName);
            if (k == null) {
                break;
            }
            JsonNode v = value(map.value(), params, entries + "." + i + "." + valueName, errors);
            out.set(k, v == null ? Json.mapper().nullNode() : v);
        }
        return out.isEmpty() ? null : out;
    }

    private static String replaceLast(String key, String name) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? name : key.substring(0, dot + 1) + name;
    }

    /** Whether any parameter starts with {@code prefix}: one lookup in the sorted names, not a scan. */
    private static boolean hasPrefix(NavigableMap<String, List<String>> params, String prefix) {
        String next = params.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    private static String first(NavigableMap<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
