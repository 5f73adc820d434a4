package io.portico.states.asl.parse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link DefinitionParser#parse} when a definition has ERROR diagnostics. Its message is
 * exactly the message of AWS's {@code InvalidDefinition} error for CreateStateMachine:
 * {@code Invalid State Machine Definition: 'CODE: message at location, CODE: message at location'}.
 */
public final class InvalidDefinitionException extends RuntimeException {

    private final transient List<Diagnostic> diagnostics;

    public InvalidDefinitionException(List<Diagnostic> diagnostics) {
        super(messageOf(diagnostics), null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The ERROR diagnostics that made the definition invalid, in the order AWS reports them. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** AWS's error code for this failure at the API edge. */
    public String errorCode() {
        return "InvalidDefinition";
    }

    static String messageOf(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::formatted)
                .collect(Collectors.joining(", ", "Invalid State Machine Definition: '", "'"));
    }
}
