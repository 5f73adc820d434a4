package io.portico.server.conformance;

import static io.portico.server.conformance.RecordedValidationCases.matches;
import static io.portico.server.conformance.RecordedValidationCases.notServed;

import io.portico.server.conformance.RecordedCase.Call;
import java.util.List;

/**
 * The validation errors of DynamoDB's recordings ({@code test_dynamodb}). The control plane's recorded
 * errors are DynamoDB's own rules, not constraint violations, and are compared in {@code TableApiTest};
 * of the two constraint violations recorded, ExecuteStatement's (PartiQL) is matched, and the Kinesis
 * streaming destinations' belongs to an operation served later: this test says when it arrives.
 */
final class DynamoDbValidationCases {
    private static final String SNAPSHOT = "test_dynamodb";

    private DynamoDbValidationCases() {
    }

    static List<RecordedCase> all() {
        return List.of(
                matches(SNAPSHOT, "TestDynamoDB::test_dynamodb_execute_statement_empy_parameter",
                        "invalid-param-error", Call.of("dynamodb", "ExecuteStatement",
                                "{\"Statement\":\"SELECT * FROM \\\"t\\\" WHERE id = ?\",\"Parameters\":[]}")),
                notServed("dynamodb", SNAPSHOT, "TestDynamoDB::test_kinesis_streaming_destination_crud",
                        "update-bad-precision", "UpdateKinesisStreamingDestination"));
    }
}
