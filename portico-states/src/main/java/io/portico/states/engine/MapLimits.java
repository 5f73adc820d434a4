package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.util.Optional;

/**
 * A Map state's MaxConcurrency and tolerated failures, evaluated from literals, {@code ...Path}
 * fields or JSONata, with AWS's checks and messages. An unset count or percentage is empty: it does
 * not take part in the threshold (with neither set, any failure exceeds it, as AWS's default of 0).
 */
record MapLimits(int maxConcurrency, Optional<Long> toleratedFailureCount, Optional<Double> toleratedFailurePercentage) {
    /**
     * AWS's bound on the iterations of an inline Map running at once ("supports up to 40 concurrent
     * iterations"), whatever MaxConcurrency asks for, and the number without one.
     */
    static final int INLINE_CONCURRENCY = 40;

    /** How many iterations of an inline Map run at once: MaxConcurrency, within AWS's bound of 40. */
    int inlineConcurrency() {
        return maxConcurrency <= 0 ? INLINE_CONCURRENCY : Math.min(maxConcurrency, INLINE_CONCURRENCY);
    }

    /**
     * AWS's rule: the Map Run fails when the failed (or timed-out) items exceed the count or, as a share
     * of all items, the percentage; with both set, exceeding either fails it.
     */
    static boolean exceeded(Optional<Long> count, Optional<Double> percentage, long failedItems, long totalItems) {
        if (failedItems == 0) {
            return false;
        }
        if (count.isEmpty() && percentage.isEmpty()) {
            return true;
        }
        if (count.isPresent() && failedItems > count.get()) {
            return true;
        }
        return percentage.isPresent() && totalItems > 0 && failedItems * 100.0 / totalItems > percentage.get();
    }

    /** MaxConcurrency (0 = unlimited); AWS evaluates it before the Map starts, the tolerances after. */
    static int maxConcurrency(State.Map map, StateVisit visit, JsonNode input) {
        return map.maxConcurrency().map(v -> integer(visit, v, "MaxConcurrency"))
                .or(() -> map.maxConcurrencyPath().map(p -> pathInteger(visit, input, p, "MaxConcurrencyPath")))
                .orElse(0);
    }

    static MapLimits of(State.Map map, StateVisit visit, JsonNode input, int maxConcurrency) {
        Optional<Integer> count = map.toleratedFailureCount().map(v -> integer(visit, v, "ToleratedFailureCount"))
                .or(() -> map.toleratedFailureCountPath().map(p -> pathInteger(visit, input, p, "ToleratedFailureCountPath")));
        if (count.isPresent() && count.get() < 0) {
            throw visit.qualify(StatesError.runtime("ToleratedFailureCount cannot be negative."));
        }
        Optional<Double> percentage = map.toleratedFailurePercentage().map(v -> decimal(visit, v, "ToleratedFailurePercentage"))
                .or(() -> map.toleratedFailurePercentagePath().map(p -> pathDecimal(visit, input, p, "ToleratedFailurePercentagePath")));
        if (percentage.isPresent() && (percentage.get() < 0 || percentage.get() > 100)) {
            throw visit.qualify(StatesError.runtime("ToleratedFailurePercentage must be between 0 and 100."));
        }
        return new MapLimits(maxConcurrency, count.map(Integer::longValue), percentage);
    }

    private static int integer(StateVisit visit, JsonNode value, String field) {
        JsonNode v = evaluated(visit, value, field);
        if (!v.canConvertToExactIntegral()) {
            throw StateIo.evaluationFailed(visit, StatesError.query("The " + field
                    + " field must be an integer value: " + v));
        }
        return v.asInt();
    }

    private static double decimal(StateVisit visit, JsonNode value, String field) {
        JsonNode v = evaluated(visit, value, field);
        if (!v.isNumber()) {
            throw StateIo.evaluationFailed(visit, StatesError.query("The " + field
                    + " field must be a number: " + v));
        }
        return v.asDouble();
    }

    private static JsonNode evaluated(StateVisit visit, JsonNode value, String field) {
        if (value.isTextual() && visit.state().queryLanguage() == QueryLanguage.JSONATA) {
            return StateIo.jsonata(visit, value, field, Optional.empty(), Optional.empty());
        }
        return value;
    }

    private static int pathInteger(StateVisit visit, JsonNode input, String path, String field) {
        JsonNode v = StateIo.pathValue(visit, input, path, field);
        if (v.canConvertToExactIntegral()) {
            return v.asInt();
        }
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.textValue());
            } catch (NumberFormatException ignored) {
                // fall through to AWS's message
            }
        }
        throw visit.qualify(StatesError.runtime("The " + field + " field refers to value \"" + text(v)
                + "\" which is not a valid integer: " + path));
    }

    private static double pathDecimal(StateVisit visit, JsonNode input, String path, String field) {
        JsonNode v = StateIo.pathValue(visit, input, path, field);
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.textValue());
            } catch (NumberFormatException ignored) {
                // fall through to AWS's message
            }
        }
        throw visit.qualify(StatesError.runtime("The " + field + " field refers to value \"" + text(v)
                + "\" which is not a valid float: " + path));
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.textValue() : v.toString();
    }
}
