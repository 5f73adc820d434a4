package io.portico.tables.engine.item;

import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableRef;
import java.util.Optional;
import java.util.function.BiFunction;

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
}
