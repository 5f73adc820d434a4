package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import io.portico.states.asl.EvaluationBudget;
import io.portico.states.asl.EvaluationLimits;
import io.portico.states.asl.StatesError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSONPath reads and ResultPath writes over Jackson trees, with AWS Step Functions' semantics.
 *
 * <p>Reads go through Jayway JsonPath with the Jackson tree provider: AWS's path errors are Jayway's
 * messages, so both results and error text ({@code Missing property in path $['no']}, {@code No results
 * for path}) match word for word. Compiled paths are cached ({@link BoundedCache}); {@code $} never
 * reaches Jayway, and plain dotted paths ({@code $.a.b}) are walked directly, falling back to Jayway
 * only on a miss so its message is the one reported. Writes (ResultPath) are done by hand on a parsed reference path, copying only the
 * objects along the path so the input is never mutated and untouched subtrees are shared.
 *
 * <p>A Jayway read runs within the caller's {@link EvaluationLimits} ({@link BudgetedJsonProvider}): a
 * filter or deep scan that runs past the time limit, or collects more than the size limit, fails with
 * {@code States.Runtime}. Direct walks and ResultPath writes visit one node per path step and need no
 * budget.
 *
 * <p>Thread safe; stateless apart from the cache. Arguments must not be null.
 */
public final class JsonPaths {
    /** Error AWS raises when a ResultPath cannot be applied to the input. */
    public static final String REFERENCE_PATH_CONFLICT = "States.ReferencePathConflict";

    private static final BoundedCache<String, CompiledPath> PATHS = new BoundedCache<>(4096, JsonPaths::compile);
    private static final BoundedCache<String, List<ReferencePath.Segment>> REFERENCE_PATHS =
            new BoundedCache<>(4096, ReferencePath::parse);

    private JsonPaths() {
    }

    /**
     * InputPath / OutputPath / ItemsPath selection: {@code $} yields {@code doc} itself; a definite path
     * that is missing raises {@code States.Runtime} "Invalid path '<path>' : <Jayway message>"; an
     * indefinite path yields an array (empty when nothing matched).
     */
    public static JsonNode select(JsonNode doc, String path) {
        return select(doc, path, path, EvaluationLimits.defaults());
    }

    /**
     * {@link #select(JsonNode, String)} within {@code limits}, reporting errors against
     * {@code shownPath}, the path as written.
     */
    static JsonNode select(JsonNode doc, String path, String shownPath, EvaluationLimits limits) {
        if ("$".equals(path)) {
            return doc;
        }
        CompiledPath compiled = PATHS.get(path);
        JsonNode fast = compiled.walk(doc);
        if (fast != null) {
            return fast;
        }
        try {
            return read(compiled.jayway(), doc, shownPath, limits);
        } catch (PathNotFoundException e) {
            if (!compiled.jayway().isDefinite()) {
                return JsonNodeFactory.instance.arrayNode();
            }
            throw StatesError.runtime("Invalid path '" + shownPath + "' : " + e.getMessage());
        }
    }

    /**
     * Like {@link #select} but reports a missing definite path as empty instead of failing, so callers
     * can tell an absent field from a JSON null (Choice IsPresent, payload templates).
     */
    public static Optional<JsonNode> find(JsonNode doc, String path) {
        return find(doc, path, EvaluationLimits.defaults());
    }

    /** {@link #find(JsonNode, String)} within {@code limits}. */
    static Optional<JsonNode> find(JsonNode doc, String path, EvaluationLimits limits) {
        if ("$".equals(path)) {
            return Optional.of(doc);
        }
        CompiledPath compiled = PATHS.get(path);
        JsonNode fast = compiled.walk(doc);
        if (fast != null) {
            return Optional.of(fast);
        }
        try {
            return Optional.of(read(compiled.jayway(), doc, path, limits));
        } catch (PathNotFoundException e) {
            return compiled.jayway().isDefinite() ? Optional.empty() : Optional.of(JsonNodeFactory.instance.arrayNode());
        }
    }

    /**
     * ResultPath: {@code $} returns {@code result}; {@code $.a.b} returns a copy of {@code input} with
     * {@code result} set at {@code a.b}, creating missing intermediate objects. Fails with
     * {@code States.ReferencePathConflict} as AWS does: "Unable to apply ReferencePath <path> to input
     * <json>" when the input is not an object, "Unable to apply step "<name>" to input <json>" when a node
     * further down is not an object (or an array index is out of range).
     */
    public static JsonNode applyResultPath(JsonNode input, JsonNode result, String resultPath) {
        if ("$".equals(resultPath)) {
            return result;
        }
        List<ReferencePath.Segment> segments = REFERENCE_PATHS.get(resultPath);
        if (segments.getFirst() instanceof ReferencePath.Field ? !input.isObject() : !input.isArray()) {
            throw new StatesError(REFERENCE_PATH_CONFLICT,
                    "Unable to apply ReferencePath " + resultPath + " to input " + Json.compact(input));
        }
        return set(input, segments, 0, result, input);
    }

