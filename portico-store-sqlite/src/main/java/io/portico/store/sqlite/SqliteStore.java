package io.portico.store.sqlite;

import io.portico.core.store.Migration;
import io.portico.core.store.Store;
import io.portico.core.store.StoreException;
import io.portico.core.store.StoreTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link Store}: one SQLite file ({@code portico.db}) in WAL mode with
 * {@code synchronous=FULL}, so a commit is on disk when it returns.
 *
 * <p>Group commit. An fsync costs milliseconds, so committing each write alone would cap the store at
 * a few hundred writes a second. Instead one writer thread owns the only write connection. A
 * {@link #write} call enqueues its unit of work and blocks. The writer takes everything queued, runs
 * each unit inside its own {@code SAVEPOINT} of one transaction (a unit that throws is rolled back to
 * its savepoint, and its exception goes to its caller; the others are kept), commits once - one fsync
 * for the whole group - and only then releases every waiter. Under load the groups grow by themselves:
 * the more callers wait, the more the next fsync serves.
 *
 * <p>A unit that calls {@code write} again runs the inner work inline inside a nested savepoint
 * (waiting for the writer thread from the writer thread would deadlock); {@code read} from inside a
 * unit also runs on the write connection, so it sees the unit's own changes. Other reads use a small
 * pool of read connections, each a WAL reader seeing the last commit.
 *
 * <p>Thread safe. {@link #close()} fails writes still queued with a {@link StoreException}.
 */
public final class SqliteStore implements Store {

    public static final String FILE_NAME = "portico.db";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final int MAX_GROUP = 512;
    private static final int READERS = 4;

    private final Path file;
    private final Connection writeConnection;
    private final StatementCache writeStatements;
    private final BlockingQueue<StatementCache> readers;
    private final List<Connection> allReaders = new ArrayList<>();
    private final LinkedBlockingQueue<WriteTask<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final ThreadLocal<SqliteTransaction> current = new ThreadLocal<>();
    private final ReentrantLock enqueueLock = new ReentrantLock();
    private volatile boolean closed;
    private int nestedSavepoints;

    private SqliteStore(Path file) throws SQLException {
        this.file = file;
        this.writeConnection = open(file, false);
        this.writeConnection.setAutoCommit(false);
        this.writeStatements = new StatementCache(writeConnection);
        this.readers = new ArrayBlockingQueue<>(READERS);
        for (int i = 0; i < READERS; i++) {
            // In autocommit mode: read() opens and ends its snapshot itself, with prepared statements.
            Connection reader = open(file, true);
            allReaders.add(reader);
            readers.add(new StatementCache(reader));
        }
        this.writer = Thread.ofPlatform().name("portico-store-writer").daemon(true).unstarted(this::writeLoop);
    }

    /**
     * Opens (creating if needed) {@code dataDir/portico.db} and starts the writer thread.
     *
     * @throws StoreException if the database cannot be opened
     */
    public static SqliteStore open(Path dataDir) {
        return openFile(dataDir.resolve(FILE_NAME));
    }

    /**
     * Opens (creating if needed, with its directories) the database file {@code file} and starts the
     * writer thread. A relative path is resolved against the working directory.
     *
     * @throws StoreException if the database cannot be opened
     */
    public static SqliteStore openFile(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            SqliteStore store = new SqliteStore(absolute);
            store.writer.start();
            store.write(tx -> tx.update("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    + "module TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (module, version))"));
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + absolute.getParent(), e);
        } catch (SQLException e) {
            throw new StoreException("cannot open SQLite store " + absolute, e);
        }
    }

    private static Connection open(Path file, boolean readOnly) throws SQLException {
        Properties properties = new Properties();
        // Nothing reads generated keys, and the driver would otherwise prepare and run a
        // "SELECT last_insert_rowid()" after every INSERT and UPDATE: a seventh of a PutItem on the writer.
        properties.setProperty("jdbc.get_generated_keys", "false");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            if (!readOnly) {
                s.execute("PRAGMA journal_mode=WAL");
            }
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA foreign_keys=ON");
            if (readOnly) {
                s.execute("PRAGMA query_only=ON");
            }
        }
        return connection;
    }

    @Override
    public <T> T write(Function<StoreTransaction, T> work) {
        if (Thread.currentThread() == writer) {
            return writeNested(work);
        }
        WriteTask<T> task = new WriteTask<>(work);
        enqueueLock.lock();
        try {
            if (closed) {
                throw new StoreException("store is closed", null);
            }
            queue.add(task); // under the lock, so no task can land behind close()'s poison
        } finally {
            enqueueLock.unlock();
        }
        return task.await();
    }

    private <T> T writeNested(Function<StoreTransaction, T> work) {
        SqliteTransaction tx = current.get();
        if (tx == null) {
            throw new IllegalStateException("write called on the store thread outside a unit of work");
        }
        String savepoint = "nested" + (++nestedSavepoints);
        int hooks = tx.afterCommitCount();
        try {
            execute("SAVEPOINT " + savepoint);
            T result = work.apply(tx);
            execute("RELEASE " + savepoint);
            return result;
        } catch (RuntimeException | Error e) {
            tx.dropAfterCommit(hooks);
            execute("ROLLBACK TO " + savepoint);
            execute("RELEASE " + savepoint);
            throw e;
        } finally {
            nestedSavepoints--;
        }
    }

    @Override
    public <T> T read(Function<StoreTransaction, T> work) {
        if (Thread.currentThread() == writer && current.get() != null) {
            return work.apply(current.get());
        }
        if (closed) {
            throw new StoreException("store is closed", null);
        }
        StatementCache connection;
        try {
            connection = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting for a read connection", e);
        }
        try {
            run(connection, "BEGIN"); // one snapshot for the whole unit, however many statements it runs
            return work.apply(SqliteTransaction.reading(connection));
        } catch (SQLException e) {
            throw new StoreException("could not start a read transaction", e);
        } finally {
            endSnapshot(connection);
            readers.add(connection);
        }
    }

    /**
     * Ends a reader's snapshot (a reader never has changes to keep). A statement a failed unit left
     * stepping would block the ROLLBACK, so then the reader's statements are closed and it is tried again:
     * a reader must never go back to the pool inside a transaction.
     */
    private static void endSnapshot(StatementCache connection) {
        try {
            run(connection, "ROLLBACK");
        } catch (SQLException first) {
            connection.clear();
            try {
                run(connection, "ROLLBACK");
            } catch (SQLException e) {
                LOG.warn("Could not end read transaction", e);
            }
        }
    }

    private static void run(StatementCache statements, String sql) throws SQLException {
        statements.prepare(sql).execute();
    }

    @Override
    public void migrate(String module, List<Migration> migrations) {
        List<Migration> ordered = new ArrayList<>(migrations);
        ordered.sort((a, b) -> Integer.compare(a.version(), b.version()));
        for (Migration migration : ordered) {
            write(tx -> {
                long applied = tx.queryOne("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations WHERE module = ?",
                        row -> row.longValue("v"), module).orElse(0L);
                if (migration.version() <= applied) {
                    return null;
                }
                migration.statements().forEach(tx::update);
                migration.code().accept(tx);
                tx.update("INSERT INTO schema_migrations (module, version) VALUES (?, ?)", module, migration.version());
                LOG.debug("Applied migration {} v{}", module, migration.version());
                return null;
            });
        }
    }

    @Override
    public String describe() {
        return "sqlite:" + file;
    }

    @Override
    public void close() {
        enqueueLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(WriteTask.POISON);
        } finally {
            enqueueLock.unlock();
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeStatements.clear();
        closeQuietly(writeConnection);
        allReaders.forEach(SqliteStore::closeQuietly);
    }

    private void writeLoop() {
        List<WriteTask<?>> group = new ArrayList<>();
        while (true) {
            group.clear();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, through the poison task
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.remove(WriteTask.POISON);
            runGroup(group);
            if (stop) {
                failRemaining();
                return;
            }
        }
    }

    private void runGroup(List<WriteTask<?>> group) {
        if (group.isEmpty()) {
            return;
        }
        SqliteTransaction tx = SqliteTransaction.writing(writeStatements);
        current.set(tx);
        try {
            for (WriteTask<?> task : group) {
                runUnit(task, tx);
            }
        } finally {
            current.remove();
        }
        try {
            writeConnection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            StoreException failure = new StoreException("commit failed", e);
            group.forEach(task -> task.failIfPending(failure));
            return;
        }
        tx.runAfterCommit(); // before the callers return, so a caller sees its own signal sent
        group.forEach(WriteTask::complete);
    }

    private void runUnit(WriteTask<?> task, SqliteTransaction tx) {
        try {
            execute("SAVEPOINT unit");
        } catch (StoreException e) {
            task.fail(e);
            return;
        }
        int hooks = tx.afterCommitCount();
        try {
            task.run(tx);
            execute("RELEASE unit");
        } catch (Throwable e) {
            tx.dropAfterCommit(hooks);
            task.fail(e);
            try {
                execute("ROLLBACK TO unit");
                execute("RELEASE unit");
            } catch (StoreException rollbackFailure) {
                LOG.error("Could not roll back a failed unit of work", rollbackFailure);
            }
        }
    }

    private void failRemaining() {
        List<WriteTask<?>> rest = new ArrayList<>();
        queue.drainTo(rest);
        StoreException closedError = new StoreException("store is closed", null);
        rest.forEach(task -> task.failIfPending(closedError));
    }

    /** Runs a savepoint statement, prepared once: compiling SAVEPOINT and RELEASE for every unit showed. */
    private void execute(String sql) {
        try {
            run(writeStatements, sql);
        } catch (SQLException e) {
            throw new StoreException(sql + " failed", e);
        }
    }

    private void rollbackQuietly() {
        try {
            writeConnection.rollback();
        } catch (SQLException e) {
            LOG.error("Rollback after failed commit failed", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Could not close SQLite connection", e);
        }
    }

    /** One queued unit of work and the future its caller waits on. */
    private static final class WriteTask<T> {
        static final WriteTask<Object> POISON = new WriteTask<>(tx -> null);

        private final Function<StoreTransaction, T> work;
        private final CompletableFuture<T> done = new CompletableFuture<>();
        private T result;
        private Throwable failure;

        WriteTask(Function<StoreTransaction, T> work) {
            this.work = work;
        }

        void run(StoreTransaction tx) {
            result = work.apply(tx);
        }

        void fail(Throwable e) {
            failure = e;
        }

        void complete() {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(result);
            }
        }

        void failIfPending(Throwable e) {
            done.completeExceptionally(failure != null ? failure : e);
        }

        T await() {
            try {
                return done.get();
            } catch (InterruptedException e) {
                // The unit may still commit; the caller just stops waiting for it.
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted waiting for a write to commit", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new StoreException("write failed", cause);
            }
        }
    }
}
