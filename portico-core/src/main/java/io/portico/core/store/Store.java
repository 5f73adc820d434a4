package io.portico.core.store;

import java.util.List;
import java.util.function.Function;

/**
 * The durable store every service keeps its state in: a relational database reached through SQL that
 * SQLite and PostgreSQL both understand (plain DDL, {@code INSERT ... ON CONFLICT}, no vendor functions).
 *
 * <p>{@link #write} is the only way to change data. It runs the work in a transaction and returns only
 * once that transaction is durable (fsynced), so a caller may acknowledge the write to its client as
 * soon as it returns. Implementations group concurrent writes into one commit (group commit); a unit of
 * work must therefore be short, must not block on anything but the database, and must be safe to run
 * on the store's own thread. If the work throws, its changes are rolled back and the exception is
 * rethrown to the caller; other writes in the same group are unaffected.
 *
 * <p>{@link #read} runs the work on a read snapshot that sees every write whose {@code write} call has
 * returned. Both methods are thread safe.
 */
public interface Store extends AutoCloseable {

    <T> T write(Function<StoreTransaction, T> work);

    <T> T read(Function<StoreTransaction, T> work);

    /**
     * Brings a module's schema up to date: applies, in order and each in its own transaction, the
     * migrations of {@code module} whose version is above the one recorded for it. Idempotent.
     */
    void migrate(String module, List<Migration> migrations);

    /** A name for logs and metrics, e.g. {@code sqlite:/path/portico.db}. */
    String describe();

    @Override
    void close();
}
