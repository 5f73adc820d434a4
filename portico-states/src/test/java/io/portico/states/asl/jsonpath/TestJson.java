package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.VariableScope;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** Test helpers: JSON from text with single quotes allowed, and quick contexts. */
final class TestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJson() {
    }

    /** Parses {@code text} after turning single quotes into double quotes (for readable literals). */
    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EvalContext ctx(String input) {
        return new EvalContext(json(input), MiniMachine.context(json(input), "State", false), VariableScope.EMPTY);
    }

    static EvalContext ctx(String input, Map<String, JsonNode> variables) {
        return new EvalContext(json(input), MiniMachine.context(json(input), "State", false),
                name -> Optional.ofNullable(variables.get(name)));
    }
}
