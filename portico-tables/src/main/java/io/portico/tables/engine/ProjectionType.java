package io.portico.tables.engine;

/** Which attributes an index copies from the table's items besides the keys. */
public enum ProjectionType {
    ALL, KEYS_ONLY, INCLUDE
}
