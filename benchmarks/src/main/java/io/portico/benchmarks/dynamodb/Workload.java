package io.portico.benchmarks.dynamodb;

/**
 * One kind of request the closed loop sends over and over: which DynamoDB operation, the body of a
 * worker's next request, and what a correct answer looks like beyond HTTP 200 (a GetItem of a preloaded
 * key must find the item, a Query must return 100 items, a batch must leave nothing unprocessed).
 */
interface Workload {

    /** The name in results, e.g. {@code GetItem} or {@code Query-1000000}. */
    String name();

    /** The DynamoDB operation, the suffix of {@code X-Amz-Target}. */
    String operation();

    /** Items each request writes or reads (25 for a batch, 100 for a Query, else 1). */
    int itemsPerRequest();

    /** The body of {@code worker}'s request number {@code seq} (both from 0). */
    String body(int worker, long seq);

    /**
     * Checks a 200 response's body.
     *
     * @return null if it is what the workload expects, else why not (counted as an error)
     */
    String check(String body);
}
