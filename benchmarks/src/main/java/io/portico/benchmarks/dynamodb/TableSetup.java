package io.portico.benchmarks.dynamodb;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates the {@code bench} table and waits until it is ACTIVE (dynalite keeps a new table CREATING
 * for 500 ms by default). A target that refuses CreateTable stops the run with what it answered, so
 * "Portico does not serve DynamoDB yet" reads as such and not as a benchmark of error responses.
 */
final class TableSetup {

    /** The target answered CreateTable or DescribeTable with an error: nothing can be measured. */
    static final class TargetRefused extends Exception {
        TargetRefused(String message) {
            super(message);
        }
    }

    private TableSetup() {
    }

    static void create(InetSocketAddress address, DynamoDbRequests requests, String target)
            throws IOException, InterruptedException, TargetRefused {
        create(address, requests, target, BenchTable.NAME, BenchTable.createTable());
    }

    /** Sends {@code createTable} (a CreateTable body for table {@code name}); its answer once the table is ACTIVE. */
    static String create(InetSocketAddress address, DynamoDbRequests requests, String target, String name,
            String createTable) throws IOException, InterruptedException, TargetRefused {
        try (KeepAliveConnection connection = new KeepAliveConnection(address)) {
            KeepAliveConnection.Response created = connection.exchange(
                    DynamoDbRequests.request(requests.head("CreateTable"), createTable));
            if (created.status() != 200) {
                throw new TargetRefused(refusal(target, "CreateTable", created));
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                KeepAliveConnection.Response described = connection.exchange(
                        DynamoDbRequests.request(requests.head("DescribeTable"), BenchTable.describeTable(name)));
                if (described.status() != 200) {
                    throw new TargetRefused(refusal(target, "DescribeTable", described));
                }
                if (described.bodyText().contains("\"ACTIVE\"")) {
                    return created.bodyText();
                }
                if (System.nanoTime() > deadline) {
                    throw new TargetRefused(target + ": table " + name + " not ACTIVE after 30 s");
                }
                Thread.sleep(100);
            }
        }
    }

    /** E.g. {@code Portico answered 400 UnknownOperationException to CreateTable: DynamoDB is not served by this build}. */
    static String refusal(String target, String operation, KeepAliveConnection.Response response) {
        String body = response.bodyText();
        String type = errorType(body);
        String message = target + " answered " + response.status() + " " + type + " to " + operation;
        if (type.equals("UnknownOperationException")) {
            return message + ": DynamoDB is not served by this build";
        }
        return message + ": " + ClosedLoop.abbreviate(body);
    }

    /** The error code of an AWS JSON error body ({@code "__type":"com.amazonaws...#Code"} -> {@code Code}). */
    private static String errorType(String body) {
        int at = body.indexOf("\"__type\"");
        if (at < 0) {
            return "(no __type)";
        }
        int open = body.indexOf('"', body.indexOf(':', at) + 1);
        int close = body.indexOf('"', open + 1);
        if (open < 0 || close < 0) {
            return "(no __type)";
        }
        String type = body.substring(open + 1, close);
        return type.substring(type.lastIndexOf('#') + 1);
    }
}
