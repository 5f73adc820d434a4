package io.portico.core.store;

/**
 * Read access to the current row of a query, by column label. Getters for nullable columns return null
 * (strings, bytes) or use the boxed type.
 */
public interface Row {
    String string(String column);

    long longValue(String column);

    Long nullableLong(String column);

    double doubleValue(String column);

    boolean bool(String column);

    byte[] bytes(String column);
}
