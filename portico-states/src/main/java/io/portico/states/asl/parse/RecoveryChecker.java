package io.portico.states.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.QueryLanguage;
import java.util.Set;

/**
 * Checks Retry and Catch: ErrorEquals non-empty, {@code States.ALL} alone and in the last element,
 * retrier numbers in range, JitterStrategy FULL or NONE, catcher Next and ResultPath. Not thread safe.
 */
final class RecoveryChecker {
    private static final Set<String> RETRIER_FIELDS = Set.of(
            "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment");

    private final Problems problems;

    RecoveryChecker(Problems problems) {
        this.problems = problems;
    }

    void check(JsonNode state, QueryLanguage language, String location) {
        JsonNode retry = state.get("Retry");
        if (retry != null && array(retry, location + "/Retry")) {
            for (int i = 0; i < retry.size(); i++) {
                checkRetrier(retry.get(i), location + "/Retry[" + i + "]", i == retry.size() - 1);
            }
        }
        JsonNode catchers = state.get("Catch");
        if (catchers != null && array(catchers, location + "/Catch")) {
            for (int i = 0; i < catchers.size(); i++) {
                checkCatcher(catchers.get(i), language, location + "/Catch[" + i + "]", i == catchers.size() - 1);
            }
        }
    }

    private boolean array(JsonNode node, String at) {
        if (!node.isArray()) {
            problems.schema(Problems.TYPE_ARRAY, at);
            return false;
        }
        return true;
    }

    private void checkRetrier(JsonNode retrier, String at, boolean last) {
        if (!retrier.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, at);
            return;
        }
        unsupported(retrier, RETRIER_FIELDS, at);
        checkErrorEquals(retrier, at, last);
        problems.integer(retrier, "IntervalSeconds", 1, 99_999_999, at);
        problems.integer(retrier, "MaxAttempts", 0, 99_999_999, at);
        problems.integer(retrier, "MaxDelaySeconds", 1, 31_622_400, at);
        problems.decimal(retrier, "BackoffRate", 1.0, Double.MAX_VALUE, at);
        JsonNode jitter = retrier.get("JitterStrategy");
        if (jitter != null && !Set.of("FULL", "NONE").contains(jitter.asText(""))) {
            problems.schema("Value should be one of the following: [FULL, NONE]", at + "/JitterStrategy");
        }
    }

    private void checkCatcher(JsonNode catcher, QueryLanguage language, String at, boolean last) {
        if (!catcher.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, at);
            return;
        }
        unsupported(catcher, CATCHER_FIELDS, at);
        checkErrorEquals(catcher, at, last);
        problems.required(catcher, at, "Next");
        problems.string(catcher, "Next", at);
        if (language == QueryLanguage.JSONATA && catcher.has("ResultPath")) {
            problems.schema(StateChecker.onlyFor("JSONata", "ResultPath", "JSONPath"), at);
        }
        if (language == QueryLanguage.JSONPATH && catcher.has("Output")) {
            problems.schema(StateChecker.onlyFor("JSONPath", "Output", "JSONata"), at);
        }
        JsonNode resultPath = catcher.get("ResultPath");
        if (language == QueryLanguage.JSONPATH && resultPath != null && !resultPath.isNull()) {
            if (!resultPath.isTextual()) {
                problems.schema(Problems.TYPE_STRING, at + "/ResultPath");
            } else {
                Paths.referencePathProblem(resultPath.asText()).ifPresent(m -> problems.schema(m, at + "/ResultPath"));
            }
        }
    }

    private void unsupported(JsonNode object, Set<String> allowed, String at) {
        for (String field : (Iterable<String>) object::fieldNames) {
            if (!allowed.contains(field)) {
                problems.schema("Field '" + field + "' is not supported", at);
            }
        }
    }

    private void checkErrorEquals(JsonNode element, String at, boolean last) {
        if (!problems.required(element, at, "ErrorEquals")) {
            return;
        }
        JsonNode errors = element.get("ErrorEquals");
        if (!errors.isArray()) {
            problems.schema(Problems.TYPE_ARRAY, at + "/ErrorEquals");
            return;
        }
        if (errors.isEmpty()) {
            problems.schema("Value cannot be empty", at + "/ErrorEquals");
            return;
        }
        boolean all = false;
        for (JsonNode error : errors) {
            if (!error.isTextual()) {
                problems.schema(Problems.TYPE_STRING, at + "/ErrorEquals");
            }
            all |= "States.ALL".equals(error.asText());
        }
        if (all && errors.size() > 1) {
            problems.schema("States.ALL must appear alone in the ErrorEquals array", at + "/ErrorEquals");
        } else if (all && !last) {
            problems.schema("States.ALL must appear in the last element of the array", at + "/ErrorEquals");
        }
    }
}
