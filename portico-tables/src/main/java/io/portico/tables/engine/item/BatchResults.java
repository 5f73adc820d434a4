package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.List;
import java.util.Map;

/** What the batches answer, per table in the order the request listed them. */
public final class BatchResults {
    private BatchResults() {
    }

    /**
     * BatchGetItem: the items found per table, and per table how many of its keys (from the first) were
     * processed; the rest are UnprocessedKeys (only once the answer has reached 16 MB).
     */
    public record BatchGot(List<List<Map<String, AttributeValue>>> items, List<Integer> processed,
            List<ConsumedCapacity> capacity) {
    }

    /** BatchWriteItem: every write is processed; capacity and item collection metrics per table. */
    public record BatchWritten(List<ConsumedCapacity> capacity, List<List<WriteResult.CollectionMetrics>> metrics) {
    }
}
