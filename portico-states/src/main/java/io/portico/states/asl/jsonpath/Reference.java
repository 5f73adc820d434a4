package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.StatesError;
import java.util.Optional;

/**
 * A parsed reference: {@code $...} into the input, {@code $$...} into the context object, or
 * {@code $name...} into a workflow variable, with the JSONPath to apply to that root. Parsed once per
 * distinct text and cached, so the hot path does no string work. Immutable and thread safe.
 *
 * @param text     the reference as written
 * @param root     which document it reads
 * @param variable the variable name for {@link Root#VARIABLE}, else null
 * @param path     the JSONPath relative to the root, always starting with {@code $}
 */
record Reference(String text, Root root, String variable, String path) {

    enum Root { INPUT, CONTEXT, VARIABLE }

    private static final BoundedCache<String, Reference> CACHE = new BoundedCache<>(4096, Reference::parse);

    static Reference of(String text) {
        return CACHE.get(text);
    }

    static boolean isReference(String text) {
        return text.startsWith("$");
    }

    private static Reference parse(String text) {
        if (text.startsWith("$$")) {
            return new Reference(text, Root.CONTEXT, null, "$" + text.substring(2));
        }
        if (text.equals("$") || text.startsWith("$.") || text.startsWith("$[")) {
            return new Reference(text, Root.INPUT, null, text);
        }
        if (!text.startsWith("$")) {
            throw StatesError.runtime("Invalid path '" + text + "' : Path must start with '$'");
        }
        int end = 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
            end++;
        }
        return new Reference(text, Root.VARIABLE, text.substring(1, end), "$" + text.substring(end));
    }

    /** The document this reference reads from; empty for an undefined variable. */
    Optional<JsonNode> rootIn(EvalContext ctx) {
        return switch (root) {
            case INPUT -> Optional.of(ctx.input());
            case CONTEXT -> Optional.of(ctx.context());
            case VARIABLE -> ctx.variables().get(variable);
        };
    }

    /** The value, or empty when the path (or the variable) does not exist. */
    Optional<JsonNode> find(EvalContext ctx) {
        Optional<JsonNode> doc = rootIn(ctx);
        return doc.isEmpty() ? doc : JsonPaths.find(doc.get(), path, ctx.limits());
    }
}
