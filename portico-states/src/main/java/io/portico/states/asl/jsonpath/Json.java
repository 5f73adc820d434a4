package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.portico.states.asl.EvaluationBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Small JSON helpers shared by this package: compact serialisation, AWS's Java-style rendering of
 * values in {@code States.Format}, and equality that compares numbers by value. Thread safe (stateless).
 */
final class Json {
    private static final ObjectWriter WRITER = io.portico.core.json.Json.mapper().writer();

    private Json() {
    }

    /** Compact JSON text, as AWS quotes inputs in error messages. */
    static String compact(JsonNode node) {
        return node.toString();
    }

    /**
     * {@link #compact(JsonNode)} written through {@code budget}: the text is charged as the writer
     * produces it, so a value made of many references to one large string fails once the budget is
     * spent instead of first being written out whole.
     */
    static String compact(JsonNode node, EvaluationBudget budget) {
        StringBuilder text = new StringBuilder();
        try {
            WRITER.writeValue(new Writer() {
                @Override
                public void write(char[] chars, int offset, int length) {
                    budget.charge(length);
                    text.append(chars, offset, length);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            }, node);
        } catch (IOException e) {
            // Jackson wraps what the writer throws; the budget's verdict is the answer.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof EvaluationBudget.Exceeded exceeded) {
                    throw exceeded;
                }
            }
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * How AWS renders a value inside {@code States.Format}: strings bare, numbers as Java prints them,
     * objects and arrays as Java's {@code Map}/{@code List} {@code toString()} ({@code {a=1, b=[]}}),
     * because AWS formats the Java objects its JSON parser produced.
     */
    static String javaString(JsonNode node) {
        return javaString(node, units -> { });
    }

    /** {@link #javaString(JsonNode)}, each string and number charged to {@code charge} as it is appended. */
    static String javaString(JsonNode node, LongConsumer charge) {
        StringBuilder out = new StringBuilder();
        appendJava(node, out, charge);
        return out.toString();
    }

    private static void appendJava(JsonNode node, StringBuilder out, LongConsumer charge) {
        if (node.isTextual()) {
            charge.accept(node.textValue().length());
            out.append(node.textValue());
        } else if (node.isNumber()) {
            out.append(javaNumber(node));
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                appendJava(node.get(i), out, charge);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    out.append(", ");
                }
                first = false;
                charge.accept(e.getKey().length());
                out.append(e.getKey()).append('=');
                appendJava(e.getValue(), out, charge);
            }
            out.append('}');
        } else {
            out.append(node.isNull() || node.isMissingNode() ? "null" : node.asText());
        }
    }

    /** Integers print without a fraction; decimals as a Java double (Jackson's default binding). */
    private static String javaNumber(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return Double.toString(node.doubleValue());
    }

    /** Deep equality where {@code 1} equals {@code 1.0}; other kinds compare as Jackson does. */
    static boolean equalsByValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return compareNumbers(a, b) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equalsByValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !equalsByValue(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Compares two numeric nodes exactly, fast-pathing the common int/long case. */
    static int compareNumbers(JsonNode a, JsonNode b) {
        if (a.canConvertToLong() && b.canConvertToLong() && a.isIntegralNumber() && b.isIntegralNumber()) {
            return Long.compare(a.longValue(), b.longValue());
        }
        return decimal(a).compareTo(decimal(b));
    }

    private static BigDecimal decimal(JsonNode n) {
        if (n.isDouble() || n.isFloat()) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return d > 0 ? BigDecimal.valueOf(Double.MAX_VALUE) : BigDecimal.valueOf(-Double.MAX_VALUE);
            }
            return BigDecimal.valueOf(d);
        }
        return n.decimalValue();
    }
}
