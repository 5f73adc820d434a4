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
}
