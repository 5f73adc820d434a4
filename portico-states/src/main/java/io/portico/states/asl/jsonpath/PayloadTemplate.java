package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.EvalContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSONPath-mode payload template: Parameters, ResultSelector, ItemSelector and Assign.
 *
 * <p>Objects and arrays are rebuilt recursively; a key ending in {@code .$} loses the suffix and its
 * string value is evaluated with {@link Expressions#evaluate} (path, context object, variable or
 * intrinsic call). The template is compiled once into a small tree: subtrees without any {@code .$} key
 * become constants that are returned as they are instead of copied (templates are immutable definition
 * data and the engine never mutates nodes, so sharing is safe), and each {@code .$} entry keeps its
 * expression text and field name ready. {@link #evaluate(JsonNode, EvalContext)} caches the compiled form
 * per template node (by identity), so callers holding definition nodes pay the compilation once.
 *
 * <p>Instances are immutable and thread safe.
 */
public final class PayloadTemplate {
    private static final BoundedCache<IdentityKey, PayloadTemplate> COMPILED =
            new BoundedCache<>(4096, key -> new PayloadTemplate(compileNode(key.node())));

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /** Compiles {@code template} for repeated evaluation. */
    public static PayloadTemplate compile(JsonNode template) {
        return new PayloadTemplate(compileNode(template));
    }

    /** The payload {@code template} produces for {@code ctx}; a missing path raises States.Runtime. */
    public static JsonNode evaluate(JsonNode template, EvalContext ctx) {
        if (!template.isContainerNode()) {
            return template;
        }
        return COMPILED.get(new IdentityKey(template)).apply(ctx);
    }

    /** The payload this template produces for {@code ctx}. */
    public JsonNode apply(EvalContext ctx) {
        return root.eval(ctx);
    }

    private sealed interface Node {
        JsonNode eval(EvalContext ctx);
    }

    private record Constant(JsonNode value) implements Node {
        public JsonNode eval(EvalContext ctx) {
            return value;
        }
    }

    private record Expression(String expression, String fieldName) implements Node {
        public JsonNode eval(EvalContext ctx) {
            return Expressions.evaluate(expression, ctx, fieldName);
        }
    }

    private record ObjectTemplate(String[] keys, Node[] values) implements Node {
        public JsonNode eval(EvalContext ctx) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < keys.length; i++) {
                out.set(keys[i], values[i].eval(ctx));
            }
            return out;
        }
    }

    private record ArrayTemplate(Node[] items) implements Node {
        public JsonNode eval(EvalContext ctx) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(items.length);
            for (Node item : items) {
                out.add(item.eval(ctx));
            }
            return out;
        }
    }

    private static Node compileNode(JsonNode template) {
        if (!hasDynamicContent(template)) {
            return new Constant(template);
        }
        if (template.isArray()) {
            List<Node> items = new ArrayList<>(template.size());
            template.forEach(item -> items.add(compileNode(item)));
            return new ArrayTemplate(items.toArray(Node[]::new));
        }
        List<String> keys = new ArrayList<>(template.size());
        List<Node> values = new ArrayList<>(template.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.endsWith(".$") && value.isTextual()) {
                keys.add(key.substring(0, key.length() - 2));
                values.add(new Expression(value.textValue(), key));
            } else {
                keys.add(key);
                values.add(compileNode(value));
            }
        }
        return new ObjectTemplate(keys.toArray(String[]::new), values.toArray(Node[]::new));
    }

    /** True when some object at or below {@code node} has a {@code .$} key. */
    private static boolean hasDynamicContent(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().endsWith(".$") || hasDynamicContent(entry.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasDynamicContent(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Identity-based cache key: JsonNode equality would hash the whole template on every lookup. */
    private record IdentityKey(JsonNode node) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey other && other.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }
}
