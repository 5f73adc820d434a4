package io.portico.states.asl.parse;

import java.util.List;

/**
 * The answer of ValidateStateMachineDefinition: {@code result} FAIL when any ERROR diagnostic exists
 * (warnings alone leave it OK), the diagnostics kept after the severity filter and {@code maxResults},
 * and whether that limit dropped some. Immutable.
 */
public record ValidationReport(Result result, List<Diagnostic> diagnostics, boolean truncated) {

    public enum Result { OK, FAIL }

    public ValidationReport {
        diagnostics = List.copyOf(diagnostics);
    }
}
