package io.portico.tables.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.portico.core.json.Json;
import io.portico.tables.engine.TableDefinition;

/**
 * A table's definition as the JSON text kept in {@code ddb_tables.definition}: the engine's record,
 * written and read by the one Jackson mapper (records, {@code Optional}s and instants are understood
 * by it). Renaming a component of {@link TableDefinition} or the records in it changes the stored form:
 * such a change needs a migration. Stateless.
 */
final class TableDocuments {
    private TableDocuments() {
    }

    static String write(TableDefinition definition) {
        return Json.writeString(definition);
    }

    static TableDefinition read(String text) {
        try {
            return Json.mapper().readValue(text, TableDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored table definition is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
