package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB's error body on the wire, which clients that read it themselves depend on: the namespaced
 * {@code __type} and the lower-case {@code message}, HTTP 400 (DESIGN.md's fidelity notes; DynamoDB
 * Local gets the case wrong). And DynamoDB Streams' target prefix, not yet served, reaches no DynamoDB
 * operation.
 */
@PorticoTest
class TableWireTest {
    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(URI endpoint, String target, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint).header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void resourceNotFound_isTheNamespacedTypeWithALowerCaseMessage(URI endpoint) throws Exception {
        HttpResponse<String> response = post(endpoint, "DynamoDB_20120810.DescribeTable", "{\"TableName\":\"nope\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                + "\"message\":\"Requested resource not found: Table: nope not found\"}");
    }

    @Test
    void validationError_isCoralsValidationException(URI endpoint) throws Exception {
        HttpResponse<String> response = post(endpoint, "DynamoDB_20120810.DescribeTable", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":"
                + "\"1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null\"}");
    }

    @Test
    void streamsTarget_reachesDynamoDbStreams_notDynamoDb(URI endpoint) throws Exception {
        HttpResponse<String> streams = post(endpoint, "DynamoDBStreams_20120810.ListStreams", "{}");
        HttpResponse<String> streamsOperationOnDynamoDb = post(endpoint, "DynamoDB_20120810.ListStreams", "{}");

        assertThat(streams.statusCode()).isEqualTo(200);
        assertThat(streams.body()).isEqualTo("{\"Streams\":[]}");
        assertThat(streamsOperationOnDynamoDb.statusCode()).isEqualTo(400);
        assertThat(streamsOperationOnDynamoDb.body())
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
    }
}
