package io.portico.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.idempotency.ClientToken;
import io.portico.core.json.Fingerprint;
import io.portico.core.json.Json;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.ExpressionAttributes;
import io.portico.tables.engine.expression.RequestExpressions;
import io.portico.tables.engine.item.CancellationReason;
import io.portico.tables.engine.item.Reporting;
import io.portico.tables.engine.item.TransactRequests;
import io.portico.tables.engine.item.TransactRequests.WriteAction;
import io.portico.tables.engine.item.TransactResults;
import io.portico.tables.engine.item.Transactions;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.AttributeValues;
import io.portico.tables.engine.value.Wording;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TransactWriteItems and TransactGetItems: each action's members read into the engine's requests with
 * DynamoDB's older value checker (the transactions answer value and expression errors bare), the
 * ClientRequestToken bound to a fingerprint of the rest of the request, and the answers rendered; a
 * cancelled transaction's reasons are rendered by {@link DynamoDbApi}'s error mapping ({@link #reasons}).
 */
final class TransactOperations {
    private static final Set<String> NOT_FINGERPRINTED = Set.of("ClientRequestToken", "ReturnConsumedCapacity",
            "ReturnItemCollectionMetrics");

    private final Transactions transactions;

    TransactOperations(Transactions transactions) {
        this.transactions = transactions;
    }

    ObjectNode write(Input in) {
        Reporting reporting = RequestParts.reporting(in);
        // What is reported is not part of what a repeat must match: a retry may ask for capacity (inferred;
        // DynamoDB's documentation speaks of the capacity a repeat reports, not of a mismatch).
        Optional<ClientToken> token = in.string("ClientRequestToken").map(t -> ClientToken.of(
                "dynamodb:TransactWriteItems:" + in.account() + ":" + in.region(), t,
                Fingerprint.of(in.body(), NOT_FINGERPRINTED)));
        List<WriteAction> actions = new ArrayList<>();
        in.node("TransactItems").ifPresent(list -> list.forEach(item -> actions.add(action(in, item))));
        TransactResults.TransactWritten written = transactions.write(
                new TransactRequests.TransactWrite(actions, token, reporting));
        ObjectNode out = Json.object();
        RequestParts.capacities(out, written.capacity());
        if (reporting.itemCollectionMetrics()) {
            ObjectNode metrics = out.putObject("ItemCollectionMetrics");
            written.metrics().forEach((table, list) -> {
                ArrayNode array = metrics.putArray(table);
                list.forEach(m -> array.add(RequestParts.collectionMetrics(m)));
            });
        }
        return out;
    }

    ObjectNode get(Input in) {
        Reporting.CapacityDetail capacity = RequestParts.reporting(in).capacity();
        List<TransactRequests.GetAction> actions = new ArrayList<>();
        in.node("TransactItems").ifPresent(list -> list.forEach(item -> {
            JsonNode get = item.path("Get");
            RequestExpressions parsed = RequestExpressions.builder(attributes(get))
                    .projection(Input.text(get, "ProjectionExpression").orElse(null)).parse();
            actions.add(new TransactRequests.GetAction(table(in, get), key(get), parsed.projection()));
        }));
        TransactResults.TransactGot got = transactions.get(
                new TransactRequests.TransactGet(actions, capacity));
        ObjectNode out = Json.object();
        ArrayNode responses = out.putArray("Responses");
        for (Optional<Map<String, AttributeValue>> item : got.items()) {
            ObjectNode response = responses.addObject();
            item.ifPresent(i -> response.set("Item", AttributeValues.itemToDocument(i)));
        }
        RequestParts.capacities(out, got.capacity());
        return out;
    }

    /**
     * One TransactWriteItem: exactly one of Put, Update, Delete and ConditionCheck, else refused in the words
     * public reports give for DynamoDB (not recorded).
     */
    private static WriteAction action(Input in, JsonNode item) {
        List<String> present = new ArrayList<>();
        for (String member : List.of("ConditionCheck", "Put", "Delete", "Update")) {
            Input.present(item.get(member)).ifPresent(n -> present.add(member));
        }
        if (present.size() != 1) {
            throw TablesException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        JsonNode action = item.get(present.get(0));
        return switch (present.get(0)) {
            case "Put" -> new WriteAction.Put(table(in, action),
                    AttributeValues.itemFromDocument(action.path("Item"), Wording.OLDER), expressions(action).condition(),
                    oldOnFailure(action));
            case "Update" -> {
                RequestExpressions parsed = expressions(action);
                yield new WriteAction.Update(table(in, action), key(action), parsed.update().orElseThrow(),
                        parsed.condition(), oldOnFailure(action));
            }
            case "Delete" -> new WriteAction.Delete(table(in, action), key(action), expressions(action).condition(),
                    oldOnFailure(action));
            default -> new WriteAction.ConditionCheck(table(in, action), key(action),
                    expressions(action).condition().orElseThrow(), oldOnFailure(action));
        };
    }

    private static Map<String, AttributeValue> key(JsonNode action) {
        return AttributeValues.itemFromDocument(action.path("Key"), Wording.OLDER);
    }

    /** The action's UpdateExpression and ConditionExpression, with its own names and values. */
    private static RequestExpressions expressions(JsonNode action) {
        return RequestExpressions.builder(attributes(action))
                .update(Input.text(action, "UpdateExpression").orElse(null))
                .condition(Input.text(action, "ConditionExpression").orElse(null)).parse();
    }

    private static ExpressionAttributes attributes(JsonNode action) {
        ExpressionAttributes.Builder builder = ExpressionAttributes.builder().wording(Wording.OLDER);
        Input.present(action.get("ExpressionAttributeNames")).ifPresent(n -> builder.names(RequestParts.names(n)));
        Input.present(action.get("ExpressionAttributeValues")).ifPresent(builder::valueDocuments);
        return builder.build();
    }

    private static boolean oldOnFailure(JsonNode action) {
        return Input.text(action, "ReturnValuesOnConditionCheckFailure").filter("ALL_OLD"::equals).isPresent();
    }

    private static TableRef table(Input in, JsonNode action) {
        return RequestParts.table(in, action.path("TableName").asText());
    }

    /** A cancelled transaction's {@code CancellationReasons}: Code, then Message and Item when there are. */
    static ArrayNode reasons(List<CancellationReason> reasons) {
        ArrayNode list = Json.mapper().createArrayNode();
        for (CancellationReason reason : reasons) {
            ObjectNode node = list.addObject();
            reason.item().ifPresent(item -> node.set("Item", AttributeValues.itemToDocument(item)));
            node.put("Code", reason.code());
            reason.message().ifPresent(m -> node.put("Message", m));
        }
        return list;
    }
}
