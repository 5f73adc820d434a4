package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.StatesError;
import java.util.Optional;

/**
 * Single-value JSONPath-mode expressions: the value of a {@code ...Path} field (ErrorPath, CausePath,
 * SecondsPath, TimestampPath, ItemsPath, MaxConcurrencyPath, Choice Variable...), of a {@code key.$}
 * template entry, and of InputPath/OutputPath.
 *
 * <p>An expression is a path into the input ({@code $.a}), the context object ({@code $$.Execution.Id}),
 * a variable ({@code $name.field[0]}) or an intrinsic call ({@code States.Format(...)}). Parsing is cached
 * per distinct text. Thread safe (stateless). Arguments must not be null.
 */
public final class Expressions {

    private Expressions() {
    }

    /**
     * The value of {@code expr}. A missing path raises {@code States.Runtime} "The JSONPath '<expr>'
     * specified for the field '<fieldName>' could not be found in the input '<input>'".
     */
    public static JsonNode evaluate(String expr, EvalContext ctx, String fieldName) {
        if (IntrinsicFunctions.isIntrinsic(expr)) {
            return IntrinsicFunctions.evaluate(expr, ctx, fieldName);
        }
        Reference reference = Reference.of(expr);
        Optional<JsonNode> value = reference.find(ctx);
        if (value.isEmpty()) {
            throw notFound(expr, fieldName, ctx);
        }
        return value.get();
    }

    /** The value of {@code expr}, or empty when its path does not exist (intrinsics are always present). */
    public static Optional<JsonNode> find(String expr, EvalContext ctx) {
        if (IntrinsicFunctions.isIntrinsic(expr)) {
            return Optional.of(IntrinsicFunctions.evaluate(expr, ctx, expr));
        }
        return Reference.of(expr).find(ctx);
    }

    /**
     * InputPath / OutputPath / ItemsPath: like {@link JsonPaths#select} but the path may also start at
     * the context object or a variable. A missing path raises "Invalid path '<path>' : <Jayway message>".
     */
    public static JsonNode select(String path, EvalContext ctx) {
        if ("$".equals(path)) {
            return ctx.input();
        }
        if (IntrinsicFunctions.isIntrinsic(path)) {
            return IntrinsicFunctions.evaluate(path, ctx, path);
        }
        Reference reference = Reference.of(path);
        Optional<JsonNode> root = reference.rootIn(ctx);
        if (root.isEmpty()) {
            throw StatesError.runtime("Invalid path '" + path + "' : The variable '" + reference.variable()
                    + "' is not defined");
        }
        return JsonPaths.select(root.get(), reference.path(), path, ctx.limits());
    }

    /**
     * For validators: why {@code expr} is not a valid path or intrinsic call, or empty when it is. Does
     * not evaluate anything.
     */
    public static Optional<String> problem(String expr) {
        try {
            if (IntrinsicFunctions.isIntrinsic(expr)) {
                IntrinsicFunctions.parse(expr);
            } else {
                JsonPaths.checkSyntax(Reference.of(expr).path());
            }
            return Optional.empty();
        } catch (IntrinsicParseException e) {
            return Optional.of(e.getMessage());
        } catch (StatesError e) {
            return Optional.of(e.detail());
        }
    }

    static StatesError notFound(String expr, String fieldName, EvalContext ctx) {
        return StatesError.runtime("The JSONPath '" + expr + "' specified for the field '" + fieldName
                + "' could not be found in the input '" + Json.compact(ctx.input()) + "'");
    }
}
