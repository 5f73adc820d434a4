package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.Map;
import java.util.Optional;

/** What a GetItem answers: the item projected as asked (absent when there is none), and capacity. Immutable. */
public record ReadResult(Optional<Map<String, AttributeValue>> item, Optional<ConsumedCapacity> capacity) {
}
