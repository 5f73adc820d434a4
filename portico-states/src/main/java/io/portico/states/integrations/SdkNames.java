package io.portico.states.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.Member;
import io.portico.core.model.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * How Step Functions' AWS SDK integrations name things: parameters and results in PascalCase whatever
 * the service's own casing ({@code StateMachineArn} for Step Functions' {@code stateMachineArn}), map
 * keys untouched, timestamps as ISO-8601 text, blobs as text. Converts between that and the kit's documents, guided by
 * the operation's shapes. Stateless.
 */
final class SdkNames {

    private SdkNames() {
    }

    /** Step Functions' name for a model member: its first letter in upper case. */
    static String pascal(String memberName) {
        return memberName.isEmpty() ? memberName
                : memberName.substring(0, 1).toUpperCase(Locale.ROOT) + memberName.substring(1);
    }

    /** The document of {@code parameters} (PascalCase) for {@code shape}: members renamed to the model's names. */
    static JsonNode toModel(Shape shape, JsonNode parameters) {
        return switch (shape) {
            case Shape.Structure s when parameters.isObject() -> {
                ObjectNode out = Json.object();
                parameters.properties().forEach(e -> {
                    Member member = member(s, e.getKey());
                    if (member == null) {
                        out.set(e.getKey(), e.getValue());
                    } else {
                        out.set(member.name(), toModel(member.shape(), e.getValue()));
                    }
                });
                yield out;
            }
            case Shape.ListShape l when parameters.isArray() -> {
                ArrayNode out = Json.mapper().createArrayNode();
                parameters.forEach(item -> out.add(toModel(l.member().shape(), item)));
                yield out;
            }
            case Shape.MapShape m when parameters.isObject() -> {
                ObjectNode out = Json.object();
                parameters.properties().forEach(e -> out.set(e.getKey(), toModel(m.value().shape(), e.getValue())));
                yield out;
            }
            // A blob parameter is given as text or as JSON (Lambda's Payload), never as base64.
            case Shape.BlobShape b -> BinaryNode.valueOf(parameters.isTextual()
                    ? parameters.textValue().getBytes(StandardCharsets.UTF_8) : Json.write(parameters));
            default -> parameters;
        };
    }

    /** The result Step Functions shows for an output document: PascalCase members, ISO-8601 timestamps. */
    static JsonNode toStates(Shape shape, JsonNode value) {
        return switch (shape) {
            case Shape.Structure s when value.isObject() -> {
                ObjectNode out = Json.object();
                s.members().values().forEach(member -> {
                    JsonNode v = value.get(member.name());
                    if (v != null && !v.isNull()) {
                        out.set(pascal(member.name()), toStates(member.shape(), v));
                    }
                });
                yield out;
            }
            case Shape.ListShape l when value.isArray() -> {
                ArrayNode out = Json.mapper().createArrayNode();
                value.forEach(item -> out.add(toStates(l.member().shape(), item)));
                yield out;
            }
            case Shape.MapShape m when value.isObject() -> {
                ObjectNode out = Json.object();
                value.properties().forEach(e -> out.set(e.getKey(), toStates(m.value().shape(), e.getValue())));
                yield out;
            }
            case Shape.TimestampShape t when value.isNumber() -> Json.mapper().getNodeFactory().textNode(
                    Instant.ofEpochMilli(value.decimalValue().movePointRight(3).longValue()).toString());
            // A blob result (Lambda's Payload) reads as its text, which States.StringToJson can parse.
            case Shape.BlobShape b when value.isBinary() -> Json.mapper().getNodeFactory().textNode(
                    new String(bytes(value), StandardCharsets.UTF_8));
            default -> value;
        };
    }

    private static byte[] bytes(JsonNode blob) {
        try {
            return blob.binaryValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The member {@code name} stands for: the model's own name, or its PascalCase form. */
    private static Member member(Shape.Structure shape, String name) {
        Member exact = shape.members().get(name);
        if (exact != null) {
            return exact;
        }
        for (Member m : shape.members().values()) {
            if (pascal(m.name()).equals(name)) {
                return m;
            }
        }
        return null;
    }
}
