package io.portico.tables.store;

import io.portico.core.json.Json;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.AttributeValues;
import java.util.Map;

/**
 * An item as the bytes kept in {@code ddb_items.item} and {@code ddb_index_entries.projected}: the value
 * piece's document form as JSON ({@code {"id":{"S":"a"},"n":{"N":"1.5"}}}), numbers as their canonical text
 * and binaries as base64, both of which read back exactly. Attribute order is kept. Stateless.
 */
final class ItemDocuments {
    private ItemDocuments() {
    }

    static byte[] write(Map<String, AttributeValue> item) {
        return Json.write(AttributeValues.itemToDocument(item));
    }

    static Map<String, AttributeValue> read(byte[] bytes) {
        return AttributeValues.itemFromDocument(Json.readOne(bytes));
    }
}
