package io.portico.tables.engine;

import io.portico.core.validation.Refusal;
import io.portico.core.validation.ValidationReport;
import io.portico.core.validation.Violation;

/**
 * A DynamoDB request the engine refuses: a {@link Kind} naming what is wrong in the domain's terms and
 * DynamoDB's exact message. The api layer maps each kind to its wire error (the engine names no wire
 * code); {@link Kind#VALIDATION} answers {@code ValidationException}, {@link Kind#CONDITION_FAILED}
 * {@code ConditionalCheckFailedException}.
 *
 * <p>Most of DynamoDB's own validation text is free-standing ({@code Invalid UpdateExpression: ...},
 * {@code One or more parameter values were invalid: ...}) rather than the model's
 * {@code 1 validation error detected} form, so {@link #validation(String)} takes the message as is;
 * a constraint worded as the kit's validator words it goes through {@link #invalid(Violation...)}.
 * Immutable (see {@link Refusal}).
 */
public final class TablesException extends Refusal {

    /** What is wrong with the request. */
    public enum Kind {
        /** Input DynamoDB refuses as {@code ValidationException}: values, expressions, limits. */
        VALIDATION,
        /** A ConditionExpression (or legacy Expected) that the item does not satisfy. */
        CONDITION_FAILED
    }

    /** DynamoDB's message for a failed condition, as recorded against AWS (test_dynamodb.snapshot.json). */
    public static final String CONDITION_FAILED_MESSAGE = "The conditional request failed";

    private TablesException(Kind kind, String message) {
        super(kind, message);
    }

    private TablesException(Kind kind, ValidationReport report) {
        super(kind, report);
    }

    /** A {@code ValidationException} with DynamoDB's own message. */
    public static TablesException validation(String message) {
        return new TablesException(Kind.VALIDATION, message);
    }

    /** Members breaking constraints, worded as the kit's validator words them. */
    public static TablesException invalid(Violation... violations) {
        return new TablesException(Kind.VALIDATION, ValidationReport.of(violations));
    }

    /**
     * This refusal inside the envelope {@code 1 validation error detected: } that DynamoDB puts around
     * value and expression errors of PutItem, UpdateItem and DeleteItem (captured in four regions, 2026-10;
     * GetItem, BatchGetItem, Query, Scan, BatchWriteItem and the transactions answer bare, and some
     * regions envelope syntax errors where others do not). Which answers get it is the api's call.
     */
    public TablesException inEnvelope() {
        return new TablesException(kind(), "1 validation error detected: " + getMessage());
    }

    /** The item does not satisfy the request's condition. */
    public static TablesException conditionFailed() {
        return new TablesException(Kind.CONDITION_FAILED, CONDITION_FAILED_MESSAGE);
    }

    @Override
    public Kind kind() {
        return (Kind) super.kind();
    }
}
