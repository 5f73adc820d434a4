package io.portico.states.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.EvaluationLimits;
import io.portico.states.asl.VariableScope;
import java.util.Objects;
import java.util.Optional;

/**
 * What a JSONata expression can see: the reserved {@code $states} variable ({@code input}, {@code result}
 * when the state has one, {@code errorOutput} inside a Catch, {@code context} the context object) and the
 * workflow {@code variables}, each bound as {@code $name}; and the {@code limits} every evaluation of an
 * expression runs under.
 *
 * <p>Immutable and thread safe as long as the nodes are not mutated. No component is null: absent
 * result or error output are {@link Optional#empty()}.
 */
public record JsonataScope(
        JsonNode input,
        Optional<JsonNode> result,
        Optional<JsonNode> errorOutput,
        JsonNode context,
        VariableScope variables,
        EvaluationLimits limits) {

    public JsonataScope {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(errorOutput, "errorOutput");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(limits, "limits");
    }

    /** A scope with the {@linkplain EvaluationLimits#defaults() default} limits. */
    public JsonataScope(JsonNode input, Optional<JsonNode> result, Optional<JsonNode> errorOutput, JsonNode context,
                        VariableScope variables) {
        this(input, result, errorOutput, context, variables, EvaluationLimits.defaults());
    }

    /** A scope with only {@code $states.input} and {@code $states.context}. */
    public static JsonataScope of(JsonNode input, JsonNode context, VariableScope variables) {
        return new JsonataScope(input, Optional.empty(), Optional.empty(), context, variables);
    }

    /** This scope with {@code $states.result} set (Output and Assign after a Task, Map or Parallel). */
    public JsonataScope withResult(JsonNode newResult) {
        return new JsonataScope(input, Optional.of(newResult), errorOutput, context, variables, limits);
    }

    /** This scope with {@code $states.errorOutput} set (a Catcher's Output and Assign). */
    public JsonataScope withErrorOutput(JsonNode newErrorOutput) {
        return new JsonataScope(input, result, Optional.of(newErrorOutput), context, variables, limits);
    }

    /** This scope evaluated under {@code newLimits}. */
    public JsonataScope withLimits(EvaluationLimits newLimits) {
        return new JsonataScope(input, result, errorOutput, context, variables, newLimits);
    }
}
