package io.portico.core.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * SQL inside one transaction. Parameters bind positionally to {@code ?}; supported parameter types are
 * String, Integer, Long, Double, Boolean (stored as 0/1), byte[] and null. Not thread safe: use it only
 * inside the work function it was passed to.
 */
public interface StoreTransaction {

    /** Runs an INSERT/UPDATE/DELETE and returns the number of rows changed. */
    int update(String sql, Object... params);

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);

    /**
     * Maps the query's rows one at a time, in its order, handing each to {@code more}, and stops at the
     * first row for which {@code more} answers false: rows after it are never read. For a reader that
     * cannot know in advance how many rows it needs (DynamoDB's 1 MB page), so that it reads no row it
     * will not use. {@code more} may run other statements of this transaction, not this one again.
     */
    <T> void readWhile(String sql, RowMapper<T> mapper, Predicate<T> more, Object... params);

    default <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Inserts {@code row} unless a row with the same key exists, and says which happened; the existing
     * row comes back mapped by {@code existing} (it reads {@code SELECT *} of the table).
     *
     * <p>This is the only way a create should insert a named resource. Checking for the name first and
     * inserting afterwards races: two concurrent creates both see no row and the second insert fails
     * on the primary key, which a service can only answer with a 500. Here the database decides in one
     * statement ({@code INSERT ... ON CONFLICT (key) DO NOTHING}, which SQLite and PostgreSQL both
     * accept; PostgreSQL waits for a concurrent inserter of the same key to commit before deciding), and
     * the lookup of the existing row runs in the same transaction as the insert, so the caller's
     * decision (idempotent answer or conflict error) and any writes it makes after an insert (versions,
     * tags, first events) commit or roll back together.
     *
     * @throws IllegalStateException if no row was inserted yet none has the key (a unique constraint
     *     other than the key rejected the row: the key columns are wrong)
     */
    default <T> Insertion<T> insertIfAbsent(NewRow row, RowMapper<T> existing) {
        String columns = String.join(", ", row.values().keySet());
        String placeholders = row.values().keySet().stream().map(c -> "?").collect(Collectors.joining(","));
        String key = String.join(", ", row.keyColumns());
        int inserted = update("INSERT INTO " + row.table() + " (" + columns + ") VALUES (" + placeholders
                + ") ON CONFLICT (" + key + ") DO NOTHING", row.values().values().toArray());
        if (inserted == 1) {
            return new Insertion.Inserted<>();
        }
        String match = row.keyColumns().stream().map(c -> c + "=?").collect(Collectors.joining(" AND "));
        return queryOne("SELECT * FROM " + row.table() + " WHERE " + match, existing, row.keyValues())
                .<Insertion<T>>map(Insertion.Existing::new)
                .orElseThrow(() -> new IllegalStateException("insert into " + row.table()
                        + " did nothing, yet no row has the key " + row.keyColumns()));
    }

    /**
     * Runs {@code action} once the changes made so far in this unit of work are durable, or never if
     * they are rolled back (the unit, or the nested write that registered it, throws; or the commit
     * fails). For telling a worker that work it may now see was committed (the work queue signals its
     * workers this way). The action runs on the store's own thread before {@code write} returns to the
     * caller: it must be quick and must not write to the store. An action that throws is logged.
     *
     * @throws IllegalStateException in a {@link Store#read} transaction, which never commits
     */
    void afterCommit(Runnable action);
}
