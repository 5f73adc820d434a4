package io.portico.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.arn.Arn;
import io.portico.core.json.Json;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.ExpressionAttributes;
import io.portico.tables.engine.expression.LegacyParameters;
import io.portico.tables.engine.item.ConsumedCapacity;
import io.portico.tables.engine.item.Reporting;
import io.portico.tables.engine.item.WriteResult;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.AttributeValues;
import io.portico.tables.engine.value.Wording;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The members the item operations share, read from the input and rendered to the answer: items and keys,
 * ExpressionAttributeNames/Values, the one-style rule, ReturnConsumedCapacity and
 * ReturnItemCollectionMetrics, and the envelope PutItem, UpdateItem and DeleteItem put around value and
 * expression errors. Stateless.
 */
final class RequestParts {
    private RequestParts() {
    }

    /** An item or key member, checked in the words of the operation's checker. */
    static Map<String, AttributeValue> item(Input in, String member, Wording wording) {
        return in.node(member).map(node -> AttributeValues.itemFromDocument(node, wording)).orElseGet(Map::of);
    }

    /** The request's ExpressionAttributeNames and ExpressionAttributeValues (each only when present). */
    static ExpressionAttributes attributes(Input in, Wording wording) {
        ExpressionAttributes.Builder builder = ExpressionAttributes.builder().wording(wording);
        in.node("ExpressionAttributeNames").ifPresent(names -> builder.names(names(names)));
        in.node("ExpressionAttributeValues").ifPresent(builder::valueDocuments);
        return builder.build();
    }

    /** Refuses a request that mixes expressions with legacy members, in DynamoDB's words. */
    static void requireOneStyle(Input in, List<String> expressionMembers, List<String> legacyMembers, Wording wording) {
        Set<String> present = new LinkedHashSet<>();
        for (String member : expressionMembers) {
            in.node(member).ifPresent(n -> present.add(member));
        }
        for (String member : legacyMembers) {
            in.node(member).ifPresent(n -> present.add(member));
        }
        for (String member : List.of("ExpressionAttributeNames", "ExpressionAttributeValues")) {
            in.node(member).ifPresent(n -> present.add(member));
        }
        LegacyParameters.requireOneStyle(present, expressionMembers, legacyMembers, wording);
    }

    /** {@code parse} with DynamoDB's {@code 1 validation error detected: } around what it refuses. */
    static <T> T enveloped(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (TablesException e) {
            throw e.inEnvelope();
        }
    }

    static Reporting reporting(Input in) {
        Reporting.CapacityDetail capacity = in.string("ReturnConsumedCapacity").map(Reporting.CapacityDetail::valueOf)
                .orElse(Reporting.CapacityDetail.NONE);
        boolean metrics = in.string("ReturnItemCollectionMetrics").filter("SIZE"::equals).isPresent();
        return new Reporting(capacity, metrics);
    }

    /** ReturnValuesOnConditionCheckFailure=ALL_OLD. */
    static boolean oldOnConditionFailure(Input in) {
        return in.string("ReturnValuesOnConditionCheckFailure").filter("ALL_OLD"::equals).isPresent();
    }

    static void renderWrite(ObjectNode out, WriteResult result) {
        result.attributes().ifPresent(a -> out.set("Attributes", AttributeValues.itemToDocument(a)));
        result.capacity().ifPresent(c -> out.set("ConsumedCapacity", capacity(c)));
        result.metrics().ifPresent(m -> out.set("ItemCollectionMetrics", collectionMetrics(m)));
    }

    static ObjectNode collectionMetrics(WriteResult.CollectionMetrics m) {
        ObjectNode metrics = Json.object();
        metrics.set("ItemCollectionKey", AttributeValues.itemToDocument(m.key()));
        ArrayNode range = metrics.putArray("SizeEstimateRangeGB");
        range.add(m.lowerGb());
        range.add(m.upperGb());
        return metrics;
    }

    /**
     * DynamoDB's ConsumedCapacity: the table and all units; a provisioned table also says whether they were
     * read or write units; INDEXES adds the table's share and each index's.
     */
    static ObjectNode capacity(ConsumedCapacity c) {
        ObjectNode node = units(Json.object().put("TableName", c.tableName()), c.units(), c);
        if (c.detail() == Reporting.CapacityDetail.INDEXES) {
            units(node.putObject("Table"), c.tableUnits(), c);
            indexes(node, "GlobalSecondaryIndexes", c.globalIndexes(), c);
            indexes(node, "LocalSecondaryIndexes", c.localIndexes(), c);
        }
        return node;
    }

    private static void indexes(ObjectNode node, String member, Map<String, Double> indexes, ConsumedCapacity c) {
        if (!indexes.isEmpty()) {
            ObjectNode out = node.putObject(member);
            indexes.forEach((name, units) -> units(out.putObject(name), units, c));
        }
    }

    private static ObjectNode units(ObjectNode node, double units, ConsumedCapacity c) {
        node.put("CapacityUnits", units);
        if (c.billing() == io.portico.tables.engine.BillingMode.PROVISIONED) {
            node.put(c.write() ? "WriteCapacityUnits" : "ReadCapacityUnits", units);
        }
        return node;
    }

    static Map<String, String> names(JsonNode object) {
        Map<String, String> names = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        return names;
    }

    static Optional<String> conditionalOperator(Input in) {
        return in.string("ConditionalOperator");
    }

    /**
     * The table a RequestItems key or a nested member (a transaction action's TableName) names. The kit
     * refuses another account's or region's table ARN before the operation runs (ResourceScope reads these
     * members too); this check stays so that no path, whatever reaches the operation, can turn an ARN of
     * another owner into the caller's table of the same name.
     */
    static TableRef table(Input in, String name) {
        Optional<Arn> arn = Arn.parse(name).filter(a -> a.service().equals("dynamodb"));
        if (arn.isPresent() && !(arn.get().account().equals(in.account()) && arn.get().region().equals(in.region()))) {
            throw TablesException.itemTableNotFound();
        }
        return TableRef.named(in.account(), in.region(), name);
    }

    /** A list of ConsumedCapacity (batches, transactions), present only when there is some. */
    static void capacities(ObjectNode out, List<ConsumedCapacity> capacity) {
        if (!capacity.isEmpty()) {
            ArrayNode list = out.putArray("ConsumedCapacity");
            capacity.forEach(c -> list.add(capacity(c)));
        }
    }
}
