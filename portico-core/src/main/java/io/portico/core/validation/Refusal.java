package io.portico.core.validation;

import java.util.Objects;
import java.util.Optional;

/**
 * A request an engine refuses, as engines say it: a kind from the service's own enum naming what is
 * wrong in the domain's terms, and the message the service gives. The service's api layer maps each kind
 * to its wire code and status; the engine names neither. A refusal about members breaking constraints
 * carries the {@link ValidationReport}, and its message is the report's, worded as AWS's validation
 * errors.
 *
 * <p>Each service subclasses this once with its own kinds ({@code StepFunctionsException},
 * {@code FunctionsException}) and narrows {@link #kind()} to its enum (Java allows no generic
 * exception). Immutable; no stack trace is captured (this is an answer, not a bug).
 */
public abstract class Refusal extends RuntimeException {
    private final Enum<?> kind;
    private final transient ValidationReport report;

    protected Refusal(Enum<?> kind, String message) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.report = null;
    }

    /** A refusal worded as {@code report}, which must hold at least one violation. */
    protected Refusal(Enum<?> kind, ValidationReport report) {
        super(requireViolations(report).message(), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.report = report;
    }

    /** What is wrong, as the service's enum names it. */
    public Enum<?> kind() {
        return kind;
    }

    /** The broken constraints, when the refusal was built from a report; empty otherwise. */
    public Optional<ValidationReport> report() {
        return Optional.ofNullable(report);
    }

    private static ValidationReport requireViolations(ValidationReport report) {
        if (report.isValid()) {
            throw new IllegalArgumentException("a refusal built from a report needs at least one violation");
        }
        return report;
    }
}
