package io.portico.tables.engine;

/**
 * Provisioned read and write capacity units. Portico records them and answers them back; it does not
 * throttle (docs/tables.md, Differences).
 */
public record Throughput(long read, long write) {
    /** What DynamoDB reports for a table or index billed per request. */
    public static final Throughput NONE = new Throughput(0, 0);
}
