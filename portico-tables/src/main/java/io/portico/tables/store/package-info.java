/**
 * Persistence of the DynamoDB module: {@link io.portico.tables.store.TableStore} implements the engine's
 * {@link io.portico.tables.engine.TableRepository} over the platform store; {@link
 * io.portico.tables.store.TablesSchema} holds the migrations and the item storage design.
 */
package io.portico.tables.store;
