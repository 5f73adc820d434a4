package io.portico.tables.engine;

import java.util.List;
import java.util.Optional;

/**
 * An UpdateTable request in the engine's terms: each member absent when the request leaves it alone.
 * {@code attributes} matter only to global indexes being created. Immutable.
 */
public record TableChange(List<AttributeDefinition> attributes, Optional<BillingMode> billing,
        Optional<Throughput> throughput, List<IndexChange> indexChanges, Optional<StreamRequest> stream,
        Optional<Boolean> encrypted, Optional<String> kmsKey, Optional<String> tableClass,
        Optional<Boolean> deletionProtection) {

    public TableChange {
        attributes = List.copyOf(attributes);
        indexChanges = List.copyOf(indexChanges);
    }
}
