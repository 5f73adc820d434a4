package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.ChoiceRule;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.jsonata.JsonataEvaluator;
import io.portico.states.asl.jsonata.JsonataScope;
import io.portico.states.asl.jsonpath.ChoiceEvaluator;
import io.portico.states.asl.jsonpath.Expressions;
import io.portico.states.asl.jsonpath.JsonPaths;
import io.portico.states.asl.jsonpath.PayloadTemplate;
import java.util.Optional;

/**
 * The interpreter's one door to the two data languages of ASL, so that the runners read the same
 * whichever language a state uses. Stateless; thread safe.
 */
final class DataLanguage {
    private static final JsonataEvaluator JSONATA = JsonataEvaluator.create();

    private DataLanguage() {
    }

    /** InputPath/OutputPath/ItemsPath: a path into the input, the context object ({@code $$}) or a variable. */
    static JsonNode select(String path, EvalContext ctx) {
        return Expressions.select(path, ctx);
    }

    static JsonNode applyResultPath(JsonNode input, JsonNode result, String path) {
        return JsonPaths.applyResultPath(input, result, path);
    }

    static JsonNode template(JsonNode template, EvalContext ctx) {
        return PayloadTemplate.evaluate(template, ctx);
    }

    static JsonNode value(String expression, EvalContext ctx, String field) {
        return Expressions.evaluate(expression, ctx, field);
    }

    static Optional<JsonNode> find(String expression, EvalContext ctx) {
        return Expressions.find(expression, ctx);
    }

    static boolean choiceMatches(ChoiceRule rule, EvalContext ctx) {
        return ChoiceEvaluator.matches(rule, ctx);
    }

    static JsonNode jsonata(JsonNode template, JsonataScope scope, String field) {
        return JSONATA.evaluateField(template, scope, field);
    }

    static JsonataEvaluator jsonataEvaluator() {
        return JSONATA;
    }

    /** The expression inside {@code {% %}}, or the literal's text, for messages. */
    static String expressionText(JsonNode field) {
        return JsonataEvaluator.expressionOf(field).orElse(field.toString());
    }

    /** JSONata's name for a JSON value's type, as AWS prints it in type errors. */
    static String typeName(JsonNode value) {
        if (value.isArray()) {
            return "array";
        }
        if (value.isObject()) {
            return "object";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return "null";
    }
}
