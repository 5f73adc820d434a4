package io.portico.tables.engine;

/**
 * One element of a key schema as a request gives it, before the rules check that the first is the HASH
 * key and the second the RANGE key ({@link KeySchema} is the checked form).
 */
public record KeyElement(String attribute, KeyType type) {
}
