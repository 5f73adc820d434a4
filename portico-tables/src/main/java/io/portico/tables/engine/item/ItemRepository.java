package io.portico.tables.engine.item;

import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableRef;
import io.portico.core.idempotency.ClientToken;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Where items are kept: the engine says what it needs, the {@code store} package implements it. Each call
 * is one store transaction that first reads the table (so the work sees the definition current in that
 * transaction: its keys, indexes and stream), then runs {@code work}. A write's work reads, checks and
 * writes inside that one transaction, which is what makes a conditional write serializable per item (on
 * SQLite one writer runs every write transaction; on PostgreSQL the row locks do). Implementations are
 * thread safe.
 */
public interface ItemRepository {

    /** @return the work's result, empty when the table does not exist */
    <T> Optional<T> read(TableRef ref, BiFunction<Table, ItemReader, T> work);

    /**
     * Runs {@code work} in one write transaction; it may throw to refuse, and nothing it wrote is kept.
     *
     * @return the work's result, empty when the table does not exist
     */
    <T> Optional<T> write(TableRef ref, BiFunction<Table, ItemWriter, T> work);

    /**
     * Runs {@code work} in one write transaction over any number of tables, which it opens by reference
     * (BatchWriteItem: every write of one request commits together, or none does).
     */
    <T> T writeTables(Function<TableWrites, T> work);

    /**
     * {@link #writeTables} under a client token: the token is claimed in the same transaction, so the work
     * runs at most once per token within {@code window} and a failed work leaves no claim; a repeat with the
     * same fingerprint returns the first run's stored result without running the work.
     *
     * @throws io.portico.core.idempotency.ClientTokenConflictException if the token is live with another
     *     fingerprint
     */
    <T> T writeTablesOnce(ClientToken token, Duration window, Class<T> resultType, Function<TableWrites, T> work);

    /** Runs {@code work} in one read transaction over any number of tables: one consistent snapshot. */
    <T> T readTables(Function<TableReads, T> work);

    /** Opens tables inside one {@link #readTables} transaction. */
    @FunctionalInterface
    interface TableReads {
        /** The table as it is in this transaction with a reader of its items, empty when there is none. */
        Optional<TableReader> open(TableRef ref);
    }

    /** A table and the reader of its items, inside one transaction. */
    record TableReader(Table table, ItemReader items) {
    }

    /** Opens tables inside one {@link #writeTables} transaction. */
    @FunctionalInterface
    interface TableWrites {
        /** The table as it is in this transaction with a writer of its items, empty when there is none. */
        Optional<TableWriter> open(TableRef ref);
    }

    /** A table and the writer of its items, inside one transaction. */
    record TableWriter(Table table, ItemWriter items) {
    }
}
