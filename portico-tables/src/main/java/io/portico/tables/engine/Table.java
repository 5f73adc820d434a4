package io.portico.tables.engine;

import java.time.Instant;

/**
 * A table: who owns it and its name ({@code ref}), its id (AWS's {@code TableId}, a UUID that a table
 * re-created under the same name does not share, and under which its items are stored), when it was
 * created, its configuration, and its item count and size. The counts are kept by the item writes (ItemStore)
 * (DynamoDB refreshes them about every six hours; Portico keeps them current). Immutable.
 */
public record Table(TableRef ref, String id, Instant created, TableDefinition definition, long itemCount,
        long sizeBytes) {

    public String name() {
        return ref.name();
    }

    public String arn() {
        return ref.arn();
    }

    /** The ARN of an index: {@code <table arn>/index/<name>}. */
    public String indexArn(String index) {
        return arn() + "/index/" + index;
    }

    /** The ARN of a stream of this table: {@code <table arn>/stream/<label>}. */
    public String streamArn(TableStream stream) {
        return arn() + "/stream/" + stream.label();
    }

    public Table with(TableDefinition newDefinition) {
        return new Table(ref, id, created, newDefinition, itemCount, sizeBytes);
    }
}
