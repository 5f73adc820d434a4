/**
 * Items: PutItem, GetItem, UpdateItem and DeleteItem over a table's stored items ({@link
 * io.portico.tables.engine.item.Items}), the keys they are stored under, the index entries and capacity
 * units they cost, and the repository seam the {@code store} package implements. Plain Java: the api layer
 * parses the wire into these requests and renders their results.
 */
package io.portico.tables.engine.item;
