package io.portico.tables.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UpdateTable: what a {@link TableChange} makes of a table's definition, with DynamoDB's refusals. Billing
 * first (a switch of mode, or new capacity), then global index changes, then stream, encryption, class
 * and deletion protection. Only one index may be created or deleted per request, as on AWS.
 *
 * <p>A global index created on a table without items is ACTIVE at once; on a table with items it is
 * CREATING and {@code backfilling} until it is filled (store.IndexBackfill). The refusals' texts are DynamoDB's,
 * from a catalogue of its answers (ack-api-quirks, dynamodb, 2026-10-09). Stateless.
 */
final class TableUpdates {
    private TableUpdates() {
    }

    static TableDefinition apply(Table table, TableChange change, Instant now) {
        if (nothingIn(change)) {
            throw TablesException.invalidRequest("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, "
                    + "ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, "
                    + "WarmThroughput or TableClass is required");
        }
        checkCombination(change);
        TableDefinition d = table.definition();
        d = billing(d, change, now);
        d = indexes(table, d, change);
        if (change.stream().isPresent()) {
            Optional<TableStream> stream = StreamRules.apply(d.stream(), change.stream().get(), table.name(), now);
            d = d.with(c -> c.stream(stream));
        }
        if (change.encrypted().isPresent()) {
            if (!change.encrypted().get() && d.encryption().isEmpty()) {
                throw TablesException.invalidParameter("Table is already encrypted by default");
            }
            Optional<Encryption> encryption = CreateTableRules.encryption(change.encrypted(), change.kmsKey());
            d = d.with(c -> c.encryption(encryption));
        }
        if (change.tableClass().isPresent()) {
            d = d.with(c -> c.tableClass(change.tableClass()));
        }
        if (change.deletionProtection().isPresent()) {
            boolean protect = change.deletionProtection().get();
            d = d.with(c -> c.deletionProtection(protect));
        }
        return d;
    }

    /**
     * Changes DynamoDB makes one at a time: encryption, table class and deletion protection each alone;
     * capacity not with a stream or an index created or deleted; a stream not with an index created or
     * deleted.
     */
    private static void checkCombination(TableChange c) {
        boolean capacity = c.billing().isPresent() || c.throughput().isPresent();
        boolean indexCreatedOrDeleted = c.indexChanges().stream().anyMatch(i -> !(i instanceof IndexChange.Update));
        int parts = (capacity ? 1 : 0) + (c.indexChanges().isEmpty() ? 0 : 1) + (c.stream().isPresent() ? 1 : 0)
                + (c.encrypted().isPresent() ? 1 : 0) + (c.tableClass().isPresent() ? 1 : 0)
                + (c.deletionProtection().isPresent() ? 1 : 0);
        if (c.encrypted().isPresent() && parts > 1) {
            throw TablesException.invalidParameter("Server-Side Encryption modification must be the only operation in the request");
        }
        if (c.tableClass().isPresent() && parts > 1) {
            throw TablesException.invalidParameter("TableClass modification must be the only operation in the request");
        }
        if (c.deletionProtection().isPresent() && parts > 1) {
            throw TablesException.invalidParameter("DeletionProtection modification must be the only operation in the request");
        }
        if (capacity && c.stream().isPresent()) {
            throw TablesException.invalidParameter("You cannot modify stream status while updating table IOPS");
        }
        if (capacity && indexCreatedOrDeleted) {
            throw TablesException.invalidParameter("You cannot create or delete index while updating table IOPS");
        }
        if (c.stream().isPresent() && indexCreatedOrDeleted) {
            throw TablesException.invalidParameter("You cannot create or delete index while changing stream status");
        }
    }

    private static boolean nothingIn(TableChange c) {
        return c.billing().isEmpty() && c.throughput().isEmpty() && c.indexChanges().isEmpty() && c.stream().isEmpty()
                && c.encrypted().isEmpty() && c.tableClass().isEmpty() && c.deletionProtection().isEmpty();
    }

