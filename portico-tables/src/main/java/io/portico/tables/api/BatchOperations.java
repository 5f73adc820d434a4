package io.portico.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.ExpressionAttributes;
import io.portico.tables.engine.expression.LegacyParameters;
import io.portico.tables.engine.expression.Projection;
import io.portico.tables.engine.expression.RequestExpressions;
import io.portico.tables.engine.item.BatchRequests;
import io.portico.tables.engine.item.BatchResults;
import io.portico.tables.engine.item.Batches;
import io.portico.tables.engine.item.Reporting;
import io.portico.tables.engine.item.WriteResult;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.AttributeValues;
import io.portico.tables.engine.value.Wording;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BatchGetItem (DynamoDB's current value checker) and BatchWriteItem (its older one): the request's tables
 * in order, each table's keys, projection and writes, and the answers with Responses, UnprocessedKeys (the
 * table's request with the keys not reached), UnprocessedItems (always empty), capacity and metrics.
 */
final class BatchOperations {
    private final Batches batches;

    BatchOperations(Batches batches) {
        this.batches = batches;
    }

    ObjectNode get(Input in) {
        Reporting reporting = RequestParts.reporting(in);
        List<String> names = new ArrayList<>();
        List<JsonNode> requests = new ArrayList<>();
        List<BatchRequests.TableKeys> tables = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.body().get("RequestItems").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            names.add(entry.getKey());
            requests.add(entry.getValue());
            tables.add(tableKeys(in, entry.getKey(), entry.getValue()));
        }
        BatchResults.BatchGot got = batches.get(new BatchRequests.BatchGet(tables, reporting));
        ObjectNode out = Json.object();
        ObjectNode responses = out.putObject("Responses");
        ObjectNode unprocessed = out.putObject("UnprocessedKeys");
        for (int i = 0; i < names.size(); i++) {
            ArrayNode items = responses.putArray(names.get(i));
            got.items().get(i).forEach(item -> items.add(AttributeValues.itemToDocument(item)));
            JsonNode keys = requests.get(i).get("Keys");
            int processed = got.processed().get(i);
            if (processed < keys.size()) {
                ObjectNode rest = requests.get(i).deepCopy();
                ArrayNode restKeys = rest.putArray("Keys");
                for (int k = processed; k < keys.size(); k++) {
                    restKeys.add(keys.get(k));
                }
                unprocessed.set(names.get(i), rest);
            }
        }
        RequestParts.capacities(out, got.capacity());
        return out;
    }

    private static BatchRequests.TableKeys tableKeys(Input in, String name, JsonNode request) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        request.path("Keys").forEach(key -> keys.add(AttributeValues.itemFromDocument(key, Wording.CURRENT)));
        Set<String> present = new LinkedHashSet<>();
        for (String member : List.of("ProjectionExpression", "AttributesToGet", "ExpressionAttributeNames")) {
            Input.present(request.get(member)).ifPresent(n -> present.add(member));
        }
        LegacyParameters.requireOneStyle(present, List.of("ProjectionExpression"), List.of("AttributesToGet"));
        ExpressionAttributes.Builder attributes = ExpressionAttributes.builder();
        Input.present(request.get("ExpressionAttributeNames")).ifPresent(n -> attributes.names(RequestParts.names(n)));
        RequestExpressions parsed = RequestExpressions.builder(attributes.build())
                .projection(Input.text(request, "ProjectionExpression").orElse(null)).parse();
        Optional<Projection> projection = parsed.projection().or(() -> Input.present(request.get("AttributesToGet"))
                .map(list -> LegacyParameters.attributesToGet(Input.list(Optional.of(list), JsonNode::asText))));
        boolean consistent = Input.present(request.get("ConsistentRead")).map(JsonNode::booleanValue).orElse(false);
        return new BatchRequests.TableKeys(RequestParts.table(in, name), keys, projection,
                consistent);
    }

    ObjectNode write(Input in) {
        Reporting reporting = RequestParts.reporting(in);
        List<String> names = new ArrayList<>();
        List<BatchRequests.TableWrites> tables = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.body().get("RequestItems").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            names.add(entry.getKey());
            List<BatchRequests.WriteRequest> writes = new ArrayList<>();
            entry.getValue().forEach(write -> writes.add(writeRequest(write)));
            tables.add(new BatchRequests.TableWrites(RequestParts.table(in, entry.getKey()), writes));
        }
        BatchResults.BatchWritten written = batches.write(new BatchRequests.BatchWrite(tables, reporting));
        ObjectNode out = Json.object();
        out.putObject("UnprocessedItems");
        RequestParts.capacities(out, written.capacity());
        if (reporting.itemCollectionMetrics()) {
            ObjectNode metrics = Json.object();
            for (int i = 0; i < names.size(); i++) {
                List<WriteResult.CollectionMetrics> table = written.metrics().get(i);
                if (!table.isEmpty()) {
                    ArrayNode list = metrics.putArray(names.get(i));
                    table.forEach(m -> list.add(RequestParts.collectionMetrics(m)));
                }
            }
            out.set("ItemCollectionMetrics", metrics);
        }
        return out;
    }

    /**
     * One WriteRequest: exactly one of PutRequest and DeleteRequest. Portico's own words for a request with
     * both or neither (DynamoDB's text is not recorded).
     */
    private static BatchRequests.WriteRequest writeRequest(JsonNode write) {
        Optional<JsonNode> put = Input.present(write.get("PutRequest"));
        Optional<JsonNode> delete = Input.present(write.get("DeleteRequest"));
        if (put.isPresent() == delete.isPresent()) {
            throw TablesException.validation("Supplied WriteRequest must contain exactly one of PutRequest or "
                    + "DeleteRequest");
        }
        return put.<BatchRequests.WriteRequest>map(p -> new BatchRequests.WriteRequest.Put(
                        AttributeValues.itemFromDocument(p.path("Item"), Wording.OLDER)))
                .orElseGet(() -> new BatchRequests.WriteRequest.Delete(
                        AttributeValues.itemFromDocument(delete.get().path("Key"), Wording.OLDER)));
    }

}
