package io.portico.states.store;

import io.portico.core.store.Migration;
import java.util.List;

/**
 * The tables of the Step Functions module. Times are epoch milliseconds; JSON documents are text.
 * Only this package reads or writes them. Tags live in the kit's one tag table
 * ({@link io.portico.core.tags.TagTable}), which must be open before these migrations run: version 3
 * moves the tags of older data directories there.
 */
public final class StatesSchema {
    public static final String MODULE = "states";

    private StatesSchema() {
    }

    public static List<Migration> migrations() {
        return List.of(Migration.of(1,
                """
                CREATE TABLE sfn_state_machines (
                  arn TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                  type TEXT NOT NULL, definition TEXT NOT NULL, role_arn TEXT NOT NULL, created_ms BIGINT NOT NULL,
                  description TEXT, revision_id TEXT NOT NULL, logging TEXT, tracing TEXT,
                  last_version INTEGER NOT NULL DEFAULT 0)""",
                "CREATE INDEX sfn_state_machines_scope ON sfn_state_machines(account, region, name)",
                """
                CREATE TABLE sfn_versions (
                  arn TEXT PRIMARY KEY, machine_arn TEXT NOT NULL, version INTEGER NOT NULL,
                  definition TEXT NOT NULL, role_arn TEXT NOT NULL, description TEXT, revision_id TEXT NOT NULL,
                  created_ms BIGINT NOT NULL)""",
                "CREATE INDEX sfn_versions_machine ON sfn_versions(machine_arn, version)",
                """
                CREATE TABLE sfn_aliases (
                  arn TEXT PRIMARY KEY, machine_arn TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
                  routing TEXT NOT NULL, created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL)""",
                """
                CREATE TABLE sfn_executions (
                  arn TEXT PRIMARY KEY, machine_arn TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
                  input TEXT NOT NULL, output TEXT, error TEXT, cause TEXT,
                  start_ms BIGINT NOT NULL, stop_ms BIGINT, definition TEXT NOT NULL, role_arn TEXT NOT NULL,
                  version_arn TEXT, alias_arn TEXT, redrive_count INTEGER NOT NULL DEFAULT 0, redrive_ms BIGINT,
                  trace_header TEXT, map_run_arn TEXT)""",
                "CREATE INDEX sfn_executions_machine ON sfn_executions(machine_arn, start_ms)",
                "CREATE INDEX sfn_executions_status ON sfn_executions(status)",
                """
                CREATE TABLE sfn_history (
                  execution_arn TEXT NOT NULL, id BIGINT NOT NULL, previous_id BIGINT NOT NULL,
                  ts_ms BIGINT NOT NULL, type TEXT NOT NULL, details TEXT,
                  PRIMARY KEY (execution_arn, id))""",
                """
                CREATE TABLE sfn_checkpoints (
                  execution_arn TEXT NOT NULL, frame_key TEXT NOT NULL, state TEXT, input TEXT,
                  variables TEXT, timer_ms BIGINT, output TEXT,
                  PRIMARY KEY (execution_arn, frame_key))""",
                """
                CREATE TABLE sfn_activities (
                  arn TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                  created_ms BIGINT NOT NULL)""",
                """
                CREATE TABLE sfn_tags (
                  resource_arn TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
                  PRIMARY KEY (resource_arn, tag_key))"""),
                Migration.of(2,
                        """
                        CREATE TABLE sfn_map_runs (
                          arn TEXT PRIMARY KEY, execution_arn TEXT NOT NULL, machine_arn TEXT NOT NULL,
                          status TEXT NOT NULL, start_ms BIGINT NOT NULL, stop_ms BIGINT,
                          max_concurrency INTEGER NOT NULL, tolerated_count BIGINT,
                          tolerated_percentage DOUBLE PRECISION, item_counts TEXT NOT NULL,
                          execution_counts TEXT NOT NULL)""",
                        "CREATE INDEX sfn_map_runs_execution ON sfn_map_runs(execution_arn, start_ms)",
                        "CREATE INDEX sfn_executions_map_run ON sfn_executions(map_run_arn, start_ms)"),
                // Tags move to the kit's table shared by every service. WHERE true keeps SQLite from
                // reading ON CONFLICT as a join constraint of the SELECT.
                Migration.of(3,
                        "INSERT INTO core_tags (resource_arn, tag_key, tag_value) "
                                + "SELECT resource_arn, tag_key, tag_value FROM sfn_tags WHERE true "
                                + "ON CONFLICT (resource_arn, tag_key) DO NOTHING",
                        "DROP TABLE sfn_tags"),
                // Tasks waiting on a task token, one per frame at most, written with the checkpoint
                // that records the Task as waiting (see TokenStore).
                Migration.of(4,
                        """
                        CREATE TABLE sfn_task_tokens (
                          token TEXT PRIMARY KEY, execution_arn TEXT NOT NULL, frame_key TEXT NOT NULL,
                          activity_arn TEXT, activity_input TEXT, handed_out_ms BIGINT, worker TEXT,
                          entered_event_id BIGINT NOT NULL, entered_ms BIGINT NOT NULL, retry_attempts TEXT NOT NULL,
                          timeout_ms BIGINT, heartbeat_seconds BIGINT, beat_ms BIGINT NOT NULL, outcome TEXT)""",
                        "CREATE INDEX sfn_task_tokens_frame ON sfn_task_tokens(execution_arn, frame_key)"),
                // How far each frame got in its state, written with the events that say so, so that a
                // restart records none of them again (see the engine's Visit).
                Migration.of(5, "ALTER TABLE sfn_checkpoints ADD COLUMN progress TEXT"));
    }
}
