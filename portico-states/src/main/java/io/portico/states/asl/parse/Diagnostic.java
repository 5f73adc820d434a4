package io.portico.states.asl.parse;

import java.util.Optional;

/**
 * One problem found in a definition, shaped like an element of ValidateStateMachineDefinition's
 * {@code diagnostics}: a {@code code} such as {@code SCHEMA_VALIDATION_FAILED}, AWS's {@code message}, and
 * the {@code location} as a JSON-pointer-like path ({@code /States/X/Next}) when AWS gives one.
 * Immutable and thread safe; no component is null.
 */
public record Diagnostic(Severity severity, String code, String message, Optional<String> location) {

    /** ERROR blocks CreateStateMachine; WARNING is only reported by ValidateStateMachineDefinition. */
    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(String code, String message, String location) {
        return new Diagnostic(Severity.ERROR, code, message, Optional.ofNullable(location));
    }

    public static Diagnostic warning(String code, String message, String location) {
        return new Diagnostic(Severity.WARNING, code, message, Optional.ofNullable(location));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The diagnostic as CreateStateMachine prints it inside its InvalidDefinition message:
     * {@code CODE: message at location}. AWS prints a missing location as the word {@code null}.
     */
    public String formatted() {
        return code + ": " + message + " at " + location.orElse("null");
    }
}
