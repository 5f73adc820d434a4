package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portico.core.model.Member;
import io.portico.core.model.Shape;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.TypeErrors;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a JSON value into a document of a shape, in place: checks each member's JSON type against the
 * model (a wrong type is the service's {@link TypeErrors} answer), decodes base64 blobs into binary nodes,
 * reads timestamps given as text into epoch seconds, and drops what the model does not know (members it
 * has not, JSON nulls) as AWS's JSON front ends ignore them. Used for JSON bodies and for call bus
 * inputs, so both see the same errors. Stateless.
 */
public final class JsonDocuments {

    private JsonDocuments() {
    }

    /**
     * The document of {@code value} for {@code shape}.
     *
     * @throws AwsErrorException the service's type error for a member of the wrong JSON type
     */
    public static ObjectNode structure(Shape.Structure shape, JsonNode value, TypeErrors errors) {
        return (ObjectNode) decode(shape, value, "", errors);
    }

    static JsonNode decode(Shape shape, JsonNode value, String path, TypeErrors errors) {
        return switch (shape) {
            case Shape.Structure s -> {
                ObjectNode object = expect(value.isObject(), value, path, s.name(), errors, ObjectNode.class);
                Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
                List<Map.Entry<String, JsonNode>> replaced = new ArrayList<>();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    Member member = s.members().get(field.getKey());
                    if (member == null || field.getValue().isNull()) {
                        fields.remove();
                        continue;
                    }
                    JsonNode decoded = decode(member.shape(), field.getValue(), join(path, member.name()), errors);
                    if (decoded != field.getValue()) {
                        replaced.add(Map.entry(field.getKey(), decoded));
                    }
                }
                replaced.forEach(e -> object.set(e.getKey(), e.getValue()));
                yield object;
            }
            case Shape.ListShape l -> {
                ArrayNode array = expect(value.isArray(), value, path, "List", errors, ArrayNode.class);
                for (int i = 0; i < array.size(); i++) {
                    if (!array.get(i).isNull()) {
                        array.set(i, decode(l.member().shape(), array.get(i), path + "." + (i + 1), errors));
                    }
                }
                yield array;
            }
            case Shape.MapShape m -> {
                ObjectNode object = expect(value.isObject(), value, path, "Map", errors, ObjectNode.class);
                List<Map.Entry<String, JsonNode>> replaced = new ArrayList<>();
                object.properties().forEach(e -> {
                    if (!e.getValue().isNull()) {
                        JsonNode decoded = decode(m.value().shape(), e.getValue(), path + "." + e.getKey(), errors);
                        if (decoded != e.getValue()) {
                            replaced.add(Map.entry(e.getKey(), decoded));
                        }
                    }
                });
                replaced.forEach(e -> object.set(e.getKey(), e.getValue()));
                yield object;
            }
            case Shape.StringShape s -> {
                if (!value.isTextual() && value.isValueNode() && errors.coercesScalarsToStrings()) {
                    yield TextNode.valueOf(value.asText());
                }
                yield expect(value.isTextual(), value, path, "String", errors, JsonNode.class);
            }
            case Shape.BooleanShape b -> expect(value.isBoolean(), value, path, "Boolean", errors, JsonNode.class);
            case Shape.NumberShape n -> expect(fits(n, value), value, path, typeName(n), errors, JsonNode.class);
            case Shape.TimestampShape t -> {
                if (value.isNumber()) {
                    yield expect(Timestamps.inRange(value), value, path, "Date", errors,
                            JsonNode.class);
                }
                yield value.isTextual() ? Timestamps.parse(value.textValue())
                        .orElseThrow(() -> wrong(value, path, "Date", errors)) : wrongThrown(value, path, "Date", errors);
            }
            case Shape.BlobShape b -> {
                if (value.isBinary()) {
                    yield value;
                }
                if (!value.isTextual()) {
                    throw wrong(value, path, "ByteBuffer", errors);
                }
                try {
                    yield BinaryNode.valueOf(Base64.getDecoder().decode(value.textValue()));
                } catch (IllegalArgumentException e) {
                    throw new AwsErrorException(errors.unreadable("Base64 encoded string is not valid: '" + path + "'"));
                }
            }
        };
    }

    /**
     * Whether a JSON number is a value of the numeric shape: an integer within the Java type's range for
     * Integer and Long (never silently truncated), a finite number for Double and Float (a huge exponent
     * reads as infinity, which no shape holds).
     */
    static boolean fits(Shape.NumberShape shape, JsonNode value) {
        return switch (shape.kind()) {
            case INTEGER -> value.isIntegralNumber() && value.canConvertToInt();
            case LONG -> value.isIntegralNumber() && value.canConvertToLong();
            case DOUBLE, FLOAT -> value.isNumber() && Double.isFinite(value.doubleValue());
        };
    }

    /** The model type's name as AWS's messages print it. */
    static String typeName(Shape.NumberShape n) {
        return switch (n.kind()) {
            case INTEGER -> "Integer";
            case LONG -> "Long";
            case DOUBLE -> "Double";
            case FLOAT -> "Float";
        };
    }

    /** The JSON token AWS's messages name for a value. */
    static String token(JsonNode value) {
        if (value.isObject()) {
            return "START_OBJECT";
        }
        if (value.isArray()) {
            return "START_ARRAY";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE";
        }
        return value.isNumber() ? "NUMBER_VALUE" : "STRING_VALUE";
    }

    private static <T extends JsonNode> T expect(boolean ok, JsonNode value, String path, String expected,
            TypeErrors errors, Class<T> type) {
        if (!ok) {
            throw wrong(value, path, expected, errors);
        }
        return type.cast(value);
    }

    private static JsonNode wrongThrown(JsonNode value, String path, String expected, TypeErrors errors) {
        throw wrong(value, path, expected, errors);
    }

    static AwsErrorException wrong(JsonNode value, String path, String expected, TypeErrors errors) {
        return new AwsErrorException(errors.wrongType(path, token(value), expected));
    }

    static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }
}
