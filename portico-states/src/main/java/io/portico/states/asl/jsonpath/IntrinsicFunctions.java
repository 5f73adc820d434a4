package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.EvaluationBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses and evaluates intrinsic function calls ({@code States.Format('{}', $.a)} and the other
 * seventeen). {@link #parse} is what the definition validator uses to reject bad expressions at create
 * time; {@link #evaluate} is the run-time path, with parsed calls cached per distinct text.
 *
 * <p>Arguments that are paths read the input ({@code $.x}), the context object ({@code $$.x}) or a
 * variable ({@code $x}); a missing one fails with the same States.Runtime message as a missing
 * {@code key.$} path. Function failures are {@code States.IntrinsicFailure}, and so is passing the
 * context's {@link io.portico.states.asl.EvaluationLimits}: one budget covers a field's call and every
 * call nested in it. Thread safe.
 */
public final class IntrinsicFunctions {
    private static final BoundedCache<String, Object> PARSED = new BoundedCache<>(4096, IntrinsicFunctions::parseOrError);

    private IntrinsicFunctions() {
    }

    /** True when {@code expression} is written as an intrinsic call rather than a path. */
    public static boolean isIntrinsic(String expression) {
        return expression.startsWith("States.");
    }

    /** Parses {@code expression}; throws {@link IntrinsicParseException} (with a position) if malformed. */
    public static IntrinsicCall parse(String expression) {
        return IntrinsicParser.parse(expression);
    }

    /**
     * Evaluates {@code expression} against {@code ctx}. {@code fieldName} (e.g. {@code "value.$"}) names
     * the field in error messages. A malformed expression fails with States.IntrinsicFailure (the
     * validator normally rejects it earlier).
     */
    public static JsonNode evaluate(String expression, EvalContext ctx, String fieldName) {
        Object parsed = PARSED.get(expression);
        if (parsed instanceof IntrinsicParseException e) {
            throw IntrinsicLibrary.failure(e.getMessage());
        }
        return evaluate((IntrinsicCall) parsed, ctx, fieldName);
    }

    /** Evaluates an already parsed call. */
    public static JsonNode evaluate(IntrinsicCall call, EvalContext ctx, String fieldName) {
        try {
            return evaluate(call, ctx, fieldName, ctx.limits().start());
        } catch (EvaluationBudget.Exceeded e) {
            throw IntrinsicLibrary.failure("The evaluation of " + call.name() + " was stopped: " + e.getMessage());
        }
    }

    private static JsonNode evaluate(IntrinsicCall call, EvalContext ctx, String fieldName, EvaluationBudget budget) {
        List<JsonNode> values = new ArrayList<>(call.args().size());
        for (IntrinsicArg arg : call.args()) {
            values.add(argument(arg, ctx, fieldName, budget));
        }
        return IntrinsicLibrary.apply(call, values, budget);
    }

    private static JsonNode argument(IntrinsicArg arg, EvalContext ctx, String fieldName, EvaluationBudget budget) {
        return switch (arg) {
            case IntrinsicArg.Literal literal -> literal.value();
            case IntrinsicArg.Text text -> TextNode.valueOf(text.value());
            case IntrinsicArg.Path path -> {
                Optional<JsonNode> value = Reference.of(path.path()).find(ctx);
                if (value.isEmpty()) {
                    throw Expressions.notFound(path.path(), fieldName, ctx);
                }
                yield value.get();
            }
            case IntrinsicCall nested -> evaluate(nested, ctx, fieldName, budget);
        };
    }

    /** Caches failures too, so a bad expression is not re-parsed on every transition. */
    private static Object parseOrError(String expression) {
        try {
            return IntrinsicParser.parse(expression);
        } catch (IntrinsicParseException e) {
            return e;
        }
    }
}
