package io.portico.functions.engine;

import io.portico.core.validation.Refusal;
import io.portico.core.validation.ValidationReport;
import io.portico.core.validation.Violation;

/**
 * A Lambda request the engine refuses: a {@link Kind} saying what is wrong, in the domain's terms, and
 * the message Lambda gives for it. The api layer maps each kind to Lambda's error code, with the status
 * Lambda's model gives that code ({@code LambdaApi}); the engine names no wire code and no HTTP status.
 *
 * <p>A refusal built from a {@link ValidationReport} (a member breaking a constraint the engine checks
 * itself) has the report's message, worded as AWS's validation errors (see {@link Refusal}).
 */
public final class FunctionsException extends Refusal {

    /** What is wrong with the request. */
    public enum Kind {
        /** The function, version, alias or per-function setting named does not exist. */
        NOT_FOUND,
        /**
         * The request conflicts with the resource's state: the name is taken, the function is still being
         * created or updated, or an alias still points at the version.
         */
        CONFLICT,
        /** A parameter Lambda refuses in its service code (a value, a combination, a limit). */
        INVALID_PARAMETER,
        /** A member breaks a constraint of the request: the exception carries the {@link ValidationReport}. */
        INVALID_MEMBER,
        /** A payload, or a client context, that is not JSON. */
        UNREADABLE_PAYLOAD,
        /** A payload larger than the invocation type allows. */
        TOO_LARGE,
        /** The function's concurrency is used up. */
        THROTTLED,
        /** The caller's revision id is not the resource's current one. */
        PRECONDITION_FAILED
    }

    private FunctionsException(Kind kind, String message) {
        super(kind, message);
    }

    private FunctionsException(Kind kind, ValidationReport report) {
        super(kind, report);
    }

    /** A refusal of {@code kind} with Lambda's message; {@link Kind#INVALID_MEMBER} takes {@link #invalid} instead. */
    public static FunctionsException of(Kind kind, String message) {
        if (kind == Kind.INVALID_MEMBER) {
            throw new IllegalArgumentException("INVALID_MEMBER carries a ValidationReport: use invalid(...)");
        }
        return new FunctionsException(kind, message);
    }

    /**
     * A refusal of {@code kind} worded as the report: {@link Kind#INVALID_MEMBER}, or a limit Lambda checks
     * in its service code but words as a validation error.
     */
    public static FunctionsException of(Kind kind, ValidationReport report) {
        return new FunctionsException(kind, report);
    }

    /** Members breaking constraints, reported in AWS's words and order. */
    public static FunctionsException invalid(Violation... violations) {
        return of(Kind.INVALID_MEMBER, ValidationReport.of(violations));
    }

    public static FunctionsException notFound(String message) {
        return of(Kind.NOT_FOUND, message);
    }

    public static FunctionsException invalidParameter(String message) {
        return of(Kind.INVALID_PARAMETER, message);
    }

    /** More tags than a function may carry ({@code Functions.TAG_LIMIT}), in Lambda's words. */
    public static FunctionsException tooManyTags() {
        return invalidParameter("Number of tags exceeds resource tag limit.");
    }

    public static FunctionsException conflict(String message) {
        return of(Kind.CONFLICT, message);
    }

    @Override
    public Kind kind() {
        return (Kind) super.kind();
    }
}
