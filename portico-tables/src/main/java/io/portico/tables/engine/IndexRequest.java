package io.portico.tables.engine;

import java.util.List;
import java.util.Optional;

/**
 * A secondary index as CreateTable or UpdateTable asks for it, before DynamoDB's rules are applied: the
 * key elements as given, the projection's type (which AWS checks itself, so it may be absent here) and
 * non-key attributes, and the throughput for a global index of a provisioned table.
 */
public record IndexRequest(String name, List<KeyElement> keys, Optional<ProjectionType> projectionType,
        Optional<List<String>> nonKeyAttributes, Optional<Throughput> throughput) {

    public IndexRequest {
        keys = List.copyOf(keys);
        nonKeyAttributes = nonKeyAttributes.map(List::copyOf);
    }
}
