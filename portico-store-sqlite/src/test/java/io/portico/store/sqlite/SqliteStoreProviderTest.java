package io.portico.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.core.store.Migration;
import io.portico.core.store.Store;
import io.portico.core.store.StoreProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreProviderTest {

    @TempDir
    Path dir;

    @Test
    void installed_findsTheSqliteScheme() {
        assertThat(StoreProviders.installed().schemes()).contains("sqlite");
    }

    @Test
    void open_sqliteUrl_opensThatFileCreatingItsDirectories() {
        Path file = dir.resolve("nested").resolve("custom.db");

        try (Store store = StoreProviders.installed().open("sqlite:" + file)) {
            store.migrate("test", List.of(Migration.of(1, "CREATE TABLE t (id INTEGER PRIMARY KEY)")));
            store.write(tx -> tx.update("INSERT INTO t (id) VALUES (1)"));

            assertThat(store.describe()).isEqualTo("sqlite:" + file.toAbsolutePath());
        }
        assertThat(file).isRegularFile();
        try (Store reopened = StoreProviders.installed().open("sqlite:" + file)) {
            List<Long> ids = reopened.read(tx -> tx.query("SELECT id FROM t", r -> r.longValue("id")));
            assertThat(ids).containsExactly(1L);
        }
    }

    @Test
    void open_dataDirDefault_isTheSameFileAsOpenOfTheDirectory() {
        try (Store store = StoreProviders.installed().open("sqlite:" + dir.resolve(SqliteStore.FILE_NAME))) {
            assertThat(store.describe()).isEqualTo("sqlite:" + dir.resolve("portico.db").toAbsolutePath());
        }
        assertThat(Files.exists(dir.resolve("portico.db"))).isTrue();
    }
}
