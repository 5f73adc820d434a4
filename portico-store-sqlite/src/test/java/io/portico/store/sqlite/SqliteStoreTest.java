package io.portico.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.store.Migration;
import io.portico.core.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

    @TempDir
    Path dir;
    SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        store.migrate("test", List.of(Migration.of(1,
                "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, data BLOB, flag INTEGER, score REAL)")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void write_thenRead_seesEveryTypeRoundTrip() {
        store.write(tx -> tx.update("INSERT INTO items VALUES (?, ?, ?, ?, ?)", 1L, "a", new byte[] {1, 2}, true, 1.5));
        store.write(tx -> tx.update("INSERT INTO items VALUES (?, ?, ?, ?, ?)", 2, null, null, false, null));

        List<String> rows = store.read(tx -> tx.query("SELECT * FROM items ORDER BY id", row -> row.longValue("id")
                + "|" + row.string("name") + "|" + (row.bytes("data") == null ? "null" : row.bytes("data").length)
                + "|" + row.bool("flag") + "|" + row.doubleValue("score") + "|" + row.nullableLong("score")));

        assertThat(rows).containsExactly("1|a|2|true|1.5|1", "2|null|null|false|0.0|null");
    }

    @Test
    void read_seesOneSnapshot_acrossItsStatements_whileAnotherThreadCommits() {
        store.write(tx -> tx.update("INSERT INTO items (id, name) VALUES (1, 'before')"));

        List<Long> seen = store.read(tx -> {
            long first = tx.queryOne("SELECT COUNT(*) AS n FROM items", row -> row.longValue("n")).orElseThrow();
            CompletableFuture.runAsync(() -> store.write(w -> w.update("INSERT INTO items (id, name) VALUES (2, 'x')")))
                    .join();
            long second = tx.queryOne("SELECT COUNT(*) AS n FROM items", row -> row.longValue("n")).orElseThrow();
            return List.of(first, second);
        });

        assertThat(seen).containsExactly(1L, 1L);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void read_thatThrowsWithItsResultSetOpen_leavesEveryReaderUsable() {
        store.write(tx -> tx.update("INSERT INTO items (id, name) VALUES (1, 'a'), (2, 'b')"));

        for (int i = 0; i < 10; i++) { // more failures than there are readers, so each one has failed
            assertThatThrownBy(() -> store.read(tx -> tx.query("SELECT id FROM items ORDER BY id", row -> {
                throw new IllegalStateException("mapper failed");
            }))).hasMessage("mapper failed");
        }
        store.write(tx -> tx.update("INSERT INTO items (id, name) VALUES (3, 'c')"));

        for (int i = 0; i < 10; i++) { // a reader left inside its old snapshot would still count 2
            assertThat(count()).isEqualTo(3);
        }
    }

    @Test
    void write_returnsTheWorkResult() {
        int changed = store.write(tx -> tx.update("INSERT INTO items (id, name) VALUES (1, 'x')"));

        assertThat(changed).isEqualTo(1);
    }

    @Test
    void write_throwingUnit_isRolledBackAndRethrown() {
        assertThatThrownBy(() -> store.write(tx -> {
            tx.update("INSERT INTO items (id, name) VALUES (1, 'x')");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(count()).isZero();
    }

    @Test
    void write_failingUnitInAGroup_doesNotAffectTheOthers() throws Exception {
        // Block the writer thread so that all following units land in one group.
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> blocker = executor.submit(() -> store.write(tx -> {
                writerBusy.countDown();
                awaitQuietly(release);
                return tx.update("INSERT INTO items (id, name) VALUES (0, 'blocker')");
            }));
            writerBusy.await();
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                int id = i;
                results.add(executor.submit(() -> store.write(tx -> {
                    tx.update("INSERT INTO items (id, name) VALUES (?, 'x')", id);
                    if (id % 5 == 0) {
                        throw new IllegalArgumentException("unit " + id);
                    }
                    return id;
                })));
            }
            org.awaitility.Awaitility.await().until(() -> queued() == 20);
            release.countDown();
            blocker.get();
            int failures = 0;
            for (Future<Integer> result : results) {
                try {
                    result.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
                    failures++;
                }
            }
            assertThat(failures).isEqualTo(4);
        }
        List<Long> ids = store.read(tx -> tx.query("SELECT id FROM items ORDER BY id", row -> row.longValue("id")));
        assertThat(ids).hasSize(17).doesNotContain(5L, 10L, 15L, 20L).contains(0L, 1L, 19L);
    }

    @Test
    void write_nestedWrite_runsInlineWithoutDeadlock() {
        int total = store.write(tx -> {
            tx.update("INSERT INTO items (id, name) VALUES (1, 'outer')");
            int inner = store.write(inner2 -> inner2.update("INSERT INTO items (id, name) VALUES (2, 'inner')"));
            long seen = store.read(r -> r.queryOne("SELECT COUNT(*) AS n FROM items", row -> row.longValue("n")))
                    .orElseThrow();
            return inner + (int) seen;
        });

        assertThat(total).isEqualTo(3);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void write_nestedWriteThrowing_rollsBackOnlyTheInnerWork() {
        store.write(tx -> {
            tx.update("INSERT INTO items (id, name) VALUES (1, 'outer')");
            try {
                store.write(inner -> {
                    inner.update("INSERT INTO items (id, name) VALUES (2, 'inner')");
                    throw new IllegalStateException("inner");
                });
            } catch (IllegalStateException expected) {
                // the outer unit carries on
            }
            return null;
        });

        assertThat(count()).isEqualTo(1);
    }

    @Test
    void write_badSql_throwsStoreException() {
        assertThatThrownBy(() -> store.write(tx -> tx.update("INSERT INTO nowhere VALUES (1)")))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void write_manyVirtualThreads_allCommit() throws Exception {
        int writers = 200;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int id = i;
                futures.add(executor.submit(() -> store.write(
                        tx -> tx.update("INSERT INTO items (id, name) VALUES (?, 'v')", id))));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }

        assertThat(count()).isEqualTo(writers);
    }

    @Test
    void migrate_twice_appliesEachVersionOnce() {
        List<Migration> migrations = List.of(
                Migration.of(1, "CREATE TABLE m (id INTEGER PRIMARY KEY)"),
                Migration.of(2, "ALTER TABLE m ADD COLUMN name TEXT"));
        store.migrate("other", migrations);
        store.migrate("other", migrations);

        List<Long> versions = store.read(tx -> tx.query(
                "SELECT version FROM schema_migrations WHERE module = 'other' ORDER BY version",
                row -> row.longValue("version")));
        assertThat(versions).containsExactly(1L, 2L);
    }

    @Test
    void migrate_withCode_runsItAfterTheStatementsInTheSameTransaction_once() {
        List<Migration> migrations = List.of(
                Migration.of(1, "CREATE TABLE old (id INTEGER PRIMARY KEY)", "INSERT INTO old VALUES (7)"),
                Migration.ofCode(2, tx -> {
                    tx.update("CREATE TABLE moved (id INTEGER PRIMARY KEY)");
                    tx.update("INSERT INTO moved SELECT id FROM old");
                    tx.update("DROP TABLE old");
                }));
        store.migrate("carry", migrations);
        store.migrate("carry", migrations);

        List<Long> moved = store.read(tx -> tx.query("SELECT id FROM moved", row -> row.longValue("id")));
        assertThat(moved).containsExactly(7L);
    }

    @Test
    void afterCommit_runsOnceTheUnitCommitted_beforeWriteReturns() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.write(tx -> {
            tx.update("INSERT INTO items (id, name) VALUES (1, 'x')");
            tx.afterCommit(() -> events.add("committed, count " + count()));
            events.add("unit done");
            return null;
        });

        assertThat(events).containsExactly("unit done", "committed, count 1");
    }

    @Test
    void afterCommit_ofAUnitThatThrows_neverRuns() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> store.write(tx -> {
            tx.afterCommit(() -> events.add("rolled back"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        store.write(tx -> {
            tx.afterCommit(() -> events.add("kept"));
            return null;
        });

        assertThat(events).containsExactly("kept");
    }

    @Test
    void afterCommit_ofANestedWriteThatThrows_neverRuns_butTheOuterUnitsDoes() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.write(tx -> {
            tx.afterCommit(() -> events.add("outer"));
            try {
                store.write(inner -> {
                    inner.afterCommit(() -> events.add("inner"));
                    throw new IllegalStateException("inner");
                });
            } catch (IllegalStateException expected) {
                // the outer unit carries on
            }
            return null;
        });

        assertThat(events).containsExactly("outer");
    }

    @Test
    void afterCommit_actionThatThrows_doesNotStopTheOthersOrFailTheWrite() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.write(tx -> {
            tx.afterCommit(() -> {
                throw new IllegalStateException("listener bug");
            });
            tx.afterCommit(() -> events.add("second"));
            return tx.update("INSERT INTO items (id, name) VALUES (1, 'x')");
        });

        assertThat(events).containsExactly("second");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void afterCommit_inARead_isRefused() {
        assertThatThrownBy(() -> store.read(tx -> {
            tx.afterCommit(() -> { });
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void open_again_keepsData() {
        store.write(tx -> tx.update("INSERT INTO items (id, name) VALUES (1, 'kept')"));
        store.close();
        store = SqliteStore.open(dir);

        assertThat(count()).isEqualTo(1);
        assertThat(store.describe()).startsWith("sqlite:").endsWith(SqliteStore.FILE_NAME);
    }

    @Test
    void write_afterClose_throws() {
        store.close();

        assertThatThrownBy(() -> store.write(tx -> null)).isInstanceOf(StoreException.class);
    }

    private long count() {
        return store.read(tx -> tx.queryOne("SELECT COUNT(*) AS n FROM items", row -> row.longValue("n")))
                .orElseThrow();
    }

    private int queued() {
        try {
            var field = SqliteStore.class.getDeclaredField("queue");
            field.setAccessible(true);
            return ((java.util.Collection<?>) field.get(store)).size();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
