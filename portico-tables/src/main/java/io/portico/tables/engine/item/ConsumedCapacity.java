package io.portico.tables.engine.item;

import io.portico.tables.engine.BillingMode;
import io.portico.tables.engine.SecondaryIndex;
import io.portico.tables.engine.Table;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The capacity units a request used on one table and its indexes, as DynamoDB counts them: a write costs
 * one unit per started KB of the larger of the item before and after, and each index entry it puts, changes
 * or deletes costs the same on the index ({@link IndexWriteUnits}); a read one unit per started 4 KB of what
 * was read (half that for an eventually consistent read), at least one unit (half) even when nothing was
 * found, counted on the index a Query or Scan reads (and on the table for items a local index fetches).
 * {@code write} says which kind, for provisioned tables that report read or write units beside the total.
 * Immutable.
 */
public record ConsumedCapacity(String tableName, double tableUnits, Map<String, Double> globalIndexes,
        Map<String, Double> localIndexes, boolean write, BillingMode billing, Reporting.CapacityDetail detail) {

    static final long WRITE_UNIT_BYTES = 1024;
    static final long READ_UNIT_BYTES = 4096;

    public ConsumedCapacity {
        globalIndexes = Collections.unmodifiableMap(new LinkedHashMap<>(globalIndexes));
        localIndexes = Collections.unmodifiableMap(new LinkedHashMap<>(localIndexes));
    }

    /** All units: the table's and every index's. */
    public double units() {
        return tableUnits + globalIndexes.values().stream().mapToDouble(Double::doubleValue).sum()
                + localIndexes.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    static ConsumedCapacity ofWrite(Table table, long bytes, Reporting.CapacityDetail detail) {
        return ofUnits(table, units(bytes, WRITE_UNIT_BYTES), true, detail);
    }

    static ConsumedCapacity ofRead(Table table, long bytes, boolean consistent, Reporting.CapacityDetail detail) {
        return ofUnits(table, readUnits(bytes, consistent), false, detail);
    }

    /** A Query or Scan of an index: its rows on the index, items a local index fetched on the table. */
    static ConsumedCapacity ofIndexRead(Table table, SecondaryIndex index, long indexBytes, long fetchedBytes,
            boolean consistent, Reporting.CapacityDetail detail) {
        double fetched = fetchedBytes == 0 ? 0 : readUnits(fetchedBytes, consistent);
        return ofUnits(table, fetched, false, detail).plus(index, readUnits(indexBytes, consistent));
    }

    /** Units counted by the caller (a batch adds up each item's own rounded units). */
    static ConsumedCapacity ofUnits(Table table, double units, boolean write, Reporting.CapacityDetail detail) {
        return new ConsumedCapacity(table.name(), units, Map.of(), Map.of(), write, table.definition().billing(),
                detail);
    }

    /** These units and {@code units} more on the table. */
    ConsumedCapacity plusTable(double units) {
        return new ConsumedCapacity(tableName, tableUnits + units, globalIndexes, localIndexes, write, billing, detail);
    }

    /** These units and {@code units} more on {@code index}. */
    ConsumedCapacity plus(SecondaryIndex index, double units) {
        Map<String, Double> global = new LinkedHashMap<>(globalIndexes);
        Map<String, Double> local = new LinkedHashMap<>(localIndexes);
        (index.global() ? global : local).merge(index.name(), units, Double::sum);
        return new ConsumedCapacity(tableName, tableUnits, global, local, write, billing, detail);
    }

    /** These units and the index writes of {@code indexUnits}. */
    ConsumedCapacity plus(Map<SecondaryIndex, Double> indexUnits) {
        ConsumedCapacity sum = this;
        for (Map.Entry<SecondaryIndex, Double> entry : indexUnits.entrySet()) {
            sum = sum.plus(entry.getKey(), entry.getValue());
        }
        return sum;
    }

    /** Started units of {@code unit} bytes, at least one. */
    static double units(long bytes, long unit) {
        return Math.max(1, (bytes + unit - 1) / unit);
    }

    private static double readUnits(long bytes, boolean consistent) {
        double units = units(bytes, READ_UNIT_BYTES);
        return consistent ? units : units / 2;
    }
}
