package io.portico.tables.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.portico.core.json.Json;
import io.portico.tables.engine.TableDefinition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table's definition as the JSON text kept in {@code ddb_tables.definition}: the engine's record,
 * written and read by the one Jackson mapper (records, {@code Optional}s and instants are understood
 * by it). Renaming a component of {@link TableDefinition} or the records in it changes the stored form:
 * such a change needs a migration.
 *
 * <p>Every item request reads its table's definition, and parsing it was a sixth of a GetItem's CPU, so the
 * last definition parsed for each table id is kept and answered again while the stored text is the same.
 * The text decides, not an invalidation: a definition changed by another transaction, another process or
 * a rolled-back one is simply different text and is parsed. {@link TableDefinition} is an immutable record,
 * so sharing one between requests is safe. Thread-safe.
 */
final class TableDocuments {
    /** The last definition parsed per table id, with the text it came from. */
    private static final Map<String, Parsed> LAST_PARSED = new ConcurrentHashMap<>();

    private record Parsed(String text, TableDefinition definition) {
    }

    private TableDocuments() {
    }

    static String write(TableDefinition definition) {
        return Json.writeString(definition);
    }

    /** The definition stored as {@code text} for the table {@code id}. */
    static TableDefinition read(String id, String text) {
        Parsed last = LAST_PARSED.get(id);
        if (last != null && last.text().equals(text)) {
            return last.definition();
        }
        TableDefinition definition = parse(text);
        LAST_PARSED.put(id, new Parsed(text, definition));
        return definition;
    }

    /** Forgets a deleted table's definition (only memory: a table that is still there is parsed again). */
    static void forget(String id) {
        LAST_PARSED.remove(id);
    }

    private static TableDefinition parse(String text) {
        try {
            return Json.mapper().readValue(text, TableDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored table definition is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
