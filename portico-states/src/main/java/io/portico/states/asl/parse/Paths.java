package io.portico.states.asl.parse;

import com.jayway.jsonpath.JsonPath;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Syntax checks for the path strings of JSONPath-mode states. A path reads the state input
 * ({@code $.a}), the context object ({@code $$.Execution.Id}) or a workflow variable ({@code $name.a});
 * the part after the root is compiled with Jayway JsonPath, the library AWS's own messages come from.
 * A Reference Path must also be definite (no wildcards, filters, deep scans or unions). Stateless.
 */
final class Paths {
    private static final Pattern VARIABLE = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)(.*)$", Pattern.DOTALL);
    private static final Set<String> INTRINSICS = Set.of(
            "States.Format", "States.StringToJson", "States.JsonToString", "States.Array",
            "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem",
            "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode",
            "States.Hash", "States.JsonMerge", "States.MathRandom", "States.MathAdd", "States.StringSplit",
            "States.UUID");

    private Paths() {
    }

    /** Why {@code path} is not a valid path, or empty when it is one. */
    static Optional<String> pathProblem(String path) {
        if (!path.startsWith("$")) {
            return Optional.of("Value must be a valid JSONPath.");
        }
        return compile(path).isPresent() ? Optional.empty() : Optional.of("Value must be a valid JSONPath.");
    }

    /** Why {@code path} is not a valid Reference Path, or empty when it is one. */
    static Optional<String> referencePathProblem(String path) {
        if (!path.startsWith("$")) {
            return Optional.of("Value is not a Reference Path: Reference path didn't start with '$'");
        }
        Optional<JsonPath> compiled = compile(path);
        if (compiled.isEmpty() || !compiled.get().isDefinite()) {
            return Optional.of("Value is not a Reference Path");
        }
        return Optional.empty();
    }

    /** Whether {@code text} is a path or an intrinsic function call, as a {@code .$} value must be. */
    static boolean isPathOrIntrinsic(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("$")) {
            return compile(trimmed).isPresent();
        }
        return isIntrinsic(trimmed);
    }

    /**
     * A minimal intrinsic-function syntax check: a known {@code States.*} name followed by an argument list
     * whose quotes and parentheses balance. Argument semantics are the evaluator's business.
     */
    static boolean isIntrinsic(String text) {
        int open = text.indexOf('(');
        if (open < 0 || !INTRINSICS.contains(text.substring(0, open).strip()) || !text.endsWith(")")) {
            return false;
        }
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                }
            } else if (c == '\'') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0 && i != text.length() - 1) {
                return false;
            }
        }
        return depth == 0 && !quoted;
    }

    private static Optional<JsonPath> compile(String path) {
        String rooted;
        if (path.startsWith("$$")) {
            rooted = path.substring(1);
        } else if (path.length() == 1 || path.charAt(1) == '.' || path.charAt(1) == '[') {
            rooted = path;
        } else {
            var variable = VARIABLE.matcher(path);
            if (!variable.matches()) {
                return Optional.empty();
            }
            rooted = "$" + variable.group(2);
        }
        try {
            return Optional.of(JsonPath.compile(rooted));
        } catch (RuntimeException e) {
            // Jayway signals some malformed paths with index errors rather than InvalidPathException.
            return Optional.empty();
        } catch (StackOverflowError e) {
            // Jayway's filter compiler recurses once per parenthesis: a path nested deep enough overflows it.
            return Optional.empty();
        }
    }
}
