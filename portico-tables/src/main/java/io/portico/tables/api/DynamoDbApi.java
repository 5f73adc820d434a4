package io.portico.tables.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.model.ServiceModels;
import io.portico.core.service.AwsError;
import io.portico.core.service.ServiceApi;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.Tables;
import io.portico.tables.engine.item.Batches;
import io.portico.tables.engine.item.ItemQueries;
import io.portico.tables.engine.item.Items;
import io.portico.tables.engine.item.Transactions;
import io.portico.tables.engine.partiql.Statements;
import io.portico.tables.engine.value.AttributeValues;
import java.util.function.Function;

/**
 * The DynamoDB API on the service kit: AWS's {@code dynamodb-2012-08-10} model (AWS JSON 1.0, target
 * prefix {@code DynamoDB_20120810}) with a handler for each operation Portico serves, and the engine's
 * {@link TablesException}s mapped to DynamoDB's error codes by kind ({@link #code}), all HTTP 400 with a
 * lower-case {@code message}, as DynamoDB answers. The model's overlay gives the namespaces DynamoDB
 * prints in {@code __type} ({@code com.amazonaws.dynamodb.v20120810#...}).
 *
 * <p>DynamoDB Streams ({@code DynamoDBStreams_20120810}) is a service of its own with its own model:
 * {@link DynamoDbStreamsApi}.
 */
public final class DynamoDbApi {
    /** The model DynamoDB is served from. */
    public static final String MODEL = "dynamodb-2012-08-10";

    private DynamoDbApi() {
    }

    /** The service, started and stopped with the engine. */
    public static ServiceApi create(Tables tables, Items items, ItemQueries queries, Batches batches,
            Transactions transactions, Statements statements) {
        TableOperations table = new TableOperations(tables);
        ItemOperations item = new ItemOperations(items);
        ReadOperations read = new ReadOperations(queries);
        BatchOperations batch = new BatchOperations(batches);
        SettingsOperations settings = new SettingsOperations(tables);
        TagOperations tags = new TagOperations(tables);
        TransactOperations transact = new TransactOperations(transactions);
        PartiqlOperations partiql = new PartiqlOperations(statements);
        ServiceApi.Builder api = ServiceApi.builder(ServiceModels.load(MODEL))
                .errors(TablesException.class, DynamoDbApi::error)
                .lifecycle(tables);
        serve(api, "CreateTable", table::create);
        serve(api, "DescribeTable", table::describe);
        serve(api, "UpdateTable", table::update);
        serve(api, "DeleteTable", table::delete);
        serve(api, "ListTables", table::list);
        serve(api, "UpdateTimeToLive", settings::updateTimeToLive);
        serve(api, "DescribeTimeToLive", settings::describeTimeToLive);
        serve(api, "DescribeLimits", settings::describeLimits);
        serve(api, "DescribeEndpoints", settings::describeEndpoints);
        serve(api, "UpdateContinuousBackups", settings::updateContinuousBackups);
        serve(api, "DescribeContinuousBackups", settings::describeContinuousBackups);
        serve(api, "DescribeContributorInsights", settings::describeContributorInsights);
        serve(api, "PutItem", item::put);
        serve(api, "GetItem", item::get);
        serve(api, "UpdateItem", item::update);
        serve(api, "DeleteItem", item::delete);
        serve(api, "Query", read::query);
        serve(api, "Scan", read::scan);
        serve(api, "BatchGetItem", batch::get);
        serve(api, "BatchWriteItem", batch::write);
        serve(api, "TransactWriteItems", transact::write);
        serve(api, "TransactGetItems", transact::get);
        serve(api, "ExecuteStatement", partiql::execute);
        serve(api, "BatchExecuteStatement", partiql::batch);
        serve(api, "ExecuteTransaction", partiql::transaction);
        serve(api, "TagResource", tags::tag);
        serve(api, "UntagResource", tags::untag);
        serve(api, "ListTagsOfResource", tags::list);
        return api.build();
    }

    /** Serves {@code operation} with a handler of the api's {@link Input} (DynamoDB Streams' too). */
    static void serve(ServiceApi.Builder api, String operation, Function<Input, ObjectNode> handler) {
        api.operation(operation, call -> handler.apply(new Input(call)));
    }

    /**
     * The refusal on the wire (DynamoDB Streams' too, whose refusals carry neither): a failed condition
     * carries the item when the request asked for it, a cancelled transaction its reasons.
     */
    static AwsError error(TablesException e) {
        AwsError error = AwsError.clientError(code(e.kind()), e.getMessage());
        if (!e.reasons().isEmpty()) {
            return error.with("CancellationReasons", TransactOperations.reasons(e.reasons()));
        }
        return e.item().map(item -> error.with("Item", AttributeValues.itemToDocument(item))).orElse(error);
    }

    /** DynamoDB's error code for each kind of refusal. */
    static String code(TablesException.Kind kind) {
        return switch (kind) {
            case INVALID_MEMBER, INVALID_REQUEST -> "ValidationException";
            case TABLE_NOT_FOUND -> "ResourceNotFoundException";
            case BACKUP_TABLE_NOT_FOUND -> "TableNotFoundException";
            case TABLE_EXISTS -> "ResourceInUseException";
            case LIMIT_EXCEEDED -> "LimitExceededException";
            case CONDITION_FAILED -> "ConditionalCheckFailedException";
            case ITERATOR_EXPIRED -> "ExpiredIteratorException";
            case DATA_TRIMMED -> "TrimmedDataAccessException";
            case TRANSACTION_CANCELED -> "TransactionCanceledException";
            case IDEMPOTENT_MISMATCH -> "IdempotentParameterMismatchException";
            case DUPLICATE_ITEM -> "DuplicateItemException";
        };
    }
}
