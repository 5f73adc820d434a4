package io.portico.functions.store;

import io.portico.core.store.Migration;
import io.portico.core.store.Store;
import io.portico.core.work.WorkQueue;
import java.util.List;

/**
 * The tables of the Lambda module. Times are epoch milliseconds; settings and maps are JSON text.
 * Only this package reads or writes them. Asynchronous invocations are items of the platform's work
 * queue (since version 2; see {@link AsyncQueue}), so migrating to 2 needs the work queue's schema:
 * {@link #migrate} brings that up to date first.
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
                Migration.ofCode(2, AsyncQueue::carryOver));
    }
}
