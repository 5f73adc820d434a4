package io.portico.tables.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The item storage ({@link TablesSchema#ITEM_TABLES}, version 2) applies on SQLite, and
 * its BYTEA keys read back in byte order from the primary key: what Query relies on.
 */
class TablesSchemaTest {
    @TempDir
    Path dir;

    @Test
    void itemTables_applyAsVersion2_andReadKeysInByteOrder() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.migrate(TablesSchema.MODULE, TablesSchema.migrations());
            byte[][] keys = {{0x02}, {0x01, (byte) 0xff}, {0x01}, {(byte) 0x80}, {}};
            store.write(tx -> {
                for (byte[] sk : keys) {
                    tx.update("INSERT INTO ddb_items (table_id, pk, sk, pk_hash, item, size_bytes) VALUES (?,?,?,?,?,?)",
                            "t1", new byte[] {0x10}, sk, 0, new byte[] {0}, 1);
                }
                return null;
            });

            List<byte[]> read = store.read(tx -> tx.query("SELECT sk FROM ddb_items WHERE table_id=? AND pk=? ORDER BY sk",
                    r -> r.bytes("sk"), "t1", new byte[] {0x10}));

            assertThat(read).containsExactly(new byte[] {}, new byte[] {0x01}, new byte[] {0x01, (byte) 0xff},
                    new byte[] {0x02}, new byte[] {(byte) 0x80});
        }
    }
}
