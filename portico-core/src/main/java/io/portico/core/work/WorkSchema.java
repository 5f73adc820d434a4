package io.portico.core.work;

import io.portico.core.store.Migration;
import io.portico.core.store.Store;
import java.util.List;

/**
 * The work queue's tables, migrated as module {@value #MODULE}. Times are epoch milliseconds on the
 * injected clock. {@code BYTEA} is PostgreSQL's binary type; SQLite accepts the name and keeps the
 * bound bytes as a blob (its NUMERIC affinity converts text, never blobs). Only this package reads or
 * writes these tables.
 */
final class WorkSchema {
    static final String MODULE = "core.work";

    private WorkSchema() {
    }

    static void migrate(Store store) {
        store.migrate(MODULE, migrations());
    }

    static List<Migration> migrations() {
        return List.of(Migration.of(1,
                """
                CREATE TABLE work_items (
                  id TEXT PRIMARY KEY, queue TEXT NOT NULL, payload BYTEA NOT NULL,
                  attempts INTEGER NOT NULL, failures INTEGER NOT NULL,
                  enqueued_ms BIGINT NOT NULL, due_ms BIGINT NOT NULL,
                  owner TEXT, lease_until_ms BIGINT)""",
                "CREATE INDEX work_items_due ON work_items (queue, due_ms)",
                "CREATE INDEX work_items_owner ON work_items (owner)",
                """
                CREATE TABLE work_dead_letters (
                  id TEXT PRIMARY KEY, queue TEXT NOT NULL, payload BYTEA NOT NULL,
                  attempts INTEGER NOT NULL, failures INTEGER NOT NULL,
                  enqueued_ms BIGINT NOT NULL, dead_ms BIGINT NOT NULL, reason TEXT NOT NULL)""",
                "CREATE INDEX work_dead_letters_queue ON work_dead_letters (queue, dead_ms)"));
    }
}
