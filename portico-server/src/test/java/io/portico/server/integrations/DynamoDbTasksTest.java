package io.portico.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * Step Functions' optimized DynamoDB integrations ({@code arn:aws:states:::dynamodb:getItem|putItem|
 * updateItem|deleteItem}) and the AWS SDK one ({@code aws-sdk:dynamodb:*}) through the call bus, against
 * tables served by the same Portico: the results as AWS records them (LocalStack's AWS-validated
 * test_dynamodb_task_service snapshot: the item, and for the optimized ones {@code SdkHttpMetadata} with
 * the response's length and CRC32), and the errors a Catch names.
 */
@PorticoTest
class DynamoDbTasksTest {

    @Test
    void putThenGetItem_returnsWhatAwsRecords(PorticoClients clients) throws IOException {
        try (SfnClient sfn = clients.sfn(); DynamoDbClient dynamo = clients.dynamoDb()) {
            table(dynamo, "sfn-items");
            JsonNode output = run(sfn, "ddb-put-get", """
                    {"StartAt": "PutItem", "States": {
                      "PutItem": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                        "Parameters": {"TableName": "sfn-items", "Item.$": "$.Item"},
                        "ResultPath": "$.putItemOutput", "Next": "GetItem"},
                      "GetItem": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                        "Parameters": {"TableName": "sfn-items", "Key.$": "$.Key"},
                        "ResultPath": "$.getItemOutput", "End": true}}}""", """
                    {"Item": {"data": {"S": "HelloWorld"}, "id": {"S": "id1"}}, "Key": {"id": {"S": "id1"}}}""");

            JsonNode put = output.path("putItemOutput");
            assertThat(put.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
            assertThat(put.path("SdkHttpMetadata").path("HttpHeaders").path("Content-Length").asText()).isEqualTo("2");
            // PutItem answers {}: its CRC32, worked out independently (Python's zlib.crc32(b'{}')).
            assertThat(put.path("SdkHttpMetadata").path("HttpHeaders").path("x-amz-crc32").asText())
                    .isEqualTo("2745614147");
            assertThat(put.path("SdkHttpMetadata").path("AllHttpHeaders").path("Content-Type").get(0).asText())
                    .isEqualTo("application/x-amz-json-1.0");
            assertThat(put.path("SdkResponseMetadata").path("RequestId").asText())
                    .isEqualTo(put.path("SdkHttpMetadata").path("HttpHeaders").path("x-amzn-RequestId").asText());
            assertThat(fieldNames(put.path("SdkHttpMetadata").path("HttpHeaders"))).containsExactly("Connection",
                    "Content-Length", "Content-Type", "Date", "Server", "x-amz-crc32", "x-amzn-RequestId");

            JsonNode got = output.path("getItemOutput");
            assertThat(got.path("Item")).isEqualTo(Json.mapper().readTree(
                    "{\"data\": {\"S\": \"HelloWorld\"}, \"id\": {\"S\": \"id1\"}}"));
            // The length and checksum are those of DynamoDB's JSON answer, as the SDK for Java v1 saw it.
            byte[] body = Json.write(Json.object().set("Item", got.path("Item")));
            CRC32 crc = new CRC32();
            crc.update(body);
            assertThat(got.path("SdkHttpMetadata").path("HttpHeaders").path("Content-Length").asText())
                    .isEqualTo(Integer.toString(body.length));
            assertThat(got.path("SdkHttpMetadata").path("HttpHeaders").path("x-amz-crc32").asText())
                    .isEqualTo(Long.toString(crc.getValue()));
        }
    }

    @Test
    void updateItemWithAFailedCondition_isDynamoDbConditionalCheckFailedForCatch(PorticoClients clients) {
        try (SfnClient sfn = clients.sfn(); DynamoDbClient dynamo = clients.dynamoDb()) {
            table(dynamo, "sfn-counters");
            dynamo.putItem(b -> b.tableName("sfn-counters").item(Map.of("id", AttributeValue.fromS("c"),
                    "n", AttributeValue.fromN("5"))));
            JsonNode output = run(sfn, "ddb-update", """
                    {"StartAt": "Bump", "States": {
                      "Bump": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
                        "Parameters": {"TableName": "sfn-counters", "Key": {"id": {"S": "c"}},
                          "UpdateExpression": "SET n = n + :one", "ConditionExpression": "n < :max",
                          "ExpressionAttributeValues": {":one": {"N": "1"}, ":max": {"N": "5"}}},
                        "Catch": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "Next": "Full"}],
                        "End": true},
                      "Full": {"Type": "Pass", "End": true}}}""", "{}");

            assertThat(output.path("Error").asText()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
            assertThat(output.path("Cause").asText()).startsWith("The conditional request failed (Service: "
                    + "AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: ");
            assertThat(dynamo.getItem(b -> b.tableName("sfn-counters").key(Map.of("id", AttributeValue.fromS("c"))))
                    .item().get("n").n()).isEqualTo("5");
        }
    }

    @Test
    void deleteItem_andTheSdkIntegrationsQuery(PorticoClients clients) {
        try (SfnClient sfn = clients.sfn(); DynamoDbClient dynamo = clients.dynamoDb()) {
            table(dynamo, "sfn-deletes");
            dynamo.putItem(b -> b.tableName("sfn-deletes").item(Map.of("id", AttributeValue.fromS("gone"))));
            JsonNode output = run(sfn, "ddb-delete", """
                    {"StartAt": "Delete", "States": {
                      "Delete": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:deleteItem",
                        "Parameters": {"TableName": "sfn-deletes", "Key": {"id": {"S": "gone"}}, "ReturnValues": "ALL_OLD"},
                        "ResultSelector": {"old.$": "$.Attributes"}, "ResultPath": "$.deleted", "Next": "Query"},
                      "Query": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:query",
                        "Parameters": {"TableName": "sfn-deletes", "KeyConditionExpression": "id = :id",
                          "ExpressionAttributeValues": {":id": {"S": "gone"}}},
                        "ResultPath": "$.queryOutput", "End": true}}}""", "{}");

            assertThat(output.path("deleted").path("old").path("id").path("S").asText()).isEqualTo("gone");
            // The AWS SDK integration's result has no HTTP metadata, as recorded.
            assertThat(output.path("queryOutput").path("Count").asInt()).isZero();
            assertThat(output.path("queryOutput").has("SdkHttpMetadata")).isFalse();
        }
    }

    @Test
    void missingTable_isNamedByEachDialect(PorticoClients clients) {
        try (SfnClient sfn = clients.sfn()) {
            StartSyncExecutionResponse optimized = start(sfn, "ddb-missing", """
                    {"StartAt": "Get", "States": {"Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                      "Parameters": {"TableName": "no-such-table", "Key": {"id": {"S": "x"}}}, "End": true}}}""", "{}");
            StartSyncExecutionResponse sdk = start(sfn, "ddb-missing-sdk", """
                    {"StartAt": "Get", "States": {"Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:getItem",
                      "Parameters": {"TableName": "no-such-table", "Key": {"id": {"S": "x"}}}, "End": true}}}""", "{}");

            assertThat(optimized.status()).isEqualTo(SyncExecutionStatus.FAILED);
            assertThat(optimized.error()).isEqualTo("DynamoDB.ResourceNotFoundException");
            assertThat(optimized.cause()).contains("(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: "
                    + "ResourceNotFoundException; Request ID: ");
            assertThat(sdk.error()).isEqualTo("DynamoDb.ResourceNotFoundException");
            assertThat(sdk.cause()).contains("(Service: DynamoDb, Status Code: 400, Request ID: ");
        }
    }

    @Test
    void anErrorTheModelDoesNotDeclare_isTheClientsBaseException(PorticoClients clients) {
        try (SfnClient sfn = clients.sfn(); DynamoDbClient dynamo = clients.dynamoDb()) {
            table(dynamo, "sfn-invalid");
            // An item without its key is DynamoDB's ValidationException, which no operation of its model declares.
            StartSyncExecutionResponse optimized = start(sfn, "ddb-invalid", """
                    {"StartAt": "Put", "States": {"Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                      "Parameters": {"TableName": "sfn-invalid", "Item": {"other": {"S": "x"}}}, "End": true}}}""", "{}");
            StartSyncExecutionResponse sdk = start(sfn, "ddb-invalid-sdk", """
                    {"StartAt": "Put", "States": {"Put": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:putItem",
                      "Parameters": {"TableName": "sfn-invalid", "Item": {"other": {"S": "x"}}}, "End": true}}}""", "{}");

            assertThat(optimized.error()).isEqualTo("DynamoDB.AmazonDynamoDBException");
            assertThat(optimized.cause()).contains("; Error Code: ValidationException; ");
            assertThat(sdk.error()).isEqualTo("DynamoDb.DynamoDbException");
        }
    }

    private static void table(DynamoDbClient dynamo, String name) {
        dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode run(SfnClient sfn, String name, String definition, String input) {
        StartSyncExecutionResponse result = start(sfn, name, definition, input);
        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        try {
            return Json.mapper().readTree(result.output());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StartSyncExecutionResponse start(SfnClient sfn, String name, String definition, String input) {
        String machine = sfn.createStateMachine(b -> b.name(name).type(StateMachineType.EXPRESS).definition(definition)
                .roleArn(TestFunctions.ROLE)).stateMachineArn();
        return sfn.startSyncExecution(b -> b.stateMachineArn(machine).input(input));
    }
}
