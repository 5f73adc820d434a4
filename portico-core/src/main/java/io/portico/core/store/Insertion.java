package io.portico.core.store;

/**
 * What {@link StoreTransaction#insertIfAbsent} did: inserted the new row, or found an existing row with
 * the same key and left it alone. A create operation switches over this to give AWS's answer for a
 * repeat (the existing resource when the request matches it, the service's conflict error when not).
 *
 * @param <T> the type the existing row is mapped to
 */
public sealed interface Insertion<T> {

    /** The row was new and is now inserted (visible to the rest of the transaction). */
    record Inserted<T>() implements Insertion<T> {
    }

    /** A row with the same key was already there; {@code row} is that row, unchanged. */
    record Existing<T>(T row) implements Insertion<T> {
    }
}
