package io.portico.tables.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CreateTable request in the engine's terms (the api reads it off the wire; the kit has already checked
 * the model's constraints). Index lists are absent when the request has none and empty when it sends
 * {@code []}, which DynamoDB answers differently. {@code warmThroughput} is the request's WarmThroughput
 * (a member newer than AWS's 2024 model, added by the module's overlay). Immutable.
 */
public record NewTable(TableRef ref, List<AttributeDefinition> attributes, List<KeyElement> keys,
        Optional<List<IndexRequest>> localIndexes, Optional<List<IndexRequest>> globalIndexes,
        Optional<BillingMode> billing, Optional<Throughput> throughput, Optional<StreamRequest> stream,
        Optional<Boolean> encrypted, Optional<String> kmsKey, Map<String, String> tags, Optional<String> tableClass,
        boolean deletionProtection, Optional<Throughput> warmThroughput) {

    /** A request without WarmThroughput, as most are. */
    public NewTable(TableRef ref, List<AttributeDefinition> attributes, List<KeyElement> keys,
            Optional<List<IndexRequest>> localIndexes, Optional<List<IndexRequest>> globalIndexes,
            Optional<BillingMode> billing, Optional<Throughput> throughput, Optional<StreamRequest> stream,
            Optional<Boolean> encrypted, Optional<String> kmsKey, Map<String, String> tags, Optional<String> tableClass,
            boolean deletionProtection) {
        this(ref, attributes, keys, localIndexes, globalIndexes, billing, throughput, stream, encrypted, kmsKey, tags,
                tableClass, deletionProtection, Optional.empty());
    }

    public NewTable {
        attributes = List.copyOf(attributes);
        keys = List.copyOf(keys);
        localIndexes = localIndexes.map(List::copyOf);
        globalIndexes = globalIndexes.map(List::copyOf);
        tags = Map.copyOf(tags);
    }

    public BillingMode billingMode() {
        return billing.orElse(BillingMode.PROVISIONED);
    }
}
