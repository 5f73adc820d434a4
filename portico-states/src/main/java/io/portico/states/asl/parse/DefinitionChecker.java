package io.portico.states.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.QueryLanguage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a whole definition: the top-level fields, then every graph (the top level, Parallel branches,
 * Map processors) state by state, then each graph's transitions.
 *
 * <p>Graph checks follow what AWS reports: every dangling target is {@code MISSING_TRANSITION_TARGET:
 * Missing 'Next' target: X} at the transition's location (the word is {@code Next} even for Default and
 * Catch); a top level without any terminal state gets one {@code MISSING_END_STATE} without location, which
 * suppresses the reachability check (branches and processors are not held to it); otherwise each state that no transition names is reported as
 * {@code State "X" is not reachable.}. Not thread safe: one instance per check.
 */
final class DefinitionChecker {
    private static final Set<String> TOP_FIELDS =
            Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage");

    private final Problems problems;
    private final StateChecker states;
    private final Set<String> seenNames = new HashSet<>();
    private QueryLanguage topLanguage = QueryLanguage.JSONPATH;

    DefinitionChecker(Problems problems, MachineType type) {
        this.problems = problems;
        this.states = new StateChecker(problems, type, this);
    }

    QueryLanguage topLanguage() {
        return topLanguage;
    }

    void check(JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.schema("Definition must be a valid JSON object", null);
            return;
        }
        root.fieldNames().forEachRemaining(field -> {
            if (!TOP_FIELDS.contains(field)) {
                problems.schema("Field '" + field + "' is not supported", "/");
            }
        });
        boolean complete = problems.required(root, "/", "States", "StartAt");
        topLanguage = language(root, "/QueryLanguage").orElse(QueryLanguage.JSONPATH);
        problems.integer(root, "TimeoutSeconds", 0, 99_999_999, "");
        problems.string(root, "Comment", "");
        if (root.has("Version") && !"1.0".equals(root.get("Version").asText(null))) {
            problems.schema("Value should be one of the following: [1.0]", "/Version");
        }
        if (complete) {
            checkGraph(root, "");
        }
    }

    /** The QueryLanguage a field names: JSONPath only when exactly that, any other present value JSONata. */
    Optional<QueryLanguage> language(JsonNode owner, String location) {
        JsonNode value = owner.get("QueryLanguage");
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problems.schema(Problems.TYPE_STRING, location);
        } else if (!Set.of("JSONPath", "JSONata").contains(value.asText())) {
            problems.schema("Value should be one of the following: [JSONPath, JSONata]", location);
        }
        return Optional.of("JSONPath".equals(value.asText()) ? QueryLanguage.JSONPATH : QueryLanguage.JSONATA);
    }

    /** Checks a graph object (StartAt + States) found at {@code base} ("" for the top level). */
    void checkGraph(JsonNode graph, String base) {
        JsonNode stateNodes = graph.get("States");
        if (!stateNodes.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, base + "/States");
            return;
        }
        if (stateNodes.isEmpty()) {
            problems.schema("Value cannot be empty", base + "/States");
            return;
        }
        for (Map.Entry<String, JsonNode> entry : stateNodes.properties()) {
            String location = base + "/States/" + entry.getKey();
            if (!seenNames.add(entry.getKey())) {
                problems.error("DUPLICATE_STATE_NAME", "Duplicate State name: " + entry.getKey(), location);
            }
            states.check(entry.getKey(), entry.getValue(), location);
        }
        checkTransitions(graph, stateNodes, base);
    }

    private void checkTransitions(JsonNode graph, JsonNode stateNodes, String base) {
        JsonNode startAt = graph.get("StartAt");
        if (!startAt.isTextual()) {
            problems.schema(Problems.TYPE_STRING, base + "/StartAt");
            return;
        }
        // AWS words a dangling StartAt like a dangling Next, then goes on with the other checks.
        if (!stateNodes.has(startAt.asText())) {
            problems.error(Problems.MISSING_TARGET, "Missing 'Next' target: " + startAt.asText(), base + "/StartAt");
        }
        boolean anyTerminal = false;
        Set<String> referenced = new HashSet<>(Set.of(startAt.asText()));
        for (Map.Entry<String, JsonNode> entry : stateNodes.properties()) {
            anyTerminal |= isTerminal(entry.getValue());
            for (Target target : targets(entry.getValue(), base + "/States/" + entry.getKey())) {
                referenced.add(target.name());
                if (!stateNodes.has(target.name())) {
                    problems.error(Problems.MISSING_TARGET, "Missing 'Next' target: " + target.name(), target.location());
                }
            }
        }
        // Only the top level must have a terminal state; branches and processors are always walked.
        if (!anyTerminal && base.isEmpty()) {
            problems.error("MISSING_END_STATE", "Workflow has no terminal state", null);
            return;
        }
        // "Not reachable" means no transition names the state: with a dangling StartAt AWS reports only
        // the states nothing points to, not everything after them.
        for (String name : iterable(stateNodes)) {
            if (!referenced.contains(name)) {
                problems.error(Problems.MISSING_TARGET, "State \"" + name + "\" is not reachable.", base + "/States/" + name);
            }
        }
    }

    private static Iterable<String> iterable(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean isTerminal(JsonNode state) {
        String type = state.path("Type").asText("");
        return type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
    }

    /** Every transition of a state: Next, Default, Choices[i].Next, Catch[i].Next, with its location. */
    private static List<Target> targets(JsonNode state, String location) {
        List<Target> targets = new ArrayList<>();
        addTarget(targets, state.get("Next"), location + "/Next");
        addTarget(targets, state.get("Default"), location + "/Default");
        JsonNode choices = state.get("Choices");
        if (choices != null && choices.isArray()) {
            for (int i = 0; i < choices.size(); i++) {
                addTarget(targets, choices.get(i).get("Next"), location + "/Choices[" + i + "]/Next");
            }
        }
        JsonNode catchers = state.get("Catch");
        if (catchers != null && catchers.isArray()) {
            for (int i = 0; i < catchers.size(); i++) {
                addTarget(targets, catchers.get(i).get("Next"), location + "/Catch[" + i + "]/Next");
            }
        }
        return targets;
    }

    private static void addTarget(List<Target> targets, JsonNode next, String location) {
        if (next != null && next.isTextual()) {
            targets.add(new Target(next.asText(), location));
        }
    }

    private record Target(String name, String location) {
    }
}
