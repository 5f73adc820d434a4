package io.portico.functions.store;

import io.portico.core.store.Migration;
import io.portico.core.store.Store;
import io.portico.core.work.WorkQueue;
import java.util.List;

/**
 * The tables of the Lambda module. Times are epoch milliseconds; settings and maps are JSON text.
 * Only this package reads or writes them. Tags live in the kit's one tag table
 * ({@link io.portico.core.tags.TagTable}), which must be open before these migrations run: version 2
 * moves the tags of older data directories there. Asynchronous invocations are items of the
 * platform's work queue (since version 3; see {@link AsyncQueue}), so migrating needs the work queue's
 * schema: {@link #migrate} brings that up to date first.
 */
public final class FunctionsSchema {
    public static final String MODULE = "functions";

    private FunctionsSchema() {
    }

    /** Brings the module's schema (and the work queue's, which it writes into) up to date. */
    public static void migrate(Store store) {
        WorkQueue.migrate(store);
        store.migrate(MODULE, migrations());
    }

    public static List<Migration> migrations() {
        return List.of(Migration.of(1,
                """
                CREATE TABLE lambda_functions (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                  last_version INTEGER NOT NULL DEFAULT 0, reserved_concurrency INTEGER,
                  PRIMARY KEY (account, region, name))""",
                """
                CREATE TABLE lambda_versions (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
                  settings TEXT NOT NULL, code_sha256 TEXT NOT NULL, code_size BIGINT NOT NULL,
                  last_modified_ms BIGINT NOT NULL, revision_id TEXT NOT NULL, state TEXT NOT NULL,
                  PRIMARY KEY (account, region, name, version))""",
                """
                CREATE TABLE lambda_aliases (
                  account TEXT NOT NULL, region TEXT NOT NULL, function_name TEXT NOT NULL, name TEXT NOT NULL,
                  function_version TEXT NOT NULL, description TEXT NOT NULL, weights TEXT NOT NULL,
                  revision_id TEXT NOT NULL,
                  PRIMARY KEY (account, region, function_name, name))""",
                """
                CREATE TABLE lambda_tags (
                  resource_arn TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
                  PRIMARY KEY (resource_arn, tag_key))""",
                """
                CREATE TABLE lambda_invoke_configs (
                  function_arn TEXT PRIMARY KEY, config TEXT NOT NULL, last_modified_ms BIGINT NOT NULL)""",
                """
                CREATE TABLE lambda_async_queue (
                  id TEXT PRIMARY KEY, function_arn TEXT NOT NULL, qualifier TEXT, payload BLOB NOT NULL,
                  attempts INTEGER NOT NULL, due_ms BIGINT NOT NULL, enqueued_ms BIGINT NOT NULL,
                  claimed INTEGER NOT NULL DEFAULT 0)""",
                "CREATE INDEX lambda_async_queue_due ON lambda_async_queue(due_ms)"),
                // Tags move to the kit's table shared by every service. WHERE true keeps SQLite from
                // reading ON CONFLICT as a join constraint of the SELECT.
                Migration.of(2,
                        "INSERT INTO core_tags (resource_arn, tag_key, tag_value) "
                                + "SELECT resource_arn, tag_key, tag_value FROM lambda_tags WHERE true "
                                + "ON CONFLICT (resource_arn, tag_key) DO NOTHING",
                        "DROP TABLE lambda_tags"),
                Migration.ofCode(3, AsyncQueue::carryOver),
                // Event source mappings (settings as JSON) and where each stands in each shard of its stream.
                Migration.of(4,
                        """
                        CREATE TABLE lambda_esm (
                          uuid TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
                          event_source_arn TEXT NOT NULL, function_arn TEXT NOT NULL, starting_position TEXT NOT NULL,
                          settings TEXT NOT NULL, enabled INTEGER NOT NULL, last_result TEXT NOT NULL,
                          last_modified_ms BIGINT NOT NULL, poller_token TEXT NOT NULL, created_ms BIGINT NOT NULL,
                          UNIQUE (event_source_arn, function_arn))""",
                        "CREATE INDEX lambda_esm_scope ON lambda_esm(account, region)",
                        """
                        CREATE TABLE lambda_esm_cursors (
                          uuid TEXT NOT NULL, shard_id TEXT NOT NULL, position TEXT, attempts INTEGER NOT NULL,
                          batch_limit INTEGER NOT NULL, bisect_until TEXT, finished INTEGER NOT NULL,
                          PRIMARY KEY (uuid, shard_id))"""),
                // A stream mapping's tumbling window open on a shard: its start and the function's last state.
                Migration.of(5, "ALTER TABLE lambda_esm_cursors ADD COLUMN window_start_ms BIGINT",
                        "ALTER TABLE lambda_esm_cursors ADD COLUMN window_state TEXT"),
                // The open window's end: it keeps its own bounds when TumblingWindowInSeconds changes (windows
                // opened under version 5 end after their mapping's current setting); and a failed batch's
                // back-off, so that other shards or lanes moving on do not hurry its retry.
                new Migration(6, List.of("ALTER TABLE lambda_esm_cursors ADD COLUMN window_end_ms BIGINT",
                        "ALTER TABLE lambda_esm_cursors ADD COLUMN retry_at_ms BIGINT"), MappingStore::windowEnds));
    }
}