    /** Returns a copy of {@code node} with {@code value} placed at {@code segments[from..]}. */
    private static JsonNode set(JsonNode node, List<ReferencePath.Segment> segments, int from, JsonNode value,
            JsonNode whole) {
        if (from == segments.size()) {
            return value;
        }
        ReferencePath.Segment segment = segments.get(from);
        if (segment instanceof ReferencePath.Field field) {
            if (node != null && !node.isObject()) {
                throw stepConflict(field.name(), whole);
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            if (node != null) {
                copy.setAll((ObjectNode) node);
            }
            copy.set(field.name(), set(copy.get(field.name()), segments, from + 1, value, whole));
            return copy;
        }
        int index = ((ReferencePath.Index) segment).index();
        // A negative index names no element to replace here (it was handed to ArrayNode.set, which threw
        // IndexOutOfBoundsException: found by fuzzing); AWS's answer is not recorded, this is its answer for an
        // index past the end.
        if (node == null || !node.isArray() || index < 0 || index >= node.size()) {
            throw stepConflict(String.valueOf(index), whole);
        }
        ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
        copy.addAll((ArrayNode) node);
        copy.set(index, set(node.get(index), segments, from + 1, value, whole));
        return copy;
    }

    private static StatesError stepConflict(String step, JsonNode whole) {
        return new StatesError(REFERENCE_PATH_CONFLICT,
                "Unable to apply step \"" + step + "\" to input " + Json.compact(whole));
    }

    /**
     * Throws States.Runtime "Invalid path" if {@code path} is not a JSONPath Jayway accepts; for validators.
     */
    public static void checkSyntax(String path) {
        PATHS.get(path);
    }

    /**
     * A compiled path. {@code fields} is non-null for the common shape {@code $.a.b.c} (plain names
     * only): such paths are walked directly over the tree, skipping Jayway's evaluation machinery, and
     * only a miss falls back to Jayway so that its exact error message is reported.
     */
    private record CompiledPath(JsonPath jayway, String[] fields) {
        /** The value when every step is an existing object field; null to defer to Jayway. */
        JsonNode walk(JsonNode doc) {
            if (fields == null) {
                return null;
            }
            JsonNode node = doc;
            for (String field : fields) {
                if (!node.isObject()) {
                    return null;
                }
                node = node.get(field);
                if (node == null) {
                    return null;
                }
            }
            return node;
        }
    }

    private static CompiledPath compile(String path) {
        return new CompiledPath(compileJayway(path), simpleFields(path));
    }

    /** The names of a {@code $.a.b} path, or null when it uses anything else (brackets, wildcards, ..). */
    private static String[] simpleFields(String path) {
        if (!path.startsWith("$.") || path.length() == 2) {
            return null;
        }
        String[] fields = path.substring(2).split("\\.", -1);
        for (String field : fields) {
            if (field.isEmpty()) {
                return null;
            }
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                    return null;
                }
            }
        }
        return fields;
    }

    private static JsonPath compileJayway(String path) {
        try {
            // AWS reads a backslash inside a bracketed name literally ($['a\"b'] names a\"b), while
            // Jayway 2.9 treats it as an escape; doubling it makes Jayway see the same name.
            return JsonPath.compile(path.indexOf('\\') < 0 ? path : path.replace("\\", "\\\\"));
        } catch (InvalidPathException e) {
            throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        } catch (StackOverflowError e) {
            // Jayway's filter compiler recurses once per parenthesis: a path nested deep enough overflows it.
            throw StatesError.runtime("Invalid path '" + path + "' : The path is nested too deeply to parse");
        }
    }

    private static JsonNode read(JsonPath compiled, JsonNode doc, String shownPath, EvaluationLimits limits) {
        Object value;
        try {
            value = compiled.read(doc, BudgetedJsonProvider.configuration(limits.start()));
        } catch (PathNotFoundException e) {
            throw e;
        } catch (EvaluationBudget.Exceeded e) {
            throw StatesError.runtime("The JSONPath '" + shownPath + "' was stopped: " + e.getMessage());
        } catch (JsonPathException e) {
            // Jayway reports other evaluation failures with its other exceptions: a function on the wrong
            // types (InvalidPathException), an aggregate such as sum() over nothing (JsonPathException itself,
            // which escaped as itself until fuzzing found it).
            throw StatesError.runtime("Invalid path '" + compiled.getPath() + "' : " + e.getMessage());
        } catch (RuntimeException e) {
            // Some of Jayway's functions fail on a literal argument with Java's own exceptions ($.length(1): a
            // NullPointerException; found by fuzzing). AWS's words for it are not recorded; Java's are no answer.
            throw StatesError.runtime("Invalid path '" + compiled.getPath() + "' : The path could not be evaluated");
        }
        return wrap(value);
    }

    /** Jayway functions ({@code length()}, {@code sum()}...) return plain Java values; bring them back. */
    static JsonNode wrap(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (value) {
            case null -> f.nullNode();
            case JsonNode node -> node;
            case String s -> f.textNode(s);
            case Integer i -> f.numberNode(i);
            case Long l -> f.numberNode(l);
            case Double d -> f.numberNode(d);
            case Float fl -> f.numberNode(fl);
            case BigDecimal b -> f.numberNode(b);
            case BigInteger b -> f.numberNode(b);
            case Boolean b -> f.booleanNode(b);
            case List<?> list -> {
                ArrayNode array = f.arrayNode(list.size());
                list.forEach(item -> array.add(wrap(item)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = f.objectNode();
                map.forEach((k, v) -> object.set(String.valueOf(k), wrap(v)));
                yield object;
            }
            default -> f.textNode(value.toString());
        };
    }
}
