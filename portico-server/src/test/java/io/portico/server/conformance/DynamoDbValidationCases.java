package io.portico.server.conformance;

import static io.portico.server.conformance.RecordedValidationCases.notServed;

import java.util.List;

/**
 * The validation errors of DynamoDB's recordings ({@code test_dynamodb}). The control plane's recorded
 * errors are DynamoDB's own rules, not constraint violations, and are compared in {@code TableApiTest};
 * the two constraint violations recorded belong to operations served later (PartiQL, Kinesis streaming
 * destinations), and this test says when they arrive.
 */
final class DynamoDbValidationCases {
    private static final String SNAPSHOT = "test_dynamodb";

    private DynamoDbValidationCases() {
    }

    static List<RecordedCase> all() {
        return List.of(
                notServed("dynamodb", SNAPSHOT, "TestDynamoDB::test_dynamodb_execute_statement_empy_parameter",
                        "invalid-param-error", "ExecuteStatement"),
                notServed("dynamodb", SNAPSHOT, "TestDynamoDB::test_kinesis_streaming_destination_crud",
                        "update-bad-precision", "UpdateKinesisStreamingDestination"));
    }
}
