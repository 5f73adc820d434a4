package io.portico.core.store;

import java.util.List;
import java.util.Optional;

/**
 * SQL inside one transaction. Parameters bind positionally to {@code ?}; supported parameter types are
 * String, Integer, Long, Double, Boolean (stored as 0/1), byte[] and null. Not thread safe: use it only
 * inside the work function it was passed to.
 */
public interface StoreTransaction {

    /** Runs an INSERT/UPDATE/DELETE and returns the number of rows changed. */
    int update(String sql, Object... params);

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);

    default <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
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
