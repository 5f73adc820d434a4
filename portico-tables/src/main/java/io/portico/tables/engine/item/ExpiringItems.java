package io.portico.tables.engine.item;

import java.time.Instant;
import java.util.List;

/**
 * What the TTL sweeper needs kept: the items whose time-to-live has passed, and their deletion. Only items of
 * tables whose TTL is enabled carry an expiry (UpdateTimeToLive recomputes them), so every item listed is
 * one DynamoDB would delete. Implemented by the {@code store} package. Thread safe.
 */
public interface ExpiringItems {

    /** An item the sweeper may delete: its table's id and its stored key. */
    record Expiring(String tableId, ItemKey key) {
    }

    /** Up to {@code limit} items whose expiry (epoch seconds) is before {@code now}, oldest expiry first. */
    List<Expiring> due(Instant now, int limit);

    /**
     * Deletes the item in a transaction of its own if it is still expired at {@code now}: its index entries,
     * the table's counts, and a REMOVE stream record made by DynamoDB's service principal go with it. An item
     * changed since it was listed is left alone (its new expiry decides).
     *
     * @return whether the item was deleted
     */
    boolean expire(Expiring item, Instant now);
}
