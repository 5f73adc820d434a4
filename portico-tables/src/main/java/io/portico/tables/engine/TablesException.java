package io.portico.tables.engine;

import io.portico.core.validation.Refusal;
import io.portico.core.validation.ValidationReport;
import io.portico.core.validation.Violation;
import io.portico.tables.engine.item.CancellationReason;
import io.portico.tables.engine.value.AttributeValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DynamoDB request the engine refuses: a {@link Kind} naming what is wrong in the domain's terms, and
 * the message DynamoDB gives for it. The api layer maps each kind to its wire code ({@code DynamoDbApi.code});
 * the engine names no code and no HTTP status.
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
        /** A member breaks a constraint: the exception carries the {@link ValidationReport}. */
        INVALID_MEMBER,
        /** The request breaks one of DynamoDB's own rules (values, expressions, limits), in its words. */
        INVALID_REQUEST,
        /** No table (or index) of that name in the caller's account and region. */
        TABLE_NOT_FOUND,
        /** No table of that name, as the continuous backups operations say it ({@code TableNotFoundException}). */
        BACKUP_TABLE_NOT_FOUND,
        /** A table of that name exists already. */
        TABLE_EXISTS,
        /** An account or table limit (tags per resource, indexes per table). */
        LIMIT_EXCEEDED,
        /** A ConditionExpression (or legacy Expected) that the item does not satisfy. */
        CONDITION_FAILED,
        /** A shard iterator older than its 15 minutes (DynamoDB Streams). */
        ITERATOR_EXPIRED,
        /** A stream position whose record is past the 24-hour retention (DynamoDB Streams). */
        DATA_TRIMMED,
        /** A transaction was cancelled: the exception carries a reason per action, in order. */
        TRANSACTION_CANCELED,
        /** A ClientRequestToken reused within its window with another request. */
        IDEMPOTENT_MISMATCH,
        /** A PartiQL INSERT of an item that exists. */
        DUPLICATE_ITEM
    }

    /** DynamoDB's message for a failed condition, as recorded against AWS (test_dynamodb.snapshot.json). */
    public static final String CONDITION_FAILED_MESSAGE = "The conditional request failed";

    /** The item a failed condition saw, for ReturnValuesOnConditionCheckFailure=ALL_OLD; null otherwise. */
    private final transient Map<String, AttributeValue> item;

    private TablesException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** A cancelled transaction's reasons, one per action in order; empty for every other kind. */
    private final transient List<CancellationReason> reasons;

    private TablesException(Kind kind, String message, Map<String, AttributeValue> item) {
        this(kind, message, item, List.of());
    }

    private TablesException(Kind kind, String message, Map<String, AttributeValue> item,
            List<CancellationReason> reasons) {
        super(kind, message);
        this.item = item;
        this.reasons = List.copyOf(reasons);
    }

    private TablesException(ValidationReport report) {
        super(Kind.INVALID_MEMBER, report);
        this.item = null;
        this.reasons = List.of();
    }

    /** A cancelled transaction's reasons, one per action in order; empty for every other kind. */
    public List<CancellationReason> reasons() {
        return reasons;
    }

    /** The item a failed condition saw, when the request asked for it (ReturnValuesOnConditionCheckFailure). */
    public Optional<Map<String, AttributeValue>> item() {
        return Optional.ofNullable(item);
    }

    @Override
    public Kind kind() {
        return (Kind) super.kind();
    }

    /** Members breaking constraints, worded as the kit's validator words them. */
    public static TablesException invalid(Violation... violations) {
        return new TablesException(ValidationReport.of(violations));
    }

    /** A rule of DynamoDB's own, in its words (the message is given whole): a {@code ValidationException}. */
    public static TablesException validation(String message) {
        return new TablesException(Kind.INVALID_REQUEST, message);
    }

    /** {@link #validation(String)}, as the control plane names it. */
    public static TablesException invalidRequest(String message) {
        return validation(message);
    }

    /** DynamoDB's most frequent rule wording: {@code One or more parameter values were invalid: <detail>}. */
    public static TablesException invalidParameter(String detail) {
        return invalidRequest("One or more parameter values were invalid: " + detail);
    }

    /**
     * This refusal inside the envelope {@code 1 validation error detected: } that DynamoDB puts around
     * value and expression errors of PutItem, UpdateItem and DeleteItem (captured in four regions, 2026-10;
     * GetItem, BatchGetItem, Query, Scan, BatchWriteItem and the transactions answer bare, and some
     * regions envelope syntax errors where others do not). Which answers get it is the api's call.
     */
    public TablesException inEnvelope() {
        if (kind() == Kind.INVALID_MEMBER) {
            return this; // a member's constraint violations are worded inside their own envelope already
        }
        return new TablesException(kind(), "1 validation error detected: " + getMessage(), item);
    }

    /** The item does not satisfy the request's condition. */
    public static TablesException conditionFailed() {
        return new TablesException(Kind.CONDITION_FAILED, CONDITION_FAILED_MESSAGE);
    }

    /** The item does not satisfy the request's condition; the answer carries the item as it is. */
    public static TablesException conditionFailed(Map<String, AttributeValue> item) {
        return new TablesException(Kind.CONDITION_FAILED, CONDITION_FAILED_MESSAGE,
                Collections.unmodifiableMap(new LinkedHashMap<>(item)));
    }

    /**
     * An item operation's answer for a table that does not exist: DynamoDB names no table there (recorded
     * for TransactWriteItems and BatchWriteItem, test_dynamodb.snapshot.json; PutItem, GetItem and the
     * others answer the same text on AWS today).
     */
    public static TablesException itemTableNotFound() {
        return new TablesException(Kind.TABLE_NOT_FOUND, "Requested resource not found");
    }

    /** Recorded: {@code Requested resource not found: Table: non-existent not found} (test_table_crud). */
    public static TablesException tableNotFound(String name) {
        return new TablesException(Kind.TABLE_NOT_FOUND, "Requested resource not found: Table: " + name + " not found");
    }

    /**
     * DescribeContinuousBackups and UpdateContinuousBackups of a table that does not exist: the model's
     * {@code TableNotFoundException}, in the words public reports show (not recorded).
     */
    public static TablesException backupTableNotFound(String name) {
        return new TablesException(Kind.BACKUP_TABLE_NOT_FOUND, "Table not found: " + name);
    }

    /** A resource named by ARN (TagResource and friends) that does not exist. */
    public static TablesException resourceNotFound(String arn) {
        return new TablesException(Kind.TABLE_NOT_FOUND, "Requested resource not found: ResourceArn: " + arn
                + " not found");
    }

    /**
     * Recorded: {@code Requested resource not found: Stream: <arn> not found}
     * (test_dynamodb_streams.snapshot.json, test_non_existent_stream).
     */
    public static TablesException streamNotFound(String arn) {
        return new TablesException(Kind.TABLE_NOT_FOUND, "Requested resource not found: Stream: " + arn + " not found");
    }

    /**
     * A shard id the stream does not have (garbage, another stream's, or one trimmed away). AWS's words, as
     * its GetShardIterator answers them in public reports (the KCL's DynamoDB Streams adapter logs,
     * opensearch-project/data-prepper#4401): {@code Requested resource not found: Shard does not exist}, the
     * id not repeated.
     */
    public static TablesException shardNotFound() {
        return new TablesException(Kind.TABLE_NOT_FOUND, "Requested resource not found: Shard does not exist");
    }

    /** A shard iterator past its validity, in the message given whole. */
    public static TablesException iteratorExpired(String message) {
        return new TablesException(Kind.ITERATOR_EXPIRED, message);
    }

    /** A position before the oldest record a stream keeps, in the message given whole. */
    public static TablesException dataTrimmed() {
        return new TablesException(Kind.DATA_TRIMMED, "The data you are trying to access has been trimmed");
    }

    /** Recorded: {@code Table already exists: <name>} (test_create_duplicate_table). */
    public static TablesException tableExists(String name) {
        return new TablesException(Kind.TABLE_EXISTS, "Table already exists: " + name);
    }

    /**
     * A transaction cancelled for {@code reasons}; the message lists their codes in order, as recorded
     * against AWS ({@code Transaction cancelled, please refer cancellation reasons for specific reasons
     * [ConditionalCheckFailed, None]}, test_transaction_write_canceled).
     */
    public static TablesException transactionCanceled(List<CancellationReason> reasons) {
        String codes = String.join(", ", reasons.stream().map(CancellationReason::code).toList());
        return new TablesException(Kind.TRANSACTION_CANCELED,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]",
                null, reasons);
    }

    /**
     * A ClientRequestToken reused with another request. DynamoDB's text is not in any recording; these are
     * the words its documentation gives for the case.
     */
    public static TablesException idempotentMismatch() {
        return new TablesException(Kind.IDEMPOTENT_MISMATCH,
                "Request parameters do not match the previous request with the same client token");
    }

    /** A PartiQL INSERT found the item there already. */
    public static TablesException duplicateItem(String message) {
        return new TablesException(Kind.DUPLICATE_ITEM, message);
    }

    public static TablesException limitExceeded(String message) {
        return new TablesException(Kind.LIMIT_EXCEEDED, message);
    }
}
