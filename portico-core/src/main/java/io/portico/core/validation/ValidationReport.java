package io.portico.core.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The violations of one request, in the order AWS reports them, and AWS's message for them:
 * {@code 1 validation error detected: ...} or {@code N validation errors detected: ...; ...}.
 */
public record ValidationReport(List<Violation> violations) {

    public ValidationReport {
        violations = List.copyOf(violations);
    }

    /** The report of the given violations, in the order given. */
    public static ValidationReport of(Violation... violations) {
        return new ValidationReport(List.of(violations));
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** AWS's message; only meaningful when {@link #isValid()} is false. */
    public String message() {
        int n = violations.size();
        return n + (n == 1 ? " validation error detected: " : " validation errors detected: ")
                + violations.stream().map(Violation::sentence).collect(Collectors.joining("; "));
    }
}
