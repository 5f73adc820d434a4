package io.portico.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;

/**
 * What a data-processing expression may read: the current {@code input} (the state's effective input
 * or, for ResultSelector, the raw result), the context object ({@code $$}), and the workflow
 * {@code variables}; and the {@code limits} each of its evaluations (an intrinsic call, a JSONPath read)
 * runs under.
 *
 * <p>The context object comes from {@code contextSource} when an expression first reads it: most
 * states never do, and building it for each one was a measurable share of an EXPRESS execution.
 */
public record EvalContext(JsonNode input, Supplier<JsonNode> contextSource, VariableScope variables,
                          EvaluationLimits limits) {

    /** A context with the {@linkplain EvaluationLimits#defaults() default} limits. */
    public EvalContext(JsonNode input, Supplier<JsonNode> contextSource, VariableScope variables) {
        this(input, contextSource, variables, EvaluationLimits.defaults());
    }

    public EvalContext(JsonNode input, JsonNode context, VariableScope variables) {
        this(input, () -> context, variables);
    }

    /** The context object ({@code $$}). */
    public JsonNode context() {
        return contextSource.get();
    }
}
