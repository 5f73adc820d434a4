package io.portico.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.LegacyParameters;
import io.portico.tables.engine.expression.Projection;
import io.portico.tables.engine.expression.RequestExpressions;
import io.portico.tables.engine.item.ItemQueries;
import io.portico.tables.engine.item.KeyRange;
import io.portico.tables.engine.item.Page;
import io.portico.tables.engine.item.ReadRequests;
import io.portico.tables.engine.item.Select;
import io.portico.tables.engine.value.AttributeValues;
import io.portico.tables.engine.value.Wording;
import java.util.List;
import java.util.Optional;

/**
 * Query and Scan: expressions or legacy members, Select and its rules, paging, segments, and the answer.
 * Query checks values with DynamoDB's current checker, Scan with the older one, as DynamoDB does; both
 * answer value and expression errors bare.
 */
final class ReadOperations {
    private static final List<String> QUERY_EXPRESSIONS =
            List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression");
    private static final List<String> QUERY_LEGACY =
            List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions");
    private static final List<String> SCAN_EXPRESSIONS = List.of("ProjectionExpression", "FilterExpression");
    private static final List<String> SCAN_LEGACY = List.of("AttributesToGet", "ScanFilter", "ConditionalOperator");

    private final ItemQueries queries;

    ReadOperations(ItemQueries queries) {
        this.queries = queries;
    }

    ObjectNode query(Input in) {
        RequestParts.requireOneStyle(in, QUERY_EXPRESSIONS, QUERY_LEGACY, Wording.CURRENT);
        RequestExpressions parsed = RequestExpressions.builder(RequestParts.attributes(in, Wording.CURRENT))
                .keyCondition(in.string("KeyConditionExpression").orElse(null))
                .filter(in.string("FilterExpression").orElse(null))
                .projection(in.string("ProjectionExpression").orElse(null)).parse();
        ReadRequests.Reading reading = reading(in, parsed, "QueryFilter", Wording.CURRENT);
        boolean forward = in.flag("ScanIndexForward").orElse(true);
        Condition keyCondition = parsed.keyCondition()
                .or(() -> in.node("KeyConditions").filter(n -> !n.isEmpty())
                        .map(n -> LegacyParameters.conditions(n, "AND")))
                .orElseThrow(() -> TablesException.validation("Either the KeyConditions or KeyConditionExpression "
                        + "parameter must be specified in the request."));
        return render(queries.query(new ReadRequests.Query(reading, keyCondition, forward)));
    }

    ObjectNode scan(Input in) {
        RequestParts.requireOneStyle(in, SCAN_EXPRESSIONS, SCAN_LEGACY, Wording.OLDER);
        RequestExpressions parsed = RequestExpressions.builder(RequestParts.attributes(in, Wording.OLDER))
                .filter(in.string("FilterExpression").orElse(null))
                .projection(in.string("ProjectionExpression").orElse(null)).parse();
        Optional<KeyRange.Segment> segment = segment(in);
        ReadRequests.Reading reading = reading(in, parsed, "ScanFilter", Wording.OLDER);
        return render(queries.scan(new ReadRequests.Scan(reading, segment)));
    }

    private static ReadRequests.Reading reading(Input in, RequestExpressions parsed, String legacyFilter,
            Wording wording) {
        Optional<Condition> filter = parsed.filter().or(() -> in.node(legacyFilter).filter(n -> !n.isEmpty())
                .map(n -> LegacyParameters.conditions(n, RequestParts.conditionalOperator(in).orElse("AND"))));
        Optional<Projection> projection = parsed.projection().or(() -> in.node("AttributesToGet")
                .map(names -> LegacyParameters.attributesToGet(Input.list(Optional.of(names), JsonNode::asText))));
        Optional<String> index = in.string("IndexName");
        Optional<Select> select = select(in, index.isPresent());
        return new ReadRequests.Reading(in.table(), index, filter, projection, select,
                in.node("Limit").map(JsonNode::asInt),
                in.node("ExclusiveStartKey").map(key -> AttributeValues.itemFromDocument(key, wording)),
                in.flag("ConsistentRead").orElse(false), RequestParts.reporting(in));
    }

    /** Select against the projection and the index, with DynamoDB's messages (as dynalite records them). */
    private static Optional<Select> select(Input in, boolean index) {
        Optional<Select> select = in.string("Select").map(Select::valueOf);
        Optional<String> projectionMember = in.node("ProjectionExpression").map(n -> "ProjectionExpression")
                .or(() -> in.node("AttributesToGet").map(n -> "AttributesToGet"));
        if (select.isEmpty()) {
            return select;
        }
        Select chosen = select.get();
        if (chosen != Select.SPECIFIC_ATTRIBUTES && projectionMember.isPresent()) {
            String what = chosen == Select.COUNT ? "only the Count" : chosen.name();
            throw TablesException.validation("Cannot specify the " + projectionMember.get() + " when choosing to get "
                    + what);
        }
        if (chosen == Select.SPECIFIC_ATTRIBUTES && projectionMember.isEmpty()) {
            throw TablesException.validation("Must specify the AttributesToGet or ProjectionExpression when choosing to "
                    + "get SPECIFIC_ATTRIBUTES");
        }
        if (chosen == Select.ALL_PROJECTED_ATTRIBUTES && !index) {
            throw TablesException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        return select;
    }

    /** Segment and TotalSegments of a parallel Scan, which come together, in DynamoDB's words. */
    private static Optional<KeyRange.Segment> segment(Input in) {
        Optional<Integer> segment = in.node("Segment").map(JsonNode::asInt);
        Optional<Integer> total = in.node("TotalSegments").map(JsonNode::asInt);
        if (segment.isPresent() && total.isEmpty()) {
            throw TablesException.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when Segment parameter is present");
        }
        if (total.isPresent() && segment.isEmpty()) {
            throw TablesException.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        if (segment.isEmpty()) {
            return Optional.empty();
        }
        if (segment.get() >= total.get()) {
            throw TablesException.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment.get() + " is not less than TotalSegments: " + total.get());
        }
        return Optional.of(new KeyRange.Segment(segment.get(), total.get()));
    }

    private static ObjectNode render(Page page) {
        ObjectNode out = Json.object();
        if (!page.countOnly()) {
            ArrayNode items = out.putArray("Items");
            page.items().forEach(item -> items.add(AttributeValues.itemToDocument(item)));
        }
        out.put("Count", page.count());
        out.put("ScannedCount", page.scannedCount());
        page.lastEvaluatedKey().ifPresent(key -> out.set("LastEvaluatedKey", AttributeValues.itemToDocument(key)));
        page.capacity().ifPresent(c -> out.set("ConsumedCapacity", RequestParts.capacity(c)));
        return out;
    }
}
