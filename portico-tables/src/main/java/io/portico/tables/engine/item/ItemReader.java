package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of one table's items inside a repository transaction. Not thread safe: use it inside the work only. */
public interface ItemReader {

    Optional<Map<String, AttributeValue>> get(ItemKey key);

    /** The rows {@code range} selects, in its order, at most its limit. */
    List<StoredRow> range(KeyRange range);

    /** The stored size (DynamoDB's item size) of all items of one partition, for item collection metrics. */
    long partitionSize(byte[] partition);
}
