package io.portico.states.asl.jsonata;

import com.dashjoin.jsonata.JException;
import io.portico.states.asl.EvaluationBudget;
import io.portico.states.asl.StatesError;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The causes AWS writes for JSONata failures, word for word where they were observed.
 *
 * <p>An evaluation error reads {@code The JSONata expression 'E' specified for the field 'F' threw an
 * error during evaluation. T2002: The right side of ...}: a coded JSONata message follows {@code ". "},
 * a message without a code follows {@code ": "}. The code's text is rendered from the jsonata-js catalog:
 * the dashjoin port's copy of that catalog says {@code Object} where jsonata-js says {@code function}
 * and quotes every inserted value, where jsonata-js writes it as JSON, so it is re-rendered here from
 * the exception's code and values. Stateless and thread safe.
 */
final class JsonataMessages {
    private static final Logger LOG = LoggerFactory.getLogger(JsonataMessages.class);

    /** What AWS answers when an evaluation builds too much (observed for {@code $range}). */
    static final String MEMORY_LIMIT = "Expression evaluation memory limit exceeded";
    /** jsonata-js's timebox message, which AWS reports with the code U1001. */
    static final String TIMEOUT = "Expression evaluation timeout: Check for infinite loop";

    private static final String CURRENT = "\u0000current\u0000";
    private static final String EXPECTED = "\u0000expected\u0000";
    private static final String UNKNOWN_CODE = "JSonataException ";
    private static final Pattern CODED = Pattern.compile("^[A-Z]\\d{4}: .*", Pattern.DOTALL);

    private JsonataMessages() {
    }

    static StatesError undefined(String expression, String field) {
        return StatesError.query(prefix(expression, field) + " returned nothing (undefined).");
    }

    static StatesError unexpectedType(String expression, String field, String expected, String actual, String json) {
        return StatesError.query(prefix(expression, field) + " returned an unexpected result type. Expected '"
                + expected + "', but was '" + actual + "' for value: " + json);
    }

    static StatesError evaluationFailed(String expression, String field, RuntimeException failure) {
        String message = describe(failure);
        String separator = CODED.matcher(message).matches() ? ". " : ": ";
        return StatesError.query(prefix(expression, field) + " threw an error during evaluation" + separator + message);
    }

    /**
     * The failure an evaluation ended with, its bounds worded as jsonata-js and AWS word them: a passed
     * {@link EvaluationBudget} or a stack overflow, also when a library function wrapped it in
     * another exception on the way out.
     */
    static RuntimeException bounded(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EvaluationBudget.Exceeded exceeded) {
                return new JException(exceeded.kind() == EvaluationBudget.Kind.TIME ? TIMEOUT : MEMORY_LIMIT, -1);
            }
            if (t instanceof StackOverflowError) {
                return new JException(EvaluationGuard.TOO_DEEP, -1);
            }
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    private static String prefix(String expression, String field) {
        return "The JSONata expression '" + expression + "' specified for the field '" + field + "'";
    }

    /** The message of a failure, with its JSONata code in front when it has one. */
    static String describe(RuntimeException failure) {
        JException jsonataError = findJsonataError(failure);
        if (jsonataError == null) {
            return failure.getClass().getName().startsWith("java.") ? libraryFailure(failure)
                    : String.valueOf(failure.getMessage());
        }
        if (jsonataError.getError() == null) {
            return String.valueOf(failure.getMessage());
        }
        String code = jsonataError.getError();
        if ((UNKNOWN_CODE + code).equals(jsonataError.getMessage()) || code.contains(" ")) {
            // Thrown with the whole message in the code slot (our functions, the runtime bounds).
            return runtimeBound(code);
        }
        return code + ": " + render(code, jsonataError.getCurrent(), jsonataError.getExpected());
    }

    /**
     * A JDK exception out of the JSONata library (a cast or a null it did not expect: jsonata-js would have
     * answered with a coded error). Its text names Java classes, which mean nothing to the author of the
     * expression, so the log keeps it under an incident id the message gives.
     */
    private static String libraryFailure(RuntimeException failure) {
        String incident = UUID.randomUUID().toString();
        LOG.warn("JSONata library failure, incident {}", incident, failure);
        return "The expression could not be evaluated on these values (Portico incident " + incident + ")";
    }

    /**
     * Time and depth bounds are worded without the code jsonata-js's timebox gives them (U1001), and
     * the port appends its own counters; write them the jsonata-js way.
     */
    private static String runtimeBound(String message) {
        if (message.startsWith("Stack overflow error") || message.startsWith("Expression evaluation timeout")) {
            int counters = message.indexOf(" Depth=");
            return "U1001: " + (counters < 0 ? message : message.substring(0, counters));
        }
        return message;
    }

    /** The message without its code: what AWS reports for a syntax error at creation. */
    static String withoutCode(RuntimeException failure) {
        String message = describe(failure);
        return CODED.matcher(message).matches() ? message.substring(7) : message;
    }

    private static JException findJsonataError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JException j) {
                return j;
            }
        }
        return null;
    }

    private static String render(String code, Object current, Object expected) {
        if (code.equals("T0412")) {
            // The port passes the offending value and the wanted element type, not the argument
            // index and function name jsonata-js names; say what is known.
            return "Argument " + json(current) + " must be an array of " + json(elementTypeName(expected));
        }
        String template = JException.msg(code, -1, CURRENT, EXPECTED)
                .replace("Object", "function")
                .replace(" operator {{token}}", " the operator");
        return template
                .replace('"' + CURRENT + '"', json(current))
                .replace('"' + EXPECTED + '"', json(expected))
                .replace(CURRENT, String.valueOf(current))
                .replace(EXPECTED, String.valueOf(expected));
    }

    private static Object elementTypeName(Object signatureType) {
        return switch (String.valueOf(signatureType)) {
            case "a" -> "arrays";
            case "b" -> "booleans";
            case "f" -> "functions";
            case "n" -> "numbers";
            case "o" -> "objects";
            case "s" -> "strings";
            default -> signatureType;
        };
    }

    private static String json(Object value) {
        if (value == null) {
            return "undefined";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof java.util.Map || value instanceof java.util.List) {
            try {
                return JsonataValues.toJson(value).toString();
            } catch (JException tooDeep) {
                return "\"" + JsonataValues.TOO_DEEP + "\"";
            }
        }
        // Parser tokens and the like: jsonata-js would have a string there.
        return JsonataValues.toJson(String.valueOf(value)).toString();
    }
}
