package io.portico.states.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a data-processing expression may read: the current {@code input} (the state's effective input
 * or, for ResultSelector, the raw result), the {@code context} object ({@code $$}), and the workflow
 * {@code variables}.
 */
public record EvalContext(JsonNode input, JsonNode context, VariableScope variables) {
}
