package io.portico.tables.engine;

/** The type of one attribute used in a key of the table or of an index. */
public record AttributeDefinition(String name, AttributeType type) {
}
