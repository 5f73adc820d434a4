package io.portico.states.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.JsonDepth;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson trees and the plain Java values (Map, List, String, Number, Boolean,
 * {@link Jsonata#NULL_VALUE}) the dashjoin engine evaluates over; objects and arrays go in as views
 * that convert their members when read ({@link JsonViews}).
 *
 * <p>Numbers follow what AWS shows: an integer stays exact while it fits a {@code long}, and a whole
 * number computed as a double (JSONata arithmetic is double arithmetic) comes back as an integer, so
 * {@code 1.5 * 2} is {@code 3} and never {@code 3.0}. Integral results use the smallest Jackson node
 * ({@code IntNode} before {@code LongNode}) so they compare equal to freshly parsed JSON.
 *
 * <p>JSON null is {@link Jsonata#NULL_VALUE}, never Java null: inside JSONata a Java null means
 * "undefined". Stateless and thread safe.
 */
final class JsonataValues {

    /** Portico's words: AWS's answer to a result this deep is not recorded. */
    static final String TOO_DEEP = "The result is nested deeper than " + JsonDepth.MAX + " levels";

    /** 2^63 as a double: whole doubles below it are written as integers. */
    private static final double LONG_LIMIT = 9.223372036854775807E18;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonataValues() {
    }

    /** The engine's form of {@code node}: objects and arrays as views converted as they are read ({@link JsonViews}). */
    static Object toJsonata(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
            case ARRAY:
                return JsonViews.of(node);
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                return toJsonataNumber(node);
            case NULL:
            case MISSING:
                return Jsonata.NULL_VALUE;
            default:
                return node.asText();
        }
    }

    private static Object toJsonataNumber(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        double value = node.doubleValue();
        if (isWhole(value)) {
            return (long) value;
        }
        return value;
    }

    /**
     * The JSON form of an evaluation result; a Java null (undefined) inside a structure becomes null.
     *
     * @throws JException when the result nests deeper than {@link JsonDepth#MAX} levels, which the
     *     engine could neither record nor pass on (JSONata builds such a value in a loop cheaply)
     */
    static JsonNode toJson(Object value) {
        return toJson(value, JsonDepth.MAX);
    }

    private static JsonNode toJson(Object value, int levels) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Number number) {
            return numberNode(number);
        }
        if ((value instanceof Map || value instanceof List) && levels == 0) {
            throw new JException(TOO_DEEP, -1);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                object.set(String.valueOf(entry.getKey()), toJson(entry.getValue(), levels - 1));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object element : list) {
                array.add(toJson(element, levels - 1));
            }
            return array;
        }
        // Functions, lambdas and regexes have no JSON form; JSON.stringify drops them, so does AWS.
        return NODES.nullNode();
    }

    static JsonNode numberNode(Number number) {
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return NODES.numberNode(number.intValue());
        }
        if (number instanceof Long l) {
            return integral(l);
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() < 64 ? integral(big.longValue()) : NODES.numberNode(big);
        }
        if (number instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        double value = number.doubleValue();
        if (isWhole(value)) {
            return integral((long) value);
        }
        return NODES.numberNode(value);
    }

    private static JsonNode integral(long value) {
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return NODES.numberNode((int) value);
        }
        return NODES.numberNode(value);
    }

    private static boolean isWhole(double value) {
        return Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < LONG_LIMIT;
    }

    /** The JSON type name AWS uses in "unexpected result type" messages. */
    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
    }
}
