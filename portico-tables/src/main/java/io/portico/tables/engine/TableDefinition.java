package io.portico.tables.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything a table is configured with: its keys and their types, its indexes, billing, stream,
 * encryption, deletion protection, class, time to live and point-in-time recovery. What CreateTable sets
 * and UpdateTable (or UpdateTimeToLive, UpdateContinuousBackups) changes; the store keeps it as one
 * document. {@code payPerRequestSince} is when the table last switched to (or was created with)
 * PAY_PER_REQUEST, which DescribeTable reports; {@code pointInTimeRecoverySince} when point-in-time
 * recovery was turned on, empty while it is off (a definition stored before it existed reads as off);
 * {@code warmThroughput} the WarmThroughput CreateTable asked for, if it did. Immutable.
 */
public record TableDefinition(List<AttributeDefinition> attributes, KeySchema keys, List<SecondaryIndex> indexes,
        BillingMode billing, Throughput throughput, Optional<Instant> payPerRequestSince, Optional<TableStream> stream,
        Optional<Encryption> encryption, boolean deletionProtection, Optional<String> tableClass, TimeToLive timeToLive,
        Optional<Instant> pointInTimeRecoverySince, Optional<Throughput> warmThroughput) {

    public TableDefinition {
        attributes = List.copyOf(attributes);
        indexes = List.copyOf(indexes);
        // Absent from definitions stored before point-in-time recovery was kept.
        pointInTimeRecoverySince = pointInTimeRecoverySince == null ? Optional.empty() : pointInTimeRecoverySince;
        warmThroughput = warmThroughput == null ? Optional.empty() : warmThroughput;
    }

    public List<SecondaryIndex> globalIndexes() {
        return indexes.stream().filter(SecondaryIndex::global).toList();
    }

    public List<SecondaryIndex> localIndexes() {
        return indexes.stream().filter(i -> !i.global()).toList();
    }

    public Optional<SecondaryIndex> index(String name) {
        return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The table's stream, if it is on now. */
    public Optional<TableStream> enabledStream() {
        return stream.filter(TableStream::enabled);
    }

    /** A builder-like copy: {@code definition.with(b -> b.deletionProtection(true))}. */
    public TableDefinition with(UnaryOperator<Changes> change) {
        return change.apply(new Changes(this)).build();
    }

    /** The fields of a definition being changed; not thread safe, use within {@link #with}. */
    public static final class Changes {
        private List<AttributeDefinition> attributes;
        private List<SecondaryIndex> indexes;
        private BillingMode billing;
        private Throughput throughput;
        private Optional<Instant> payPerRequestSince;
        private Optional<TableStream> stream;
        private Optional<Encryption> encryption;
        private boolean deletionProtection;
        private Optional<String> tableClass;
        private TimeToLive timeToLive;
        private Optional<Instant> pointInTimeRecoverySince;
        private final Optional<Throughput> warmThroughput;
        private final KeySchema keys;

        private Changes(TableDefinition d) {
            attributes = d.attributes;
            keys = d.keys;
            indexes = d.indexes;
            billing = d.billing;
            throughput = d.throughput;
            payPerRequestSince = d.payPerRequestSince;
            stream = d.stream;
            encryption = d.encryption;
            deletionProtection = d.deletionProtection;
            tableClass = d.tableClass;
            timeToLive = d.timeToLive;
            pointInTimeRecoverySince = d.pointInTimeRecoverySince;
            warmThroughput = d.warmThroughput;
        }

        public Changes attributes(List<AttributeDefinition> value) {
            attributes = value;
            return this;
        }

        public Changes indexes(List<SecondaryIndex> value) {
            indexes = value;
            return this;
        }

        public Changes billing(BillingMode value, Throughput newThroughput, Optional<Instant> since) {
            billing = value;
            throughput = newThroughput;
            payPerRequestSince = since;
            return this;
        }

        public Changes stream(Optional<TableStream> value) {
            stream = value;
            return this;
        }

        public Changes encryption(Optional<Encryption> value) {
            encryption = value;
            return this;
        }

        public Changes deletionProtection(boolean value) {
            deletionProtection = value;
            return this;
        }

        public Changes tableClass(Optional<String> value) {
            tableClass = value;
            return this;
        }

        public Changes timeToLive(TimeToLive value) {
            timeToLive = value;
            return this;
        }

        public Changes pointInTimeRecoverySince(Optional<Instant> value) {
            pointInTimeRecoverySince = value;
            return this;
        }

        private TableDefinition build() {
            return new TableDefinition(attributes, keys, indexes, billing, throughput, payPerRequestSince, stream,
                    encryption, deletionProtection, tableClass, timeToLive, pointInTimeRecoverySince, warmThroughput);
        }
    }
}
