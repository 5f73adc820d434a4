package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.Map;
import java.util.Optional;

/**
 * What a PutItem, UpdateItem or DeleteItem answers: the attributes its ReturnValues asked for, and what
 * its Reporting asked for. Immutable.
 */
public record WriteResult(Optional<Map<String, AttributeValue>> attributes, Optional<ConsumedCapacity> capacity,
        Optional<CollectionMetrics> metrics) {

    /** An item collection's key (the partition key value) and DynamoDB's size estimate range in GB. */
    public record CollectionMetrics(Map<String, AttributeValue> key, double lowerGb, double upperGb) {
    }
}
