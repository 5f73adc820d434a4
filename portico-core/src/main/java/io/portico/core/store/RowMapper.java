package io.portico.core.store;

/** Turns the current row into a value. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row);
}
