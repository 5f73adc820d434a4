package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the transactions answer. Immutable. */
public final class TransactResults {
    private TransactResults() {
    }

    /**
     * TransactWriteItems: capacity per table in the order tables first appear, and item collection metrics
     * per table name (tables with local indexes, when asked).
     */
    public record TransactWritten(List<ConsumedCapacity> capacity,
            Map<String, List<WriteResult.CollectionMetrics>> metrics) {
    }

    /** TransactGetItems: per Get in order, the item (projected) or nothing; capacity per table. */
    public record TransactGot(List<Optional<Map<String, AttributeValue>>> items, List<ConsumedCapacity> capacity) {
    }
}
