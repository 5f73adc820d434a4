package io.portico.tables.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.ExpressionAttributes;
import io.portico.tables.engine.expression.LegacyParameters;
import io.portico.tables.engine.expression.Projection;
import io.portico.tables.engine.expression.RequestExpressions;
import io.portico.tables.engine.expression.Update;
import io.portico.tables.engine.item.ItemRequests;
import io.portico.tables.engine.item.Items;
import io.portico.tables.engine.item.ReadResult;
import io.portico.tables.engine.item.ReturnValues;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.AttributeValues;
import io.portico.tables.engine.value.Wording;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PutItem, GetItem, UpdateItem and DeleteItem: the wire members read into the engine's requests (values
 * checked and expressions parsed in DynamoDB's order, before the table is looked at), and the answers
 * rendered. All four use DynamoDB's current value checker; the three writes put value and expression
 * errors in the {@code 1 validation error detected: } envelope, GetItem answers them bare. Refusals of the
 * request's shape (both expression and legacy members, ReturnValues the operation does not take) are
 * answered bare by all four: they are not value or expression errors.
 */
final class ItemOperations {
    private static final List<String> PUT_EXPRESSIONS = List.of("ConditionExpression");
    private static final List<String> PUT_LEGACY = List.of("Expected", "ConditionalOperator");
    private static final List<String> UPDATE_EXPRESSIONS = List.of("UpdateExpression", "ConditionExpression");
    private static final List<String> UPDATE_LEGACY = List.of("AttributeUpdates", "Expected", "ConditionalOperator");
    private static final List<String> GET_EXPRESSIONS = List.of("ProjectionExpression");
    private static final List<String> GET_LEGACY = List.of("AttributesToGet");

    private final Items items;

    ItemOperations(Items items) {
        this.items = items;
    }

    ObjectNode put(Input in) {
        // Not a value or expression error: answered bare.
        ReturnValues returnValues = ReturnValues.of(in.string("ReturnValues"), ReturnValues.PUT_OR_DELETE);
        RequestParts.requireOneStyle(in, PUT_EXPRESSIONS, PUT_LEGACY, Wording.CURRENT);
        ItemRequests.PutItem request = RequestParts.enveloped(() -> {
            Map<String, AttributeValue> item = RequestParts.item(in, "Item", Wording.CURRENT);
            RequestExpressions parsed = RequestExpressions.builder(RequestParts.attributes(in, Wording.CURRENT))
                    .condition(in.string("ConditionExpression").orElse(null)).parse();
            return new ItemRequests.PutItem(in.table(), item, condition(in, parsed),
                    returnValues,
                    RequestParts.oldOnConditionFailure(in), RequestParts.reporting(in));
        });
        ObjectNode out = Json.object();
        RequestParts.renderWrite(out, items.put(request));
        return out;
    }

    ObjectNode update(Input in) {
        // Not a value or expression error: answered bare.
        ReturnValues returnValues = ReturnValues.of(in.string("ReturnValues"), EnumSet.allOf(ReturnValues.class));
        RequestParts.requireOneStyle(in, UPDATE_EXPRESSIONS, UPDATE_LEGACY, Wording.CURRENT);
        ItemRequests.UpdateItem request = RequestParts.enveloped(() -> {
            Map<String, AttributeValue> key = RequestParts.item(in, "Key", Wording.CURRENT);
            RequestExpressions parsed = RequestExpressions.builder(RequestParts.attributes(in, Wording.CURRENT))
                    .update(in.string("UpdateExpression").orElse(null))
                    .condition(in.string("ConditionExpression").orElse(null)).parse();
            Optional<Update> update = parsed.update()
                    .or(() -> in.node("AttributeUpdates").map(LegacyParameters::attributeUpdates));
            return new ItemRequests.UpdateItem(in.table(), key, update, condition(in, parsed),
                    returnValues,
                    RequestParts.oldOnConditionFailure(in), RequestParts.reporting(in));
        });
        ObjectNode out = Json.object();
        RequestParts.renderWrite(out, items.update(request));
        return out;
    }

    ObjectNode delete(Input in) {
        // Not a value or expression error: answered bare.
        ReturnValues returnValues = ReturnValues.of(in.string("ReturnValues"), ReturnValues.PUT_OR_DELETE);
        RequestParts.requireOneStyle(in, PUT_EXPRESSIONS, PUT_LEGACY, Wording.CURRENT);
        ItemRequests.DeleteItem request = RequestParts.enveloped(() -> {
            Map<String, AttributeValue> key = RequestParts.item(in, "Key", Wording.CURRENT);
            RequestExpressions parsed = RequestExpressions.builder(RequestParts.attributes(in, Wording.CURRENT))
                    .condition(in.string("ConditionExpression").orElse(null)).parse();
            return new ItemRequests.DeleteItem(in.table(), key, condition(in, parsed),
                    returnValues,
                    RequestParts.oldOnConditionFailure(in), RequestParts.reporting(in));
        });
        ObjectNode out = Json.object();
        RequestParts.renderWrite(out, items.delete(request));
        return out;
    }

    ObjectNode get(Input in) {
        Map<String, AttributeValue> key = RequestParts.item(in, "Key", Wording.CURRENT);
        RequestParts.requireOneStyle(in, GET_EXPRESSIONS, GET_LEGACY, Wording.CURRENT);
        ExpressionAttributes attributes = RequestParts.attributes(in, Wording.CURRENT);
        RequestExpressions parsed = RequestExpressions.builder(attributes)
                .projection(in.string("ProjectionExpression").orElse(null)).parse();
        Optional<Projection> projection = parsed.projection().or(() -> in.node("AttributesToGet")
                .map(names -> LegacyParameters.attributesToGet(Input.list(Optional.of(names), n -> n.asText()))));
        boolean consistent = in.flag("ConsistentRead").orElse(false);
        ReadResult result = items.get(new ItemRequests.GetItem(in.table(), key, projection, consistent,
                RequestParts.reporting(in)));
        ObjectNode out = Json.object();
        result.item().ifPresent(item -> out.set("Item", AttributeValues.itemToDocument(item)));
        result.capacity().ifPresent(c -> out.set("ConsumedCapacity", RequestParts.capacity(c)));
        return out;
    }

    /** ConditionExpression, or the legacy Expected joined by ConditionalOperator. */
    private static Optional<Condition> condition(Input in, RequestExpressions parsed) {
        return parsed.condition().or(() -> in.node("Expected").filter(e -> !e.isEmpty())
                .map(expected -> LegacyParameters.expected(expected, RequestParts.conditionalOperator(in).orElse("AND"))));
    }
}
