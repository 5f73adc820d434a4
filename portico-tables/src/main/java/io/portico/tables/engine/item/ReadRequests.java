package io.portico.tables.engine.item;

import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.Projection;
import io.portico.tables.engine.value.AttributeValue;
import java.util.Map;
import java.util.Optional;

/**
 * Query and Scan, parsed: expressions (or their legacy members) as conditions and projections, the rest
 * as given. {@code select} is empty when the request has none (the default depends on the index).
 */
public final class ReadRequests {
    private ReadRequests() {
    }

    /** What Query and Scan share. */
    public record Reading(TableRef table, Optional<String> index, Optional<Condition> filter,
            Optional<Projection> projection, Optional<Select> select, Optional<Integer> limit,
            Optional<Map<String, AttributeValue>> exclusiveStart, boolean consistent, Reporting reporting) {
    }

    public record Query(Reading reading, Condition keyCondition, boolean forward) {
    }

    public record Scan(Reading reading, Optional<KeyRange.Segment> segment) {
    }
}
