package io.portico.tables.engine.item;

import io.portico.tables.engine.ProjectionType;
import io.portico.tables.engine.SecondaryIndex;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.KeySchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries an item has in its table's secondary indexes. An item has an entry in an index only when it
 * has the index's key attributes (indexes are sparse); the entry is keyed by the index key (for a local
 * index: the table's partition key and the index's sort key) and holds the projected attributes: the
 * table and index keys for KEYS_ONLY, those and the listed attributes for INCLUDE, the whole item for ALL.
 * Stateless.
 */
public final class IndexEntries {

    /** One entry: the index, its key in {@link ItemKey}'s bytes, and the projected attributes. */
    public record Entry(String index, ItemKey key, Map<String, AttributeValue> projected) {
    }

    private IndexEntries() {
    }

    public static List<Entry> of(Table table, Map<String, AttributeValue> item) {
        List<Entry> entries = new ArrayList<>();
        KeySchema tableKeys = TypedKeys.of(table.definition());
        for (SecondaryIndex index : table.definition().indexes()) {
            KeySchema keys = TypedKeys.of(table.definition(), index);
            if (keys.names().stream().allMatch(item::containsKey)) {
                entries.add(new Entry(index.name(), ItemKey.of(item, keys), project(item, index, keys, tableKeys)));
            }
        }
        return entries;
    }

    /**
     * Refuses an item whose index key attributes have another type than the index's, or are empty, in
     * DynamoDB's words (PutItem and UpdateItem answer them before writing anything).
     */
    public static void check(Table table, Map<String, AttributeValue> item) {
        for (SecondaryIndex index : table.definition().indexes()) {
            for (KeySchema.Attribute attribute : TypedKeys.of(table.definition(), index).attributes()) {
                AttributeValue value = item.get(attribute.name());
                if (value == null) {
                    continue;
                }
                if (!value.type().equals(attribute.type())) {
                    throw TablesException.invalidParameter("Type mismatch for Index Key " + attribute.name()
                            + " Expected: " + attribute.type() + " Actual: " + value.type() + " IndexName: "
                            + index.name());
                }
                if (empty(value)) {
                    throw TablesException.validation("One or more parameter values are not valid. A value specified "
                            + "for a secondary index key is not supported. The AttributeValue for a key attribute "
                            + "cannot contain an empty " + (value instanceof AttributeValue.S ? "string" : "binary")
                            + " value. IndexName: " + index.name() + ", IndexKey: " + attribute.name());
                }
            }
        }
    }

    private static boolean empty(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> s.value().isEmpty();
            case AttributeValue.B b -> b.value().length() == 0;
            default -> false;
        };
    }

    private static Map<String, AttributeValue> project(Map<String, AttributeValue> item, SecondaryIndex index,
            KeySchema keys, KeySchema tableKeys) {
        if (index.projection().type() == ProjectionType.ALL) {
            return item;
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        for (String name : tableKeys.names()) {
            projected.put(name, item.get(name));
        }
        for (String name : keys.names()) {
            projected.put(name, item.get(name));
        }
        if (index.projection().type() == ProjectionType.INCLUDE) {
            for (String name : index.projection().nonKeyAttributes()) {
                AttributeValue value = item.get(name);
                if (value != null) {
                    projected.put(name, value);
                }
            }
        }
        return projected;
    }
}
