package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.Map;
import java.util.Optional;

/**
 * Writes of one table's items inside a repository transaction. Not thread safe: use it inside the work only.
 */
public interface ItemWriter extends ItemReader {

    /**
     * Replaces the item at {@code key}: {@code before} is what the caller read at the key in this transaction,
     * {@code after} what is to be there (empty deletes it). The store keeps the table's item count and size,
     * the index entries ({@link IndexEntries}) and, when the stream is on, the stream record in step, in this
     * transaction.
     */
    void replace(ItemKey key, Optional<Map<String, AttributeValue>> before, Optional<Map<String, AttributeValue>> after);
}
