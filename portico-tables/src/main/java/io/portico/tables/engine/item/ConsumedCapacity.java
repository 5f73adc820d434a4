package io.portico.tables.engine.item;

import io.portico.tables.engine.BillingMode;
import io.portico.tables.engine.Table;

/**
 * The capacity units a request used on one table, as DynamoDB counts them: a write costs one unit per
 * started KB of the larger of the item before and after; a read one unit per started 4 KB of what was read
 * (half that for an eventually consistent read), at least one unit (half) even when nothing was found.
 * {@code write} says which kind, for provisioned tables that report read or write units beside the total.
 * Immutable.
 */
public record ConsumedCapacity(String tableName, double units, boolean write, BillingMode billing,
        Reporting.CapacityDetail detail) {

    static final long WRITE_UNIT_BYTES = 1024;
    static final long READ_UNIT_BYTES = 4096;

    static ConsumedCapacity ofWrite(Table table, long bytes, Reporting.CapacityDetail detail) {
        return new ConsumedCapacity(table.name(), units(bytes, WRITE_UNIT_BYTES), true,
                table.definition().billing(), detail);
    }

    static ConsumedCapacity ofRead(Table table, long bytes, boolean consistent, Reporting.CapacityDetail detail) {
        double units = units(bytes, READ_UNIT_BYTES);
        return new ConsumedCapacity(table.name(), consistent ? units : units / 2, false, table.definition().billing(),
                detail);
    }

    /** Started units of {@code unit} bytes, at least one. */
    static double units(long bytes, long unit) {
        return Math.max(1, (bytes + unit - 1) / unit);
    }

    /** Units counted by the caller (a batch adds up each item's own rounded units). */
    static ConsumedCapacity ofUnits(Table table, double units, boolean write, Reporting.CapacityDetail detail) {
        return new ConsumedCapacity(table.name(), units, write, table.definition().billing(), detail);
    }
}
