package io.portico.tables.engine;

/** The role of an attribute in a key schema: partition (HASH) or sort (RANGE) key. */
public enum KeyType {
    HASH, RANGE
}
