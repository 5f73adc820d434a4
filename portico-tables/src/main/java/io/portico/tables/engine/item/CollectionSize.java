package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.Map;

/**
 * DynamoDB's item collection size estimate: a range in GB around the partition's size. AWS documents the
 * range as an estimate without its rule; Portico answers the whole gigabytes below and above the exact
 * size ({@code [0.0, 1.0]} for any collection under 1 GB). Stateless.
 */
final class CollectionSize {
    private static final double GB = 1024d * 1024 * 1024;

    private CollectionSize() {
    }

    static WriteResult.CollectionMetrics of(long bytes, Map<String, AttributeValue> key) {
        double lower = Math.floor(bytes / GB);
        return new WriteResult.CollectionMetrics(key, lower, lower + 1);
    }
}
