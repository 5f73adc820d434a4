package io.portico.functions.engine.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.FunctionsException;
import java.io.IOException;
import java.util.List;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * A mapping's FilterCriteria: EventBridge patterns, matched by AWS's own matcher (event-ruler) against
 * each stream record as the function would receive it. A record matching any pattern is delivered; with
 * no pattern every record is. Lambda reads each record as JSON, so patterns name {@code eventName},
 * {@code dynamodb.NewImage...} and so on. Thread safe once built (the machine is only read).
 */
public final class RecordFilter {
    private static final RecordFilter ALL = new RecordFilter(null);

    private final Machine machine;

    private RecordFilter(Machine machine) {
        this.machine = machine;
    }

    /**
     * The filter of {@code patterns}, refused as Lambda refuses a pattern that is not an EventBridge
     * pattern: {@code InvalidParameterValueException} "Invalid filter pattern definition.".
     */
    public static RecordFilter of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return ALL;
        }
        Machine machine = new Machine();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            check(pattern);
            try {
                machine.addRule(Integer.toString(i), pattern);
            } catch (IOException | RuntimeException e) {
                throw invalid();
            }
        }
        return new RecordFilter(machine);
    }

    /** Refuses {@code pattern} unless it is a JSON object event-ruler compiles. */
    public static void check(String pattern) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(pattern);
        } catch (IOException e) {
            throw invalid();
        }
        if (node == null || !node.isObject() || RuleCompiler.check(pattern) != null) {
            throw invalid();
        }
    }

    public boolean matches(JsonNode record) {
        if (machine == null) {
            return true;
        }
        try {
            return !machine.rulesForJSONEvent(Json.mapper().writeValueAsString(record)).isEmpty();
        } catch (Exception e) {
            return false; // a record the matcher cannot read matches nothing, as an unmatched record is skipped
        }
    }

    private static FunctionsException invalid() {
        return FunctionsException.invalidParameter("Invalid filter pattern definition.");
    }
}
