package io.portico.states.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.EvaluationBudget;
import io.portico.states.asl.StatesError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates ASL fields in JSONata mode.
 *
 * <p>How it works: a field is a template. A string that is exactly {@code {% expr %}} (no whitespace
 * outside the delimiters: {@code " {% x %} "} stays a literal, as on AWS) is an expression; objects and
 * arrays are walked and every such string inside is evaluated, the field name growing as
 * {@code Output/key} and {@code Output[0]} so that messages name the exact spot as AWS does; anything
 * else is returned as is (the same node, not a copy, when nothing inside is an expression). An
 * expression that returns nothing fails with {@code States.QueryEvaluationError}, inside objects too:
 * AWS does not drop the key.
 *
 * <p>Each expression is parsed once and cached by its text ({@link ExpressionCache}). An evaluation
 * binds {@code $states} and the workflow variables its text mentions, in the engine's Map/List form:
 * views of the Jackson trees that convert what an expression reads, once ({@link JsonViews}), made at
 * most once per {@link #evaluateField} call, however many expressions the template holds.
 *
 * <p>Each evaluation runs under the scope's {@link io.portico.states.asl.EvaluationLimits}: an
 * {@link EvaluationGuard} bounds its nesting (100, as AWS), its time and what it builds, and the
 * built-ins that could build much more than they are given are bounded stand-ins ({@link BoundedFunctions}).
 * A result nested deeper than {@link io.portico.states.asl.JsonDepth#MAX} levels is an error too.
 *
 * <p>Errors are {@link StatesError}s carrying only the detail; the interpreter adds the state prefix.
 * Thread safe: one instance serves all executions.
 */
public final class JsonataEvaluator {

    /**
     * Why an expression nested deeper than the parser's stack allows is refused (Portico's words: the
     * reference parser overflows its stack too, and AWS's answer is not recorded).
     */
    public static final String TOO_DEEP_TO_PARSE = "The expression is nested too deeply to parse";

    /** Default number of distinct expression texts kept parsed. */
    public static final int DEFAULT_CACHE_SIZE = 4096;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ExpressionCache cache;

    private JsonataEvaluator(int cacheSize) {
        this.cache = new ExpressionCache(cacheSize);
    }

    public static JsonataEvaluator create() {
        return new JsonataEvaluator(DEFAULT_CACHE_SIZE);
    }

    public static JsonataEvaluator create(int cacheSize) {
        return new JsonataEvaluator(cacheSize);
    }

    /** Whether {@code text} is a whole-string {@code {% ... %}} expression. */
    public static boolean isExpression(String text) {
        return text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}");
    }

    /** The expression inside a {@code {% %}} text node, trimmed; empty for any other node. */
    public static Optional<String> expressionOf(JsonNode node) {
        if (node == null || !node.isTextual() || !isExpression(node.textValue())) {
            return Optional.empty();
        }
        String text = node.textValue();
        return Optional.of(text.substring(2, text.length() - 2).trim());
    }

    /** Whether any string inside {@code template} is an expression. */
    public static boolean containsExpression(JsonNode template) {
        if (template.isTextual()) {
            return isExpression(template.textValue());
        }
        if (template.isContainerNode()) {
            for (JsonNode child : template) {
                if (containsExpression(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The JSONata syntax error in {@code expression} (inner text, without delimiters), worded without
     * its code, or empty when it parses. For the definition validator; parses without caching.
     */
    public static Optional<String> syntaxError(String expression) {
        CompiledExpression compiled = CompiledExpression.compile(expression);
        return compiled.isValid() ? Optional.empty() : Optional.of(JsonataMessages.withoutCode(compiled.syntaxError()));
    }

    /**
     * Evaluates a template field (Output, Assign, Arguments, Items, ...). Never returns null.
     *
     * @throws StatesError {@code States.QueryEvaluationError} when an expression fails or returns nothing
     */
    public JsonNode evaluateField(JsonNode template, JsonataScope scope, String fieldName) {
        if (!containsExpression(template)) {
            return template;
        }
        return walk(template, new Bindings(scope), fieldName);
    }

    /**
     * Evaluates one expression ({@code {% %}} delimiters optional); empty when it returns nothing.
     *
     * @throws StatesError {@code States.QueryEvaluationError} when evaluation fails
     */
    public Optional<JsonNode> evaluateExpression(String expression, JsonataScope scope, String fieldName) {
        String inner = isExpression(expression) ? expression.substring(2, expression.length() - 2).trim() : expression;
        return evaluate(inner, new Bindings(scope), fieldName);
    }

    /** Items of a Map state: must be an array. */
    public ArrayNode requireArray(JsonNode field, JsonataScope scope, String fieldName) {
        JsonNode value = evaluateField(field, scope, fieldName);
        if (!value.isArray()) {
            throw unexpectedType(field, fieldName, "array", value);
        }
        return (ArrayNode) value;
    }

    /**
     * An integer field (TimeoutSeconds, HeartbeatSeconds, Seconds, MaxConcurrency, ToleratedFailureCount)
     * that must lie in {@code [min, max]}.
     */
    public long requireInteger(JsonNode field, JsonataScope scope, String fieldName, long min, long max) {
        JsonNode value = evaluateField(field, scope, fieldName);
        if (!value.isNumber()) {
            throw unexpectedType(field, fieldName, "number", value);
        }
        if (!isInteger(value)) {
            throw StatesError.query("The " + fieldName + " field cannot be parsed as an integer: " + value);
        }
        long number = value.asLong();
        if (!value.canConvertToLong() || number < min || number > max) {
            throw StatesError.query(fieldName + " must be between " + min + " and " + max + " but was: " + value);
        }
        return number;
    }

    /** A number field (ToleratedFailurePercentage) that must lie in {@code [min, max]}. */
    public double requireNumber(JsonNode field, JsonataScope scope, String fieldName, double min, double max) {
        JsonNode value = evaluateField(field, scope, fieldName);
        if (!value.isNumber()) {
            throw unexpectedType(field, fieldName, "number", value);
        }
        double number = value.asDouble();
        if (number < min || number > max) {
            throw StatesError.query(fieldName + " must be between " + JsonataValues.numberNode(min) + " and "
                    + JsonataValues.numberNode(max) + " but was: " + value);
        }
        return number;
    }

    /** A Wait state's Timestamp: an ISO-8601 extended offset date-time string. */
    public OffsetDateTime requireTimestamp(JsonNode field, JsonataScope scope) {
        JsonNode value = evaluateField(field, scope, "Timestamp");
        if (!value.isTextual()) {
            throw unexpectedType(field, "Timestamp", "string", value);
        }
        try {
            return OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw StatesError.query("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time "
                    + "format string: " + value.textValue());
        }
    }

    /** A Choice rule's Condition (a {@code {% %}} string or a literal boolean); field e.g. {@code Choices[0]/Condition}. */
    public boolean condition(JsonNode field, JsonataScope scope, String fieldName) {
        JsonNode value = evaluateField(field, scope, fieldName);
        if (!value.isBoolean()) {
            throw unexpectedType(field, fieldName, "boolean", value);
        }
        return value.booleanValue();
    }

    /** A Fail state's Error or Cause. */
    public String requireString(JsonNode field, JsonataScope scope, String fieldName) {
        JsonNode value = evaluateField(field, scope, fieldName);
        if (!value.isTextual()) {
            throw unexpectedType(field, fieldName, "string", value);
        }
        return value.textValue();
    }

    private static boolean isInteger(JsonNode value) {
        return value.isIntegralNumber() || value.asDouble() == Math.rint(value.asDouble());
    }

    private static StatesError unexpectedType(JsonNode field, String fieldName, String expected, JsonNode value) {
        String expression = expressionOf(field).orElse(field.toString());
        return JsonataMessages.unexpectedType(expression, fieldName, expected, JsonataValues.typeName(value),
                value.toString());
    }

    private JsonNode walk(JsonNode template, Bindings bindings, String fieldName) {
        if (template.isTextual()) {
            Optional<String> expression = expressionOf(template);
            if (expression.isEmpty()) {
                return template;
            }
            return evaluate(expression.get(), bindings, fieldName)
                    .orElseThrow(() -> JsonataMessages.undefined(expression.get(), fieldName));
        }
        if (template.isObject()) {
            ObjectNode result = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                result.set(field.getKey(), walk(field.getValue(), bindings, fieldName + "/" + field.getKey()));
            }
            return result;
        }
        if (template.isArray()) {
            ArrayNode result = NODES.arrayNode(template.size());
            for (int i = 0; i < template.size(); i++) {
                result.add(walk(template.get(i), bindings, fieldName + "[" + i + "]"));
            }
            return result;
        }
        return template;
    }

    private Optional<JsonNode> evaluate(String expression, Bindings bindings, String fieldName) {
        CompiledExpression compiled = cache.get(expression);
        if (!compiled.isValid()) {
            throw JsonataMessages.evaluationFailed(expression, fieldName, compiled.syntaxError());
        }
        EvaluationBudget budget = bindings.scope.limits().start();
        try {
            Jsonata.Frame frame = compiled.jsonata().createFrame();
            new EvaluationGuard(budget).install(frame);
            bindings.bindInto(frame, compiled);
            Object result = BoundedFunctions.within(budget, () -> compiled.jsonata().evaluate(null, frame));
            return result == null ? Optional.empty() : Optional.of(JsonataValues.toJson(result));
        } catch (RuntimeException | StackOverflowError e) {
            throw JsonataMessages.evaluationFailed(expression, fieldName, JsonataMessages.bounded(e));
        }
    }

    /**
     * The values one template walk binds, converted on first use and reused for every expression of
     * the walk. Confined to the calling thread.
     */
    private static final class Bindings {
        private final JsonataScope scope;
        private Map<String, Object> states;
        private Map<String, Optional<Object>> variables;

        Bindings(JsonataScope scope) {
            this.scope = scope;
        }

        void bindInto(Jsonata.Frame frame, CompiledExpression compiled) {
            for (String name : compiled.names()) {
                if (name.equals("states")) {
                    // Bound last-wins over a variable of the same name: AWS reserves $states.
                    continue;
                }
                Optional<Object> value = variable(name);
                if (value.isPresent()) {
                    frame.bind(name, value.get());
                }
            }
            if (compiled.names().contains("states")) {
                frame.bind("states", states());
            }
        }

        private Optional<Object> variable(String name) {
            if (variables == null) {
                variables = new HashMap<>();
            }
            return variables.computeIfAbsent(name,
                    n -> scope.variables().get(n).map(JsonataValues::toJsonata));
        }

        private Map<String, Object> states() {
            if (states == null) {
                states = new LinkedHashMap<>();
                states.put("input", JsonataValues.toJsonata(scope.input()));
                scope.result().ifPresent(r -> states.put("result", JsonataValues.toJsonata(r)));
                scope.errorOutput().ifPresent(e -> states.put("errorOutput", JsonataValues.toJsonata(e)));
                states.put("context", JsonataValues.toJsonata(scope.context()));
            }
            return states;
        }
    }
}
