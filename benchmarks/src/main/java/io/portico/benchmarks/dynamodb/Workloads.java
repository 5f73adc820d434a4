package io.portico.benchmarks.dynamodb;

import java.util.concurrent.ThreadLocalRandom;

/** The workloads on {@link BenchTable}, each a {@link Workload}. */
final class Workloads {

    private Workloads() {
    }

    /** PutItem of a new item each time (a key no request used before in this run). */
    static Workload putItem(String run) {
        return new Simple("PutItem", "PutItem", 1) {
            @Override
            public String body(int worker, long seq) {
                return "{\"TableName\":\"" + BenchTable.NAME + "\",\"Item\":"
                        + BenchTable.item(newKey(run + "p", worker, seq)) + "}";
            }
        };
    }

    /** GetItem of a random preloaded item; the answer must hold the item. */
    static Workload getItem(long preloaded) {
        return new Simple("GetItem", "GetItem", 1) {
            @Override
            public String body(int worker, long seq) {
                return "{\"TableName\":\"" + BenchTable.NAME + "\",\"Key\":{"
                        + BenchTable.preloadedKey(ThreadLocalRandom.current().nextLong(preloaded)) + "}}";
            }

            @Override
            public String check(String body) {
                return body.contains("\"Item\"") ? null : "GetItem of a preloaded key found no item";
            }
        };
    }

    /** UpdateItem of a random preloaded item: {@code SET #c = #c + :one} if {@code attribute_exists(pk)}. */
    static Workload conditionalUpdate(long preloaded) {
        return new Simple("UpdateItem", "UpdateItem", 1) {
            @Override
            public String body(int worker, long seq) {
                return "{\"TableName\":\"" + BenchTable.NAME + "\",\"Key\":{"
                        + BenchTable.preloadedKey(ThreadLocalRandom.current().nextLong(preloaded)) + "},"
                        + "\"UpdateExpression\":\"SET #c = #c + :one\","
                        + "\"ConditionExpression\":\"attribute_exists(pk)\","
                        + "\"ExpressionAttributeNames\":{\"#c\":\"c\"},"
                        + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}";
            }
        };
    }

    /** Query of one random preloaded partition, {@code Limit 100}: must return exactly 100 items. */
    static Workload query(long preloaded) {
        long partitions = preloaded / BenchTable.ITEMS_PER_PARTITION;
        return new Simple("Query-" + preloaded, "Query", BenchTable.ITEMS_PER_PARTITION) {
            @Override
            public String body(int worker, long seq) {
                return "{\"TableName\":\"" + BenchTable.NAME + "\",\"KeyConditionExpression\":\"pk = :p\","
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\""
                        + BenchTable.partitionKey(ThreadLocalRandom.current().nextLong(partitions)) + "\"}},"
                        + "\"Limit\":" + BenchTable.ITEMS_PER_PARTITION + "}";
            }

            @Override
            public String check(String body) {
                long count = JsonScan.number(body, "Count");
                return count == BenchTable.ITEMS_PER_PARTITION ? null : "Query returned Count " + count;
            }
        };
    }

    /** BatchWriteItem of 25 new items; nothing may come back unprocessed. */
    static Workload batchWrite(String run) {
        return new Simple("BatchWriteItem", "BatchWriteItem", 25) {
            @Override
            public String body(int worker, long seq) {
                StringBuilder body = new StringBuilder(25 * 260);
                body.append("{\"RequestItems\":{\"").append(BenchTable.NAME).append("\":[");
                for (int i = 0; i < 25; i++) {
                    body.append(i == 0 ? "" : ",").append(BenchTable.putRequest(newKey(run + "b", worker, seq * 25 + i)));
                }
                return body.append("]}}").toString();
            }

            @Override
            public String check(String body) {
                return JsonScan.emptyObject(body, "UnprocessedItems") ? null : "BatchWriteItem left items unprocessed";
            }
        };
    }

    /**
     * BatchWriteItem of preloaded items {@code from} (inclusive) to {@code to} (exclusive), 25 a request:
     * request {@code seq} (counted across all workers) writes items {@code from + 25 seq} onwards.
     */
    static String preloadBatch(long first, long to) {
        StringBuilder body = new StringBuilder(25 * 260);
        body.append("{\"RequestItems\":{\"").append(BenchTable.NAME).append("\":[");
        for (long i = first; i < Math.min(first + 25, to); i++) {
            body.append(i == first ? "" : ",").append(BenchTable.putRequest(BenchTable.preloadedKey(i)));
        }
        return body.append("]}}").toString();
    }

    private static String newKey(String prefix, int worker, long seq) {
        return BenchTable.keyFields("n" + prefix + "-" + worker + "-" + seq, "s0000");
    }

    /** A workload whose name, operation and item count are fixed and whose 200 answers need no check. */
    private abstract static class Simple implements Workload {
        private final String name;
        private final String operation;
        private final int items;

        Simple(String name, String operation, int items) {
            this.name = name;
            this.operation = operation;
            this.items = items;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String operation() {
            return operation;
        }

        @Override
        public int itemsPerRequest() {
            return items;
        }

        @Override
        public String check(String body) {
            return null;
        }
    }
}
