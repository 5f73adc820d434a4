package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a Query or Scan: the items that passed the filter (none listed for Select=COUNT), how many
 * passed ({@code count}) and how many were read ({@code scannedCount}), where to continue, and capacity.
 */
public record Page(List<Map<String, AttributeValue>> items, boolean countOnly, int count, int scannedCount,
        Optional<Map<String, AttributeValue>> lastEvaluatedKey, Optional<ConsumedCapacity> capacity) {
}