    private static TableDefinition billing(TableDefinition d, TableChange change, Instant now) {
        if (change.billing().isEmpty() && change.throughput().isEmpty()) {
            return d;
        }
        BillingMode mode = change.billing().orElse(d.billing());
        if (mode == BillingMode.PAY_PER_REQUEST && change.throughput().isPresent()) {
            throw TablesException.invalidParameter(
                    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (mode == BillingMode.PROVISIONED && d.billing() == BillingMode.PAY_PER_REQUEST && change.throughput().isEmpty()) {
            throw TablesException.invalidParameter("ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        }
        change.throughput().ifPresent(CreateTableRules::checkBounds);
        if (mode == BillingMode.PAY_PER_REQUEST) {
            Optional<Instant> since = d.billing() == BillingMode.PAY_PER_REQUEST ? d.payPerRequestSince() : Optional.of(now);
            List<SecondaryIndex> onDemand = d.indexes().stream().map(i -> i.withThroughput(Optional.empty())).toList();
            return d.with(c -> c.billing(mode, Throughput.NONE, since).indexes(onDemand));
        }
        Throughput throughput = change.throughput().orElse(d.throughput());
        if (d.billing() == BillingMode.PROVISIONED && throughput.equals(d.throughput()) && change.indexChanges().isEmpty()) {
            throw unchangedThroughput(d.throughput(), throughput);
        }
        return d.with(c -> c.billing(mode, throughput, d.payPerRequestSince()));
    }

    /** DynamoDB's refusal of capacity equal to the current one. */
    private static TablesException unchangedThroughput(Throughput current, Throughput requested) {
        return TablesException.invalidRequest("The provisioned throughput for the table will not change. The requested "
                + "value equals the current value. Current ReadCapacityUnits provisioned for the table: " + current.read()
                + ". Requested ReadCapacityUnits: " + requested.read() + ". Current WriteCapacityUnits provisioned for the "
                + "table: " + current.write() + ". Requested WriteCapacityUnits: " + requested.write() + ". Refer to the "
                + "Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
    }

    private static TableDefinition indexes(Table table, TableDefinition d, TableChange change) {
        if (change.indexChanges().isEmpty()) {
            return d;
        }
        long createsAndDeletes = change.indexChanges().stream().filter(c -> !(c instanceof IndexChange.Update)).count();
        if (createsAndDeletes > 1) {
            throw TablesException.limitExceeded("Subscriber limit exceeded: Only 1 online index can be created or deleted "
                    + "simultaneously per table");
        }
        Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
        d.attributes().forEach(a -> attributes.put(a.name(), a));
        List<SecondaryIndex> indexes = new ArrayList<>(d.indexes());
        for (IndexChange c : change.indexChanges()) {
            switch (c) {
                case IndexChange.Create create -> {
                    if (change.attributes().isEmpty()) {
                        throw TablesException.invalidParameter("AttributeDefinitions is not specified for index: "
                                + create.index().name());
                    }
                    change.attributes().forEach(a -> attributes.putIfAbsent(a.name(), a));
                    indexes.add(created(table, d, create.index(), List.copyOf(attributes.keySet())));
                }
                case IndexChange.Update update -> {
                    int at = globalIndexAt(indexes, update.name(), "update");
                    Optional<Throughput> throughput = Optional.of(update.throughput());
                    CreateTableRules.checkBounds(update.throughput());
                    if (d.billing() == BillingMode.PAY_PER_REQUEST) {
                        throw TablesException.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                                + "specified for index: " + update.name() + " when BillingMode is PAY_PER_REQUEST");
                    }
                    indexes.set(at, indexes.get(at).withThroughput(throughput));
                }
                case IndexChange.Delete delete -> indexes.remove(globalIndexAt(indexes, delete.name(), "delete"));
            }
        }
        List<String> keys = new ArrayList<>(d.keys().attributes());
        indexes.forEach(i -> keys.addAll(i.keys().attributes()));
        // Definitions only the deleted index used go with it: DynamoDB keeps exactly the key attributes' types.
        List<AttributeDefinition> used = attributes.values().stream().filter(a -> keys.contains(a.name())).toList();
        return d.with(x -> x.attributes(used).indexes(indexes));
    }

    private static SecondaryIndex created(Table table, TableDefinition d, IndexRequest request, List<String> defined) {
        if (d.index(request.name()).isPresent()) {
            throw TablesException.invalidRequest("Attempting to create an index which already exists");
        }
        if (d.globalIndexes().size() >= CreateTableRules.MAX_GLOBAL_INDEXES) {
            throw TablesException.limitExceeded("GlobalSecondaryIndex count exceeds the per-table limit of "
                    + CreateTableRules.MAX_GLOBAL_INDEXES);
        }
        boolean empty = table.itemCount() == 0;
        return CreateTableRules.globalIndex(request, d.billing(), defined,
                empty ? IndexStatus.ACTIVE : IndexStatus.CREATING, !empty, false);
    }

    /** The position of a global index to update or delete; a local or unknown one is refused, in DynamoDB's words. */
    private static int globalIndexAt(List<SecondaryIndex> indexes, String name, String verb) {
        for (int i = 0; i < indexes.size(); i++) {
            if (indexes.get(i).name().equals(name) && indexes.get(i).global()) {
                return i;
            }
        }
        throw TablesException.invalidRequest("Cannot " + verb + " an index that is not a GlobalSecondaryIndex: " + name);
    }
}
