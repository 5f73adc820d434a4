package io.portico.benchmarks.dynamodb;

/**
 * The table every workload runs on and the shape of its items, as JSON bodies. Table {@code bench},
 * partition key {@code pk} (S), sort key {@code sk} (S). A preloaded item {@code i} lives in partition
 * {@code i / 100} at sort position {@code i % 100}, so every preloaded partition holds exactly
 * {@value #ITEMS_PER_PARTITION} items and a Query of one partition returns 100 whatever the table's
 * size: the point of the 10k-vs-1M Query comparison. Items written by PutItem and BatchWriteItem get
 * keys of their own ({@code n<run>-<worker>-<seq>}) that no preloaded partition uses.
 *
 * <p>An item is about 200 bytes as DynamoDB counts size (attribute names plus values): {@code pk}
 * (10), {@code sk} (6), {@code c} (a number, 2) and {@code d} (a 180-character string, 181).
 */
final class BenchTable {

    static final String NAME = "bench";
    static final int ITEMS_PER_PARTITION = 100;
    private static final String PADDING = "x".repeat(180);

    private BenchTable() {
    }

    static String createTable() {
        return createTable(NAME, "");
    }

    /**
     * CreateTable of {@code name} with this table's keys; {@code more} is added as it stands (e.g. a
     * {@code "StreamSpecification":...} member and a comma).
     */
    static String createTable(String name, String more) {
        return "{\"TableName\":\"" + name + "\"," + more
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"BillingMode\":\"PAY_PER_REQUEST\"}";
    }

    static String describeTable(String name) {
        return "{\"TableName\":\"" + name + "\"}";
    }

    static String partitionKey(long partition) {
        return "p" + pad(partition, 8);
    }

    static String sortKey(long position) {
        return "s" + pad(position, 4);
    }

    /** {@code "pk":{"S":...},"sk":{"S":...}} without braces, for Key and Item bodies alike. */
    static String keyFields(String pk, String sk) {
        return "\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"S\":\"" + sk + "\"}";
    }

    static String preloadedKey(long index) {
        return keyFields(partitionKey(index / ITEMS_PER_PARTITION), sortKey(index % ITEMS_PER_PARTITION));
    }

    /** A whole item (with braces) under the given key fields. */
    static String item(String keyFields) {
        return "{" + keyFields + ",\"c\":{\"N\":\"0\"},\"d\":{\"S\":\"" + PADDING + "\"}}";
    }

    /** A PutRequest element of a BatchWriteItem body. */
    static String putRequest(String keyFields) {
        return "{\"PutRequest\":{\"Item\":" + item(keyFields) + "}}";
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
