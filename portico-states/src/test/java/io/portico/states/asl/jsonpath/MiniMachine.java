package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.ChoiceRule;
import io.portico.states.asl.ComparisonOperator;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.VariableScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A throwaway test-only interpreter for JSONPath machines made of Pass, Choice, Succeed and Fail states,
 * just enough to replay corpus cases through this package's functions. Not the engine.
 */
final class MiniMachine {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Outcome: output on success, else error + cause. */
    record Outcome(boolean succeeded, JsonNode output, String error, String cause) {
    }

    static boolean supports(JsonNode definition) {
        if (definition == null || definition.has("QueryLanguage")) {
            return false;
        }
        for (JsonNode state : definition.get("States")) {
            String type = state.path("Type").asText();
            if (!List.of("Pass", "Choice", "Succeed", "Fail").contains(type) || state.has("QueryLanguage")) {
                return false;
            }
        }
        return true;
    }

    static Outcome run(JsonNode definition, JsonNode input, boolean express) {
        Map<String, JsonNode> variables = new HashMap<>();
        VariableScope scope = name -> Optional.ofNullable(variables.get(name));
        String current = definition.get("StartAt").asText();
        JsonNode data = input;
        int eventId = 2;
        while (true) {
            JsonNode state = definition.get("States").get(current);
            EvalContext raw = new EvalContext(data, context(input, current, express), scope);
            try {
                String type = state.get("Type").asText();
                JsonNode effective = path(state, "InputPath") == null ? F.objectNode()
                        : Expressions.select(path(state, "InputPath"), raw);
                EvalContext ctx = new EvalContext(effective, raw.context(), scope);
                switch (type) {
                    case "Fail" -> {
                        String error = state.has("ErrorPath") ? Expressions.evaluate(state.get("ErrorPath").asText(), ctx, "ErrorPath").asText()
                                : state.has("Error") ? state.get("Error").asText() : null;
                        String cause = state.has("CausePath") ? Expressions.evaluate(state.get("CausePath").asText(), ctx, "CausePath").asText()
                                : state.has("Cause") ? state.get("Cause").asText() : null;
                        return new Outcome(false, null, error, cause);
                    }
                    case "Succeed" -> {
                        return new Outcome(true, output(state, effective, raw), null, null);
                    }
                    case "Choice" -> {
                        String next = null;
                        JsonNode assign = state.get("Assign");
                        for (JsonNode choice : state.get("Choices")) {
                            if (ChoiceEvaluator.matches(rule(choice), ctx)) {
                                next = choice.get("Next").asText();
                                assign = choice.get("Assign");
                                break;
                            }
                        }
                        if (next == null) {
                            if (!state.has("Default")) {
                                return new Outcome(false, null, "States.NoChoiceMatched", null);
                            }
                            next = state.get("Default").asText();
                        }
                        if (assign != null) {
                            JsonNode assigned = PayloadTemplate.evaluate(assign, ctx);
                            assigned.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue()));
                        }
                        data = output(state, effective, raw);
                        current = next;
                    }
                    default -> {
                        if (state.has("Parameters")) {
                            effective = PayloadTemplate.evaluate(state.get("Parameters"), ctx);
                        }
                        JsonNode result = state.has("Result") ? state.get("Result") : effective;
                        if (state.has("Assign")) {
                            JsonNode assigned = PayloadTemplate.evaluate(state.get("Assign"),
                                    new EvalContext(result, raw.context(), scope));
                            assigned.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue()));
                        }
                        String resultPath = path(state, "ResultPath");
                        JsonNode combined = resultPath == null ? data : JsonPaths.applyResultPath(data, result, resultPath);
                        data = output(state, combined, raw);
                        if (state.path("End").asBoolean(false)) {
                            return new Outcome(true, data, null, null);
                        }
                        current = state.get("Next").asText();
                    }
                }
            } catch (StatesError e) {
                return new Outcome(false, null, e.error(), "An error occurred while executing the state '" + current
                        + "' (entered at the event id #" + eventId + "). " + e.detail());
            }
            eventId += 2;
        }
    }

    private static JsonNode output(JsonNode state, JsonNode combined, EvalContext raw) {
        String outputPath = path(state, "OutputPath");
        if (outputPath == null) {
            return F.objectNode();
        }
        return Expressions.select(outputPath, new EvalContext(combined, raw.context(), raw.variables()));
    }

    /** Null for an explicit JSON null, "$" when absent. */
    private static String path(JsonNode state, String field) {
        if (!state.has(field)) {
            return "$";
        }
        return state.get(field).isNull() ? null : state.get(field).asText();
    }

    static ChoiceRule rule(JsonNode json) {
        if (json.has("And")) {
            return new ChoiceRule.And(rules(json.get("And")));
        }
        if (json.has("Or")) {
            return new ChoiceRule.Or(rules(json.get("Or")));
        }
        if (json.has("Not")) {
            return new ChoiceRule.Not(rule(json.get("Not")));
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            Optional<ComparisonOperator> op = ComparisonOperator.byName(name);
            if (op.isPresent()) {
                return new ChoiceRule.Comparison(json.get("Variable").asText(), op.get(), json.get(name));
            }
        }
        throw new IllegalArgumentException("no operator in " + json);
    }

    private static List<ChoiceRule> rules(JsonNode array) {
        List<ChoiceRule> out = new ArrayList<>();
        array.forEach(r -> out.add(rule(r)));
        return out;
    }

    static ObjectNode context(JsonNode input, String stateName, boolean express) {
        ObjectNode ctx = F.objectNode();
        ObjectNode execution = ctx.putObject("Execution");
        execution.put("Id", express ? "arn:aws:states:us-east-1:000000000000:express:machine-name:exec-1:0f9e"
                : "arn:aws:states:us-east-1:000000000000:execution:machine-name:exec-1");
        execution.set("Input", input);
        execution.put("StartTime", "2026-01-01T00:00:00.000Z");
        execution.put("Name", "exec-1");
        execution.put("RoleArn", "arn:aws:iam::000000000000:role/role");
        execution.put("RedriveCount", 0);
        ObjectNode machine = ctx.putObject("StateMachine");
        machine.put("Id", "arn:aws:states:us-east-1:000000000000:stateMachine:machine-name");
        machine.put("Name", "machine-name");
        ObjectNode state = ctx.putObject("State");
        state.put("Name", stateName);
        state.put("EnteredTime", "2026-01-01T00:00:00.000Z");
        return ctx;
    }
}
