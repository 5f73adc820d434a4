/** The embedded SQLite implementation of {@link io.portico.core.store.Store}, with group commit. */
package io.portico.store.sqlite;
