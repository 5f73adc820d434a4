package io.portico.tables.engine.item;

/**
 * What a request asks to be told besides its result: consumed capacity ({@code ReturnConsumedCapacity}) and,
 * for a write to a table with local indexes, the item collection's size ({@code ReturnItemCollectionMetrics}).
 */
public record Reporting(CapacityDetail capacity, boolean itemCollectionMetrics) {
    public static final Reporting NONE = new Reporting(CapacityDetail.NONE, false);

    /** DynamoDB's {@code ReturnConsumedCapacity}. */
    public enum CapacityDetail {
        NONE, TOTAL, INDEXES
    }
}
