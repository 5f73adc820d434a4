package io.portico.tables.engine.item;

import io.portico.tables.engine.expression.KeyQuery;
import java.util.Optional;

/**
 * Stored rows to read in key order, at most {@code limit}: of the table or of one index, of one partition
 * (a Query) or all of them (a Scan, possibly one segment), between sort key bounds, after a position.
 * For an index, rows are ordered by the index key and then the table key, which is what makes a position
 * in an index exact ({@link Position#tableKey}). Immutable.
 */
public record KeyRange(Optional<String> index, Optional<byte[]> partition, Optional<KeyQuery.Bound> lower,
        Optional<KeyQuery.Bound> upper, boolean forward, Optional<Position> after, Optional<Segment> segment,
        int limit) {

    /** A row's place: its key in what is read (the table or the index) and, for an index, the table key. */
    public record Position(ItemKey key, Optional<ItemKey> tableKey) {
    }

    /** Segment {@code segment} of {@code total} of a parallel Scan. */
    public record Segment(int segment, int total) {
    }
}
