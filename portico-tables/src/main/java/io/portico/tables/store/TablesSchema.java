package io.portico.tables.store;

import io.portico.core.store.Migration;
import java.util.List;

/**
 * The tables of the DynamoDB module (schema module {@value #MODULE}). Only this package reads or writes
 * them. Times are epoch milliseconds. Tags live in the kit's tag table.
 *
 * <p>{@code ddb_tables} holds one row per table: its identity, the definition as one JSON document
 * ({@link TableDocuments}), and the item count and size, which item writes keep (by delta) in the transaction
 * that changes the items. The unique key {@code (account, region, name)} decides CreateTable races.
 *
 * <p>Version 2 adds {@link #ITEM_TABLES}: items, index entries, streams and stream records (see
 * docs/tables.md, "Storage").
 */
public final class TablesSchema {
    public static final String MODULE = "dynamodb";

    private TablesSchema() {
    }

    public static List<Migration> migrations() {
        return List.of(Migration.of(1, """
                CREATE TABLE ddb_tables (
                  id TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                  created_ms BIGINT NOT NULL, definition TEXT NOT NULL,
                  item_count BIGINT NOT NULL DEFAULT 0, size_bytes BIGINT NOT NULL DEFAULT 0,
                  UNIQUE (account, region, name))"""),
                Migration.of(2, ITEM_TABLES.toArray(String[]::new)),
                // Version 3: the service principal of a record DynamoDB made itself (a TTL deletion).
                Migration.of(3, "ALTER TABLE ddb_stream_records ADD COLUMN principal TEXT"),
                // Version 4: shards, each a range of its stream's sequence numbers (see StreamLog); every stream
                // made before gets its one shard, under the id it had.
                new Migration(4, List.of(SHARDS), StreamLog::firstShards));
    }

    /**
     * A stream's shards: the range of the stream's sequence numbers each holds ({@code last_sequence} once it
     * is closed, at {@code closed_ms}), and its parent.
     */
    static final String SHARDS = """
            CREATE TABLE ddb_stream_shards (
              stream_arn TEXT NOT NULL, shard_id TEXT NOT NULL, parent_shard_id TEXT, created_ms BIGINT NOT NULL,
              first_sequence BIGINT NOT NULL, last_sequence BIGINT, closed_ms BIGINT,
              PRIMARY KEY (stream_arn, shard_id))""";

    /**
     * Items, index entries and stream records. Keys are BYTEA (SQLite keeps them as BLOBs), encoded so that
     * byte order is DynamoDB's key order (S as UTF-8, N in numeric order, B as is): a range of a primary
     * key index is then a Query in order. A table with a simple key stores an empty sort key. {@code pk_hash}
     * is {@link io.portico.tables.engine.item.ItemKey#partitionHash()}, which splits a parallel Scan into
     * segments.
     */
    public static final List<String> ITEM_TABLES = List.of(
            """
            CREATE TABLE ddb_items (
              table_id TEXT NOT NULL, pk BYTEA NOT NULL, sk BYTEA NOT NULL, pk_hash INTEGER NOT NULL,
              item BYTEA NOT NULL, size_bytes INTEGER NOT NULL, expires_s BIGINT,
              PRIMARY KEY (table_id, pk, sk))""",
            "CREATE INDEX ddb_items_expiry ON ddb_items (expires_s) WHERE expires_s IS NOT NULL",
            """
            CREATE TABLE ddb_index_entries (
              table_id TEXT NOT NULL, index_name TEXT NOT NULL, pk BYTEA NOT NULL, sk BYTEA NOT NULL,
              pk_hash INTEGER NOT NULL, item_pk BYTEA NOT NULL, item_sk BYTEA NOT NULL, projected BYTEA NOT NULL,
              PRIMARY KEY (table_id, index_name, pk, sk, item_pk, item_sk))""",
            """
            CREATE TABLE ddb_streams (
              arn TEXT PRIMARY KEY, table_id TEXT NOT NULL, view_type TEXT NOT NULL,
              created_ms BIGINT NOT NULL, disabled_ms BIGINT, next_sequence BIGINT NOT NULL)""",
            """
            CREATE TABLE ddb_stream_records (
              stream_arn TEXT NOT NULL, sequence BIGINT NOT NULL, event_id TEXT NOT NULL,
              event_name TEXT NOT NULL, created_ms BIGINT NOT NULL, key_values BYTEA NOT NULL,
              new_image BYTEA, old_image BYTEA, size_bytes INTEGER NOT NULL,
              PRIMARY KEY (stream_arn, sequence))""",
            "CREATE INDEX ddb_stream_records_age ON ddb_stream_records (created_ms)");
}
