package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads of one table's items inside a repository transaction. Not thread safe: use it inside the work only. */
public interface ItemReader {

    Optional<Map<String, AttributeValue>> get(ItemKey key);

    /**
     * The rows {@code range} selects, in its order, at most its limit, handed one at a time to {@code more}
     * until it answers false: no row after that one is read from the store.
     */
    void range(KeyRange range, Predicate<StoredRow> more);

    /** The stored size (DynamoDB's item size) of all items of one partition, for item collection metrics. */
    long partitionSize(byte[] partition);
}
