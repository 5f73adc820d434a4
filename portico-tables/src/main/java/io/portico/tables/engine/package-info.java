/**
 * DynamoDB's behaviour without the wire: tables and their secondary indexes, billing, stream, encryption
 * and time-to-live settings, and DynamoDB's own validation rules in its words ({@link
 * io.portico.tables.engine.Tables} is the entry point). What is kept is declared by {@link
 * io.portico.tables.engine.TableRepository}, which the {@code store} package implements.
 */
package io.portico.tables.engine;
