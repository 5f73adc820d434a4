package io.portico.states.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.QueryLanguage;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks one state object: name, Type, QueryLanguage, the fields its type and language accept, the
 * transition (Next xor End), path syntax, and the rules of each type. Choice rules, Retry/Catch and
 * Map/Parallel have their own checkers. Not thread safe: one instance per check.
 */
final class StateChecker {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> NO_TRANSITION = Set.of("Choice", "Succeed", "Fail");

    private final Problems problems;
    private final MachineType machineType;
    private final DefinitionChecker definition;
    private final ChoiceChecker choices;
    private final RecoveryChecker recovery;
    private final CompositeChecker composites;

    StateChecker(Problems problems, MachineType machineType, DefinitionChecker definition) {
        this.problems = problems;
        this.machineType = machineType;
        this.definition = definition;
        this.choices = new ChoiceChecker(problems);
        this.recovery = new RecoveryChecker(problems);
        this.composites = new CompositeChecker(problems, definition);
    }

    void check(String name, JsonNode state, String location) {
        if (name.length() > 80) {
            problems.error("INVALID_STATE_NAME", "State name exceeds the maximum length of 80 characters", location);
        }
        if (!state.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, location);
            return;
        }
        if (!problems.required(state, location, "Type")) {
            return;
        }
        String type = state.get("Type").asText("");
        if (!StateFields.TYPES.contains(type)) {
            problems.schema("Value should be one of the following: [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map]",
                    location + "/Type");
            return;
        }
        QueryLanguage language = languageOf(state, location);
        checkFields(type, state, language, isDowngrade(state), location);
        checkTransition(type, state, location);
        if (language == QueryLanguage.JSONPATH) {
            checkPaths(state, location);
        } else {
            Jsonata.checkExpressions(state, location, problems);
        }
        checkAssign(state, language, location);
        switch (type) {
            case "Task" -> checkTask(state, language, location);
            case "Wait" -> checkWait(state, language, location);
            case "Fail" -> checkFail(state, location);
            case "Choice" -> choices.check(state, language, location);
            case "Parallel" -> composites.checkParallel(state, location);
            case "Map" -> composites.checkMap(state, language, location);
            default -> { }
        }
        if (state.has("Retry") || state.has("Catch")) {
            recovery.check(state, language, location);
        }
    }

    private QueryLanguage languageOf(JsonNode state, String location) {
        if (isDowngrade(state)) {
            problems.schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", location);
        }
        return definition.language(state, location + "/QueryLanguage").orElse(definition.topLanguage());
    }

    private boolean isDowngrade(JsonNode state) {
        return definition.topLanguage() == QueryLanguage.JSONATA && "JSONPath".equals(state.path("QueryLanguage").asText(null));
    }

    /** Unknown fields, then fields of the other language; a refused downgrade is the whole answer for the latter. */
    private void checkFields(String type, JsonNode state, QueryLanguage language, boolean downgrade, String location) {
        for (String field : (Iterable<String>) state::fieldNames) {
            if (!StateFields.allowed(type, field)) {
                problems.schema("Field '" + field + "' is not supported", location);
            } else if (downgrade) {
                continue;
            } else if (language == QueryLanguage.JSONATA && StateFields.JSONPATH_ONLY.contains(field)) {
                problems.schema(onlyFor("JSONata", field, "JSONPath"), location);
            } else if (language == QueryLanguage.JSONPATH && StateFields.JSONATA_ONLY.contains(field)) {
                problems.schema(onlyFor("JSONPath", field, "JSONata"), location);
            }
        }
    }

    static String onlyFor(String actual, String field, String required) {
        return "The QueryLanguage is set to '" + actual + "', but field '" + field
                + "' is only supported for the '" + required + "' QueryLanguage";
    }

    private void checkTransition(String type, JsonNode state, String location) {
        if (NO_TRANSITION.contains(type)) {
            return;
        }
        JsonNode end = state.get("End");
        if (end != null && !end.isBoolean()) {
            problems.schema(Problems.TYPE_BOOLEAN, location + "/End");
        }
        problems.string(state, "Next", location);
        boolean ends = end != null && end.asBoolean(false);
        if (state.has("Next") && ends) {
            problems.atMostOne(state, location, "Next", "End");
        } else if (!state.has("Next") && !ends) {
            problems.schema("These fields are required: [Next]", location);
        }
    }

    private void checkPaths(JsonNode state, String location) {
        path(state, "InputPath", location, Paths::pathProblem);
        path(state, "OutputPath", location, Paths::pathProblem);
        path(state, "ResultPath", location, Paths::referencePathProblem);
        for (String field : new String[] {"Parameters", "ResultSelector", "ItemSelector"}) {
            if (state.has(field)) {
                checkTemplate(state.get(field), location + "/" + field);
            }
        }
    }

    /** Checks a nullable path field with {@code rule}; JSON null means "no path" and is always allowed. */
    void path(JsonNode owner, String field, String location, Function<String, Optional<String>> rule) {
        JsonNode value = owner.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            problems.schema(Problems.TYPE_STRING, location + "/" + field);
            return;
        }
        rule.apply(value.asText()).ifPresent(message -> problems.schema(message, location + "/" + field));
    }

    /** Every {@code .$} value of a payload template must be a path or an intrinsic function call. */
    void checkTemplate(JsonNode template, String location) {
        if (template.isArray()) {
            for (JsonNode element : template) {
                checkTemplate(element, location);
            }
            return;
        }
        if (!template.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : template.properties()) {
            JsonNode value = entry.getValue();
            if (entry.getKey().endsWith(".$")) {
                if (!value.isTextual() || !Paths.isPathOrIntrinsic(value.asText())) {
                    problems.schema("The value for the field '" + entry.getKey()
                            + "' must be a valid JSONPath or a valid intrinsic function call", location);
                }
            } else {
                checkTemplate(value, location + "/" + entry.getKey());
            }
        }
    }

    private void checkAssign(JsonNode state, QueryLanguage language, String location) {
        JsonNode assign = state.get("Assign");
        if (assign == null) {
            return;
        }
        if (!assign.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, location + "/Assign");
            return;
        }
        for (String key : (Iterable<String>) assign::fieldNames) {
            String name = language == QueryLanguage.JSONPATH && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            if (!VARIABLE_NAME.matcher(name).matches()) {
                problems.error("INVALID_VARIABLE_NAME", "Invalid variable name '" + name
                        + "': the variable name contains invalid characters.", location + "/Assign/" + key);
            }
        }
        if (language == QueryLanguage.JSONPATH) {
            checkTemplate(assign, location + "/Assign");
        }
    }

    private void checkTask(JsonNode state, QueryLanguage language, String location) {
        if (problems.required(state, location, "Resource") && problems.string(state, "Resource", location)) {
            String resource = state.get("Resource").asText();
            if (!Resources.isRecognized(resource)) {
                problems.schema("The resource provided " + resource + " is not recognized. The value is not a valid"
                        + " resource ARN, or the resource is not available in this region.", location + "/Resource");
            } else if (machineType == MachineType.EXPRESS) {
                Resources.standardOnlySuffix(resource).ifPresent(suffix -> problems.schema(
                        "Express state machine does not support '" + suffix + "' service integration",
                        location + "/Resource"));
            }
        }
        problems.atMostOne(state, location, "TimeoutSeconds", "TimeoutSecondsPath");
        problems.atMostOne(state, location, "HeartbeatSeconds", "HeartbeatSecondsPath");
        problems.integer(state, "TimeoutSeconds", 1, 99_999_999, location);
        problems.integer(state, "HeartbeatSeconds", 1, 99_999_999, location);
        JsonNode timeout = state.get("TimeoutSeconds");
        JsonNode heartbeat = state.get("HeartbeatSeconds");
        if (timeout != null && heartbeat != null && timeout.isIntegralNumber() && heartbeat.isIntegralNumber()
                && heartbeat.asLong() >= timeout.asLong()) {
            problems.schema("HeartbeatSeconds must be smaller than TimeoutSeconds", location + "/HeartbeatSeconds");
        }
        if (language == QueryLanguage.JSONPATH) {
            path(state, "TimeoutSecondsPath", location, Paths::referencePathProblem);
            path(state, "HeartbeatSecondsPath", location, Paths::referencePathProblem);
        }
        checkCredentials(state, location);
    }

    private void checkCredentials(JsonNode state, String location) {
        JsonNode credentials = state.get("Credentials");
        if (credentials == null) {
            return;
        }
        if (!credentials.isObject() || !(credentials.has("RoleArn") || credentials.has("RoleArn.$"))) {
            problems.schema("The field 'RoleArn' is required but was missing", location + "/Credentials");
        }
    }

    private void checkWait(JsonNode state, QueryLanguage language, String location) {
        String[] fields = {"SecondsPath", "Seconds", "TimestampPath", "Timestamp"};
        if (!problems.atMostOne(state, location, fields)) {
            return;
        }
        if (!state.has("Seconds") && !state.has("SecondsPath") && !state.has("Timestamp") && !state.has("TimestampPath")) {
            problems.schema("This object should have only one of the following fields: [Seconds, Timestamp, SecondsPath,"
                    + " TimestampPath]", location);
        }
        problems.integer(state, "Seconds", 0, 99_999_999, location);
        JsonNode timestamp = state.get("Timestamp");
        boolean expression = language == QueryLanguage.JSONATA && Jsonata.isExpression(timestamp);
        if (timestamp != null && !expression && (!timestamp.isTextual() || !Timestamps.isValid(timestamp.asText()))) {
            problems.schema("String does not match RFC3339 timestamp", location + "/Timestamp");
        }
        if (language == QueryLanguage.JSONPATH) {
            path(state, "SecondsPath", location, Paths::referencePathProblem);
            path(state, "TimestampPath", location, Paths::referencePathProblem);
        }
    }

    private void checkFail(JsonNode state, String location) {
        problems.atMostOne(state, location, "Error", "ErrorPath");
        problems.atMostOne(state, location, "Cause", "CausePath");
        problems.string(state, "Error", location);
        problems.string(state, "Cause", location);
        for (String field : new String[] {"ErrorPath", "CausePath"}) {
            JsonNode value = state.get(field);
            if (value != null && (!value.isTextual() || !Paths.isPathOrIntrinsic(value.asText()))) {
                problems.schema("The value for the field '" + field
                        + "' must be a valid JSONPath or a valid intrinsic function call", location + "/" + field);
            }
        }
    }
}
