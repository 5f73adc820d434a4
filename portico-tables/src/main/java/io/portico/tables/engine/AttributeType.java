package io.portico.tables.engine;

/** The scalar types a key attribute may have: string, number, binary. */
public enum AttributeType {
    S, N, B
}
