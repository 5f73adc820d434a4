package io.portico.states.engine;

import java.util.List;

/** How Retry and Catch match an error name against ErrorEquals. */
final class ErrorNames {
    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";

    private ErrorNames() {
    }

    /**
     * True when {@code errorEquals} names the error. {@code States.ALL} matches every error name;
     * {@code States.TaskFailed} matches every error except {@code States.Timeout}, as AWS defines it
     * (terminal errors never get here).
     */
    static boolean matches(List<String> errorEquals, String error) {
        for (String name : errorEquals) {
            if (name.equals(ALL) || name.equals(error)) {
                return true;
            }
            if (name.equals(TASK_FAILED) && error != null && !error.equals("States.Timeout")
                    && !error.startsWith("States.")) {
                return true;
            }
        }
        return false;
    }
}
