package io.portico.states.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One parsed JSONata expression, or the syntax error that stopped it, plus the {@code $names} its text
 * mentions. The names decide which workflow variables are converted and bound for an evaluation:
 * {@link io.portico.states.asl.VariableScope} can be asked for a name but not listed, and converting
 * every variable for every expression would be waste anyway.
 *
 * <p>Thread safety: the dashjoin {@link Jsonata} object keeps its per-evaluation state (input,
 * environment) in a per-thread copy and each evaluation here gets its own frame, so one compiled
 * expression is evaluated concurrently. The one shared field it writes per evaluation is the
 * timestamp behind {@code $now()}/{@code $millis()}, which may then read a few milliseconds off.
 */
record CompiledExpression(String text, Jsonata jsonata, RuntimeException syntaxError, List<String> names) {

    static CompiledExpression compile(String text) {
        List<String> names = List.copyOf(mentionedNames(text));
        try {
            Jsonata jsonata = Jsonata.jsonata(text);
            // Keep JSON null distinct from undefined: AWS keeps the first and fails on the second.
            jsonata.setOutputConvertNulls(false);
            StepFunctionsFunctions.all().forEach(jsonata::registerFunction);
            BoundedFunctions.all().forEach(jsonata::registerFunction);
            // AWS removes $eval ($parse replaces it); an unbound name called as a function is T1006.
            jsonata.assign("eval", null);
            return new CompiledExpression(text, jsonata, null, names);
        } catch (JException | IllegalArgumentException | IllegalStateException e) {
            return new CompiledExpression(text, null, e, names);
        } catch (StackOverflowError e) {
            // The parser recurses once per nesting level: "((((...))))" deep enough overflows it.
            return new CompiledExpression(text, null, new JException(JsonataEvaluator.TOO_DEEP_TO_PARSE, -1), names);
        } catch (RuntimeException e) {
            return new CompiledExpression(text, null, portFailure(text, e), names);
        }
    }

    /**
     * The syntax error for text on which the dashjoin parser fails with another exception where jsonata-js
     * reports one. Found by fuzzing: a focus or index binding with nothing after it ({@code $x@},
     * {@code $x#}) makes the port read the type of a missing right side (NullPointerException); jsonata-js
     * answers S0214. Any other such failure is a syntax error in plain words, never the Java message.
     */
    private static RuntimeException portFailure(String text, RuntimeException e) {
        String trimmed = text.strip();
        if (e instanceof NullPointerException && (trimmed.endsWith("@") || trimmed.endsWith("#"))) {
            return new JException(e, "S0214", trimmed.length(), trimmed.substring(trimmed.length() - 1), null);
        }
        return new IllegalStateException("The expression could not be parsed", e);
    }

    boolean isValid() {
        return syntaxError == null;
    }

    /**
     * The {@code $name} tokens outside string literals, backtick names and comments. Over-approximates
     * (a regex literal's {@code $} counts too), which only binds a variable nobody reads.
     */
    static Set<String> mentionedNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipString(text, i + 1, c);
            } else if (c == '`') {
                int close = text.indexOf('`', i + 1);
                i = close < 0 ? n : close + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '$') {
                int start = ++i;
                while (i < n && isNameChar(text.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    names.add(text.substring(start, i));
                }
            } else {
                i++;
            }
        }
        return names;
    }

    private static int skipString(String text, int from, char quote) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
