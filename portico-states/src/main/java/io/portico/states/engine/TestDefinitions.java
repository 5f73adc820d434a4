package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.states.asl.Definition;
import io.portico.states.asl.State;
import io.portico.states.asl.StateGraph;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.InvalidDefinitionException;
import io.portico.states.asl.parse.MachineType;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the state TestState tests and validates it with the real parser.
 *
 * <p>A definition with {@code States} is a whole state machine: it is parsed as it is and the state is
 * looked up by {@code stateName}. Anything else is one state: it is wrapped into a one-state machine
 * named after {@code stateName} (default {@value #DEFAULT_NAME}) whose QueryLanguage is the state's, so
 * that its Parallel branches and Map processor inherit it; every state it can move to (Next,
 * Default, a Choice rule's Next, a Catch's Next) becomes a placeholder Succeed state, so that targets
 * outside the tested state do not make it invalid. Stateless.
 */
final class TestDefinitions {
    /** The name a single-state definition runs under when no stateName is given. */
    static final String DEFAULT_NAME = "StateName";
    private static final ObjectMapper JSON = Json.mapper();

    private TestDefinitions() {
    }

    /** The parsed machine and the state under test. */
    record Target(Definition definition, State state) {
    }

    static Target resolve(String text, Optional<String> stateName) {
        Optional<JsonNode> tree = readTree(text);
        if (tree.isEmpty() || !tree.get().isObject()) {
            // not JSON (or not an object): the parser produces AWS's INVALID_JSON_DESCRIPTION / schema message
            return resolveMachine(text, stateName);
        }
        ObjectNode root = (ObjectNode) tree.get();
        if (root.has("States") || root.has("StartAt")) {
            return resolveMachine(text, stateName);
        }
        String name = stateName.orElse(DEFAULT_NAME);
        Definition definition = parse(wrap(root, name).toString());
        return new Target(definition, definition.graph().state(name));
    }

    private static Target resolveMachine(String text, Optional<String> stateName) {
        Definition definition = parse(text);
        if (stateName.isEmpty()) {
            // Portico's wording: AWS's exact message for a machine without stateName is not documented.
            throw StepFunctionsException.invalidRequest(
                    "A stateName is required when the definition is a state machine.");
        }
        return find(definition.graph(), stateName.get()).map(state -> new Target(definition, state))
                .orElseThrow(() -> StepFunctionsException.invalidRequest(
                        "State '" + stateName.get() + "' does not exist in the state machine definition."));
    }

    /** The state named {@code name} in the graph or, depth first, in its Parallel branches and Map processors. */
    private static Optional<State> find(StateGraph graph, String name) {
        State state = graph.state(name);
        if (state != null) {
            return Optional.of(state);
        }
        for (State candidate : graph.states().values()) {
            Optional<State> nested = switch (candidate) {
                case State.Parallel p -> p.branches().stream().map(b -> find(b, name))
                        .flatMap(Optional::stream).findFirst();
                case State.Map m -> find(m.itemProcessor(), name);
                default -> Optional.empty();
            };
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }

    private static ObjectNode wrap(ObjectNode state, String name) {
        ObjectNode machine = JsonNodeFactory.instance.objectNode();
        if (state.get("QueryLanguage") != null) {
            // The tested state stands for the whole machine: its language is also its branches' default.
            machine.set("QueryLanguage", state.get("QueryLanguage"));
        }
        machine.put("StartAt", name);
        ObjectNode states = machine.putObject("States");
        states.set(name, state);
        for (String target : targets(state)) {
            if (!target.equals(name)) {
                states.putObject(target).put("Type", "Succeed");
            }
        }
        return machine;
    }

    private static Set<String> targets(ObjectNode state) {
        Set<String> targets = new LinkedHashSet<>();
        addText(targets, state.get("Next"));
        addText(targets, state.get("Default"));
        for (String list : new String[] {"Choices", "Catch"}) {
            JsonNode items = state.get(list);
            if (items != null && items.isArray()) {
                items.forEach(item -> addText(targets, item.get("Next")));
            }
        }
        return targets;
    }

    private static void addText(Set<String> targets, JsonNode value) {
        if (value != null && value.isTextual() && !value.textValue().isEmpty()) {
            targets.add(value.textValue());
        }
    }

    private static Definition parse(String text) {
        try {
            return DefinitionParser.parse(text, MachineType.STANDARD);
        } catch (InvalidDefinitionException e) {
            throw StepFunctionsException.of(StepFunctionsException.Kind.INVALID_DEFINITION, e.getMessage());
        }
    }

    private static Optional<JsonNode> readTree(String text) {
        try {
            return Optional.ofNullable(JSON.readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
