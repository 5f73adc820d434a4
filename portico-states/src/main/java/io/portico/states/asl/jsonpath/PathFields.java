package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.StatesError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Typed reads of the numeric and timestamp {@code ...Path} fields (Wait SecondsPath / TimestampPath, Map
 * MaxConcurrencyPath / ToleratedFailureCountPath / ToleratedFailurePercentagePath), each failing with
 * the States.Runtime text AWS records for it; those messages differ from the generic "The JSONPath ...
 * could not be found" of {@link Expressions#evaluate}, so the engine should read these fields here.
 * Thread safe (stateless).
 */
public final class PathFields {

    private PathFields() {
    }

    /** Wait SecondsPath: a non-negative integer. */
    public static long seconds(String path, EvalContext ctx) {
        JsonNode value = Expressions.find(path, ctx).orElseThrow(() ->
                StatesError.runtime("The SecondsPath parameter does not reference an input value: " + path));
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw StatesError.runtime("The SecondsPath parameter cannot be parsed as a long value: " + path + " == "
                    + Json.javaString(value));
        }
        if (value.longValue() < 0) {
            throw StatesError.runtime("The SecondsPath parameter references a negative value: " + path + " == "
                    + Json.javaString(value));
        }
        return value.longValue();
    }

    /** Wait TimestampPath: an RFC 3339 date-time with offset (nanoseconds allowed). */
    public static Instant timestamp(String path, EvalContext ctx) {
        JsonNode value = Expressions.find(path, ctx).orElseThrow(() ->
                StatesError.runtime("The TimestampPath parameter does not reference an input value: " + path));
        if (value.isTextual()) {
            try {
                return OffsetDateTime.parse(value.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                // reported below, with the value as AWS shows it
            }
        }
        throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
                + "date-time format string: " + path + " == " + Json.javaString(value));
    }

    /** Map MaxConcurrencyPath: an integer (range checks are the caller's). */
    public static long maxConcurrency(String path, EvalContext ctx) {
        return integer("MaxConcurrencyPath", path, ctx);
    }

    /** Map ToleratedFailureCountPath: a non-negative integer. */
    public static long toleratedFailureCount(String path, EvalContext ctx) {
        long count = integer("ToleratedFailureCountPath", path, ctx);
        if (count < 0) {
            throw StatesError.runtime("ToleratedFailureCount cannot be negative.");
        }
        return count;
    }

    /** Map ToleratedFailurePercentagePath: a number from 0 to 100. */
    public static double toleratedFailurePercentage(String path, EvalContext ctx) {
        JsonNode value = required("ToleratedFailurePercentagePath", path, ctx);
        if (!value.isNumber()) {
            throw StatesError.runtime("The ToleratedFailurePercentagePath field refers to value \""
                    + Json.javaString(value) + "\" which is not a valid float: " + path);
        }
        double percentage = value.doubleValue();
        if (percentage < 0 || percentage > 100) {
            throw StatesError.runtime("ToleratedFailurePercentage must be between 0 and 100.");
        }
        return percentage;
    }

    private static long integer(String field, String path, EvalContext ctx) {
        JsonNode value = required(field, path, ctx);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw StatesError.runtime("The " + field + " field refers to value \"" + Json.javaString(value)
                    + "\" which is not a valid integer: " + path);
        }
        return value.longValue();
    }

    private static JsonNode required(String field, String path, EvalContext ctx) {
        Optional<JsonNode> value = Expressions.find(path, ctx);
        // AWS's text for a missing Map path is not recorded; this mirrors its wording for Wait.
        return value.orElseThrow(() ->
                StatesError.runtime("The " + field + " field does not reference an input value: " + path));
    }
}
