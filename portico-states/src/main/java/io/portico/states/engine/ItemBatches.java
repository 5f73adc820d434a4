package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ItemBatcher: groups the (already ItemSelector-shaped) items of a distributed Map into child inputs
 * {@code {"Items": [...], "BatchInput": ...}}, at most MaxItemsPerBatch items and MaxInputBytesPerBatch
 * bytes each (literals, {@code ...Path} fields or JSONata). Without either limit a batch is bounded by
 * AWS's 256 KiB payload limit. Difference from AWS: an item larger than the byte limit on its own gets
 * a batch of its own instead of failing the Map.
 */
final class ItemBatches {
    static final int MAX_BYTES = 262_144;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One child input and how many items it carries. */
    record Batch(JsonNode input, int size) {
    }

    private ItemBatches() {
    }

    static List<Batch> of(State.Map map, StateVisit visit, JsonNode effective, List<JsonNode> items) {
        if (map.itemBatcher().isEmpty()) {
            List<Batch> single = new ArrayList<>(items.size());
            items.forEach(item -> single.add(new Batch(item, 1)));
            return single;
        }
        JsonNode batcher = map.itemBatcher().get();
        int maxItems = limit(visit, effective, batcher, "MaxItemsPerBatch").orElse(Integer.MAX_VALUE);
        int maxBytes = limit(visit, effective, batcher, "MaxInputBytesPerBatch").map(b -> Math.min(b, MAX_BYTES))
                .orElse(MAX_BYTES);
        Optional<JsonNode> batchInput = batchInput(visit, effective, batcher);
        List<Batch> batches = new ArrayList<>();
        ArrayNode current = NODES.arrayNode();
        int bytes = 0;
        for (JsonNode item : items) {
            int size = item.toString().getBytes(StandardCharsets.UTF_8).length;
            if (!current.isEmpty() && (current.size() >= maxItems || bytes + size > maxBytes)) {
                batches.add(batch(current, batchInput));
                current = NODES.arrayNode();
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(batch(current, batchInput));
        }
        return batches;
    }

    private static Batch batch(ArrayNode items, Optional<JsonNode> batchInput) {
        ObjectNode input = NODES.objectNode();
        input.set("Items", items);
        batchInput.ifPresent(b -> input.set("BatchInput", b));
        return new Batch(input, items.size());
    }

    private static Optional<JsonNode> batchInput(StateVisit visit, JsonNode effective, JsonNode batcher) {
        JsonNode template = batcher.get("BatchInput");
        if (template == null) {
            return Optional.empty();
        }
        if (visit.state().queryLanguage() == QueryLanguage.JSONATA) {
            return Optional.of(StateIo.jsonata(visit, template, "BatchInput", Optional.empty(), Optional.empty()));
        }
        return Optional.of(StateIo.guard(visit, () -> DataLanguage.template(template,
                StateIo.jsonPathContext(visit, effective))));
    }

    private static Optional<Integer> limit(StateVisit visit, JsonNode effective, JsonNode batcher, String field) {
        JsonNode value = batcher.get(field);
        if (value != null && value.isTextual() && visit.state().queryLanguage() == QueryLanguage.JSONATA) {
            value = StateIo.jsonata(visit, value, field, Optional.empty(), Optional.empty());
        }
        JsonNode path = batcher.get(field + "Path");
        if (value == null && path != null && path.isTextual()) {
            value = StateIo.pathValue(visit, effective, path.textValue(), field + "Path");
        }
        if (value == null) {
            return Optional.empty();
        }
        if (!value.canConvertToExactIntegral() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
            throw visit.qualify(StatesError.runtime("The " + field + " field must be a positive integer: " + value));
        }
        return Optional.of(value.asInt());
    }
}
