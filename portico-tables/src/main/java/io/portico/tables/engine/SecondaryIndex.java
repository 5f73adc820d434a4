package io.portico.tables.engine;

import java.util.Optional;

/**
 * A secondary index: global (its own partition key, its own throughput) or local (the table's partition
 * key with another sort key). {@code backfilling} says a new global index still has to be filled from the
 * table's items: store.IndexBackfill does that and then makes the index ACTIVE; an index created while the
 * table has no items needs no backfill and is ACTIVE at once. Immutable.
 */
public record SecondaryIndex(String name, Scope scope, KeySchema keys, Projection projection,
        Optional<Throughput> throughput, IndexStatus status, boolean backfilling) {

    /** Whether the index spans the whole table or one partition. */
    public enum Scope {
        GLOBAL, LOCAL
    }

    public boolean global() {
        return scope == Scope.GLOBAL;
    }

    public SecondaryIndex withThroughput(Optional<Throughput> newThroughput) {
        return new SecondaryIndex(name, scope, keys, projection, newThroughput, status, backfilling);
    }

    public SecondaryIndex withStatus(IndexStatus newStatus) {
        return new SecondaryIndex(name, scope, keys, projection, throughput, newStatus, backfilling);
    }
}
