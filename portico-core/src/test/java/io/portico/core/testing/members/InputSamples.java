package io.portico.core.testing.members;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.model.Member;
import io.portico.core.model.OperationModel;
import io.portico.core.model.ServiceModel;
import io.portico.core.model.Shape;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Model-valid sample values, so that an operation can be called with every input member present: a
 * structure holds all its members (below {@value #FULL_DEPTH} levels only the required ones, which ends
 * recursive shapes), a list or map one entry, a string its first enumeration value or the shortest run of
 * {@code a} its bounds allow, a number its minimum or 1, a boolean {@code true}, a timestamp a fixed
 * instant, a blob the bytes of {@code {}}.
 *
 * <p>A string shape with a pattern has no generic sample: the caller names one with
 * {@link #withShape}, and a pattern without one fails with the shape's name and pattern, so a model
 * change shows up as a clear test failure rather than a validation error. Immutable; thread safe.
 */
public final class InputSamples {
    private static final int FULL_DEPTH = 4;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** 2023-11-14T22:13:20Z. */
    private static final long INSTANT = 1_700_000_000L;

    private final ServiceModel model;
    private final Map<String, JsonNode> shapes;

    private InputSamples(ServiceModel model, Map<String, JsonNode> shapes) {
        this.model = model;
        this.shapes = Map.copyOf(shapes);
    }

    public static InputSamples of(ServiceModel model) {
        return new InputSamples(model, Map.of());
    }

    /** These samples with {@code value} for every member of shape {@code shape}. */
    public InputSamples withShape(String shape, JsonNode value) {
        if (model.shape(shape).isEmpty()) {
            throw new IllegalArgumentException(model.uid() + " has no shape " + shape);
        }
        Map<String, JsonNode> next = new HashMap<>(shapes);
        next.put(shape, value);
        return new InputSamples(model, next);
    }

    /** {@link #withShape(String, JsonNode)} for a string shape. */
    public InputSamples withShape(String shape, String value) {
        return withShape(shape, NODES.textNode(value));
    }

    /** An input of {@code operation} with every member, as a document keyed by member names. */
    public ObjectNode input(String operation) {
        OperationModel op = model.operation(operation)
                .orElseThrow(() -> new IllegalArgumentException(model.uid() + " has no operation " + operation));
        return op.input().map(shape -> (ObjectNode) value(shape, 0)).orElseGet(NODES::objectNode);
    }

    /** A sample of {@code shape}; {@code depth} counts the structures above it. */
    JsonNode value(Shape shape, int depth) {
        JsonNode given = shapes.get(shape.name());
        if (given != null) {
            return given.deepCopy();
        }
        return switch (shape) {
            case Shape.Structure s -> structure(s, depth);
            case Shape.ListShape l -> list(l, depth);
            case Shape.MapShape m -> NODES.objectNode().set(value(m.key().shape(), depth + 1).asText(),
                    value(m.value().shape(), depth + 1));
            case Shape.StringShape s -> NODES.textNode(string(s));
            case Shape.NumberShape n -> number(n);
            case Shape.BooleanShape b -> NODES.booleanNode(true);
            case Shape.TimestampShape t -> NODES.numberNode(INSTANT);
            case Shape.BlobShape b -> BinaryNode.valueOf("{}".getBytes(StandardCharsets.UTF_8));
        };
    }

    private ObjectNode structure(Shape.Structure shape, int depth) {
        ObjectNode out = NODES.objectNode();
        for (Member member : shape.members().values()) {
            if (depth < FULL_DEPTH || shape.required().contains(member.name())) {
                out.set(member.name(), value(member.shape(), depth + 1));
            }
        }
        return out;
    }

    private ArrayNode list(Shape.ListShape shape, int depth) {
        ArrayNode out = NODES.arrayNode();
        long count = Math.max(1, shape.min().orElse(1));
        for (long i = 0; i < count; i++) {
            out.add(value(shape.member().shape(), depth + 1));
        }
        return out;
    }

    private String string(Shape.StringShape shape) {
        if (!shape.enumValues().isEmpty()) {
            return shape.enumValues().get(0);
        }
        String sample = "a".repeat((int) Math.max(1, shape.min().orElse(1)));
        if (shape.compiledPattern().isPresent() && !shape.compiledPattern().get().matcher(sample).matches()) {
            throw new IllegalStateException("shape " + shape.name() + " has the pattern " + shape.pattern().orElseThrow()
                    + ", which 'a' does not match: name a sample with withShape(\"" + shape.name() + "\", ...)");
        }
        return sample;
    }

    private static JsonNode number(Shape.NumberShape shape) {
        BigDecimal value = shape.min().filter(min -> min.signum() > 0).orElse(BigDecimal.ONE);
        if (shape.max().isPresent() && value.compareTo(shape.max().get()) > 0) {
            value = shape.max().get();
        }
        return shape.isIntegral() ? NODES.numberNode(value.longValueExact()) : NODES.numberNode(value.doubleValue());
    }
}
