package io.portico.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.model.Member;
import io.portico.core.model.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a request value the way AWS's messages print it: AWS's front ends bind a request to Java
 * objects and print their {@code toString()}, so a list reads {@code [a, b]}, a map {@code {k=v}}, a
 * structure {@code KeySchemaElement(attributeName=pk, keyType=HASH)} and a double {@code 2.0}.
 * Stateless.
 */
final class Values {
    /** The text that stands for a missing value ({@code Value null at ...}). */
    static final String NULL = "\0null";

    private Values() {
    }

    static String print(Shape shape, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        return switch (shape) {
            case Shape.StringShape s -> value.asText();
            case Shape.NumberShape n -> n.isIntegral() ? value.bigIntegerValue().toString()
                    : Double.toString(value.doubleValue());
            case Shape.BooleanShape b -> Boolean.toString(value.asBoolean());
            case Shape.TimestampShape t -> value.asText();
            case Shape.BlobShape b -> blob(value);
            case Shape.ListShape l -> list(l.member(), value);
            case Shape.MapShape m -> map(m, value);
            case Shape.Structure s -> structure(s, value);
        };
    }

    /** AWS's path segment for a member: its name with a lower-case first letter ({@code FunctionName} → {@code functionName}). */
    static String pathName(String memberName) {
        if (memberName.isEmpty()) {
            return memberName;
        }
        return memberName.substring(0, 1).toLowerCase(Locale.ROOT) + memberName.substring(1);
    }

    private static String blob(JsonNode value) {
        int length;
        try {
            length = value.binaryValue() == null ? 0 : value.binaryValue().length;
        } catch (IOException e) {
            length = 0;
        }
        return "java.nio.HeapByteBuffer[pos=0 lim=" + length + " cap=" + length + "]";
    }

    private static String list(Member element, JsonNode value) {
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(print(element.shape(), item)));
        return "[" + String.join(", ", items) + "]";
    }

    private static String map(Shape.MapShape shape, JsonNode value) {
        List<String> entries = new ArrayList<>();
        value.properties().forEach(e -> entries.add(e.getKey() + "=" + print(shape.value().shape(), e.getValue())));
        return "{" + String.join(", ", entries) + "}";
    }

    private static String structure(Shape.Structure shape, JsonNode value) {
        List<String> fields = new ArrayList<>();
        shape.members().values().forEach(m -> fields.add(pathName(m.name()) + "=" + print(m.shape(), value.get(m.name()))));
        return shape.name() + "(" + String.join(", ", fields) + ")";
    }
}
