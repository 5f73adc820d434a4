package io.portico.states.engine;

import java.util.regex.Pattern;

/** Resource names as Step Functions accepts them (state machines, executions, activities, aliases). */
final class Names {
    /** AWS: 1-80 characters, no whitespace, brackets, wildcards, special or control characters. */
    private static final Pattern INVALID = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\u0000-\\u001f\\u007f-\\u009f]");

    private Names() {
    }

    static void check(String name) {
        if (name == null || name.isEmpty() || name.length() > 80 || INVALID.matcher(name).find()) {
            throw StepFunctionsException.of(StepFunctionsException.Kind.INVALID_NAME, "Invalid Name: '" + name + "'");
        }
    }
}
