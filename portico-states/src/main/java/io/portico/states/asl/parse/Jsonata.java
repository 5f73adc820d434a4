package io.portico.states.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.jsonata.JsonataEvaluator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognising JSONata template strings ({@code {% expr %}}) inside a definition, and checking that each
 * one parses. AWS parses every expression of a JSONata state at create time and reports one that does not
 * as {@code INVALID_JSONATA_EXPRESSION} with the parser's message (without the JSONata error code) at the
 * field's location, e.g. {@code /States/E/Output/v}. The dashjoin parser is a port of the reference
 * jsonata-js, so its messages are AWS's. Stateless.
 */
final class Jsonata {
    private Jsonata() {
    }

    static boolean isExpression(JsonNode value) {
        return value != null && value.isTextual() && isExpression(value.asText());
    }

    static boolean isExpression(String text) {
        String trimmed = text.strip();
        return trimmed.startsWith("{%") && trimmed.endsWith("%}") && trimmed.length() >= 4;
    }

    /**
     * ASL fields whose {@code {% %}} strings AWS does not parse (names, structure, or literal-only fields);
     * inside a payload ({@link #PAYLOADS}) every key is data and every expression is parsed.
     */
    private static final Set<String> NOT_EXPRESSIONS = Set.of("Type", "Comment", "QueryLanguage", "Next", "End",
            "Default", "Resource", "ItemProcessor", "Iterator", "Branches", "Retry", "Credentials", "ErrorEquals",
            "CSVHeaders");
    private static final Set<String> PAYLOADS = Set.of("Arguments", "Output", "Assign", "ItemSelector", "Items");

    /** Reports every expression of a JSONata state that does not parse. */
    static void checkExpressions(JsonNode state, String location, Problems problems) {
        walk(state, location, false, problems);
    }

    private static void walk(JsonNode value, String location, boolean payload, Problems problems) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (payload || !NOT_EXPRESSIONS.contains(entry.getKey())) {
                    walk(entry.getValue(), location + "/" + entry.getKey(),
                            payload || PAYLOADS.contains(entry.getKey()), problems);
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), location + "[" + i + "]", payload, problems);
            }
        } else if (isExpression(value)) {
            parseProblem(value.asText()).ifPresent(m -> problems.error("INVALID_JSONATA_EXPRESSION", m, location));
        }
    }

    /** The parser's message when the expression inside {@code {% %}} does not parse. */
    static Optional<String> parseProblem(String template) {
        String trimmed = template.strip();
        return JsonataEvaluator.syntaxError(trimmed.substring(2, trimmed.length() - 2));
    }
}
