package io.portico.states.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.Catcher;
import io.portico.states.asl.DataFlow;
import io.portico.states.asl.Definition;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.Retrier;
import io.portico.states.asl.State;
import io.portico.states.asl.StateGraph;
import io.portico.states.asl.Transition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link Definition} model from a definition tree that passed the checks, filling AWS's
 * defaults: paths default to {@code $} and JSON null becomes empty ({@link DataFlow}'s three-way
 * encoding), retrier defaults, QueryLanguage inheritance (a state's own, else the top level's; branches
 * and processors inherit the top level's), and the legacy Map fields (Parameters as ItemSelector,
 * Iterator as ItemProcessor). Stateless apart from the top-level language.
 */
final class ModelBuilder {
    private final QueryLanguage topLanguage;

    private ModelBuilder(QueryLanguage topLanguage) {
        this.topLanguage = topLanguage;
    }

    static Definition build(ObjectNode root) {
        QueryLanguage top = "JSONata".equals(root.path("QueryLanguage").asText()) ? QueryLanguage.JSONATA : QueryLanguage.JSONPATH;
        ModelBuilder builder = new ModelBuilder(top);
        return new Definition(builder.graph(root), text(root, "Comment"), text(root, "Version"),
                root.has("TimeoutSeconds") ? Optional.of(root.get("TimeoutSeconds").asLong()) : Optional.empty(), root);
    }

    private StateGraph graph(JsonNode graph) {
        Map<String, State> states = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : graph.get("States").properties()) {
            states.put(entry.getKey(), state(entry.getKey(), entry.getValue()));
        }
        return new StateGraph(graph.get("StartAt").asText(), Collections.unmodifiableMap(states), topLanguage);
    }

    private State state(String name, JsonNode node) {
        QueryLanguage language = node.has("QueryLanguage")
                ? ("JSONPath".equals(node.get("QueryLanguage").asText()) ? QueryLanguage.JSONPATH : QueryLanguage.JSONATA)
                : topLanguage;
        DataFlow flow = dataFlow(node);
        Transition transition = node.has("Next") ? Transition.to(node.get("Next").asText()) : Transition.END;
        return switch (node.get("Type").asText()) {
            case "Pass" -> new State.Pass(name, language, flow, transition, json(node, "Result"));
            case "Task" -> new State.Task(name, language, flow, transition, node.get("Resource").asText(),
                    json(node, "TimeoutSeconds"), text(node, "TimeoutSecondsPath"),
                    json(node, "HeartbeatSeconds"), text(node, "HeartbeatSecondsPath"),
                    json(node, "Credentials"), retriers(node), catchers(node));
            case "Choice" -> new State.Choice(name, language, flow, ChoiceBuilder.choices(node.get("Choices"), language),
                    text(node, "Default"));
            case "Wait" -> new State.Wait(name, language, flow, transition, json(node, "Seconds"), text(node, "SecondsPath"),
                    json(node, "Timestamp"), text(node, "TimestampPath"));
            case "Succeed" -> new State.Succeed(name, language, flow);
            case "Fail" -> new State.Fail(name, language, flow, text(node, "Error"), text(node, "ErrorPath"),
                    text(node, "Cause"), text(node, "CausePath"));
            case "Parallel" -> new State.Parallel(name, language, flow, transition, branches(node), retriers(node),
                    catchers(node));
            default -> map(name, language, flow, transition, node);
        };
    }

    private State.Map map(String name, QueryLanguage language, DataFlow flow, Transition transition, JsonNode node) {
        JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
        JsonNode config = processor.path("ProcessorConfig");
        State.Map.ProcessorMode mode = "DISTRIBUTED".equals(config.path("Mode").asText())
                ? State.Map.ProcessorMode.DISTRIBUTED : State.Map.ProcessorMode.INLINE;
        Optional<String> itemsPath = language == QueryLanguage.JSONPATH ? path(node, "ItemsPath") : Optional.empty();
        Optional<JsonNode> itemSelector = node.has("ItemSelector") ? json(node, "ItemSelector") : json(node, "Parameters");
        return new State.Map(name, language, flow, transition, graph(processor), mode, text(config, "ExecutionType"),
                itemsPath, json(node, "Items"), itemSelector,
                json(node, "MaxConcurrency"), text(node, "MaxConcurrencyPath"),
                json(node, "ToleratedFailureCount"), text(node, "ToleratedFailureCountPath"),
                json(node, "ToleratedFailurePercentage"), text(node, "ToleratedFailurePercentagePath"),
                json(node, "ItemReader"), json(node, "ItemBatcher"), json(node, "ResultWriter"), text(node, "Label"),
                retriers(node), catchers(node));
    }

    private List<StateGraph> branches(JsonNode node) {
        List<StateGraph> branches = new ArrayList<>();
        node.get("Branches").forEach(branch -> branches.add(graph(branch)));
        return List.copyOf(branches);
    }

    private static DataFlow dataFlow(JsonNode node) {
        // Map's Parameters is the legacy ItemSelector, kept on the Map record rather than as a state template.
        Optional<JsonNode> parameters = node.path("Type").asText().equals("Map") ? Optional.empty() : json(node, "Parameters");
        return new DataFlow(path(node, "InputPath"), parameters, json(node, "ResultSelector"), path(node, "ResultPath"),
                path(node, "OutputPath"), json(node, "Arguments"), json(node, "Output"), json(node, "Assign"));
    }

    private static List<Retrier> retriers(JsonNode node) {
        List<Retrier> retriers = new ArrayList<>();
        for (JsonNode r : node.path("Retry")) {
            retriers.add(new Retrier(strings(r.get("ErrorEquals")), r.path("IntervalSeconds").asInt(1),
                    r.path("MaxAttempts").asInt(3), r.path("BackoffRate").asDouble(2.0),
                    r.has("MaxDelaySeconds") ? Optional.of(r.get("MaxDelaySeconds").asInt()) : Optional.empty(),
                    "FULL".equals(r.path("JitterStrategy").asText()) ? Retrier.JitterStrategy.FULL : Retrier.JitterStrategy.NONE));
        }
        return List.copyOf(retriers);
    }

    private static List<Catcher> catchers(JsonNode node) {
        List<Catcher> catchers = new ArrayList<>();
        for (JsonNode c : node.path("Catch")) {
            catchers.add(new Catcher(strings(c.get("ErrorEquals")), c.get("Next").asText(), path(c, "ResultPath"),
                    json(c, "Output"), json(c, "Assign")));
        }
        return List.copyOf(catchers);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    /** DataFlow's encoding: absent is {@code "$"}, JSON null is empty. */
    static Optional<String> path(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return DataFlow.DEFAULT_PATH;
        }
        return value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    static Optional<JsonNode> json(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field));
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
