package io.portico.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.Member;
import io.portico.core.model.OperationModel;
import io.portico.core.model.Shape;
import io.portico.core.protocol.AccessKey;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.Caller;
import io.portico.core.service.ResourceScope;
import io.portico.core.service.ServiceApi;
import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.PorticoClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;

/**
 * One account never reaches another's resources. Two configured keys, of accounts A and B: B names A's
 * state machines, executions, activities, task tokens, functions and tables, through the SDK and through
 * operations generated from the models, and is refused as IAM refuses a caller without a policy.
 */
class AccountIsolationTest {
    static final String A = "111111111111";
    static final String B = "222222222222";

    @TempDir
    static Path dataDir;
    static PorticoServer server;
    static PorticoClients asA;
    static PorticoClients asB;

    @BeforeAll
    static void start() {
        server = PorticoServer.create(PorticoConfig.forTests(dataDir).withCredentials(List.of(
                AccessKey.parse("AKIDAAAA:secret-a:" + A), AccessKey.parse("AKIDBBBB:secret-b:" + B)))).start();
        asA = new PorticoClients(server.awsEndpoint(), "AKIDAAAA", "secret-a");
        asB = new PorticoClients(server.awsEndpoint(), "AKIDBBBB", "secret-b");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * The members the kit reads as naming resources, for every served operation, as reviewed: a change in
     * the models, the overlays or the rule in {@code ResourceScope} shows up here and has to be looked at.
     * (Which of them name the service's own resources, and so are scoped, depends on the value: an IAM
     * role ARN in {@code roleArn} passes.)
     */
    @Test
    void resourceMembers_ofEveryServedOperation_areTheReviewedOnes() {
        Map<String, List<String>> derived = new java.util.TreeMap<>();
        for (ServiceApi api : server.services().all()) {
            for (String name : api.servedOperations()) {
                api.model().operation(name).orElseThrow().input().map(ResourceScope::resourceMembers)
                        .filter(members -> !members.isEmpty())
                        .ifPresent(members -> derived.put(api.model().signingName() + ":" + name, members));
            }
        }
        assertThat(derived).containsExactlyInAnyOrderEntriesOf(REVIEWED_RESOURCE_MEMBERS);
    }

    static final Map<String, List<String>> REVIEWED_RESOURCE_MEMBERS = Map.ofEntries(
            Map.entry("states:CreateStateMachine", List.of("roleArn", "loggingConfiguration.destinations[].cloudWatchLogsLogGroup.logGroupArn")),
            Map.entry("states:CreateStateMachineAlias", List.of("routingConfiguration[].stateMachineVersionArn")),
            Map.entry("states:DeleteActivity", List.of("activityArn")),
            Map.entry("states:DeleteStateMachine", List.of("stateMachineArn")),
            Map.entry("states:DeleteStateMachineAlias", List.of("stateMachineAliasArn")),
            Map.entry("states:DeleteStateMachineVersion", List.of("stateMachineVersionArn")),
            Map.entry("states:DescribeActivity", List.of("activityArn")),
            Map.entry("states:DescribeExecution", List.of("executionArn")),
            Map.entry("states:DescribeMapRun", List.of("mapRunArn")),
            Map.entry("states:DescribeStateMachine", List.of("stateMachineArn")),
            Map.entry("states:DescribeStateMachineAlias", List.of("stateMachineAliasArn")),
            Map.entry("states:DescribeStateMachineForExecution", List.of("executionArn")),
            Map.entry("states:GetActivityTask", List.of("activityArn")),
            Map.entry("states:GetExecutionHistory", List.of("executionArn")),
            Map.entry("states:ListExecutions", List.of("stateMachineArn", "mapRunArn")),
            Map.entry("states:ListMapRuns", List.of("executionArn")),
            Map.entry("states:ListStateMachineAliases", List.of("stateMachineArn")),
            Map.entry("states:ListStateMachineVersions", List.of("stateMachineArn")),
            Map.entry("states:ListTagsForResource", List.of("resourceArn")),
            Map.entry("states:PublishStateMachineVersion", List.of("stateMachineArn")),
            Map.entry("states:RedriveExecution", List.of("executionArn")),
            Map.entry("states:StartExecution", List.of("stateMachineArn")),
            Map.entry("states:StartSyncExecution", List.of("stateMachineArn")),
            Map.entry("states:StopExecution", List.of("executionArn")),
            Map.entry("states:TagResource", List.of("resourceArn")),
            Map.entry("states:TestState", List.of("roleArn")),
            Map.entry("states:UntagResource", List.of("resourceArn")),
            Map.entry("states:UpdateMapRun", List.of("mapRunArn")),
            Map.entry("states:UpdateStateMachine", List.of("stateMachineArn", "roleArn", "loggingConfiguration.destinations[].cloudWatchLogsLogGroup.logGroupArn")),
            Map.entry("states:UpdateStateMachineAlias", List.of("stateMachineAliasArn", "routingConfiguration[].stateMachineVersionArn")),
            Map.entry("lambda:CreateAlias", List.of("FunctionName")),
            Map.entry("lambda:CreateEventSourceMapping", List.of("EventSourceArn", "FunctionName", "DestinationConfig.OnSuccess.Destination", "DestinationConfig.OnFailure.Destination")),
            Map.entry("lambda:CreateFunction", List.of("FunctionName", "Role", "DeadLetterConfig.TargetArn", "KMSKeyArn", "Layers[]", "FileSystemConfigs[].Arn", "CodeSigningConfigArn")),
            Map.entry("lambda:DeleteAlias", List.of("FunctionName")),
            Map.entry("lambda:DeleteFunction", List.of("FunctionName")),
            Map.entry("lambda:DeleteFunctionConcurrency", List.of("FunctionName")),
            Map.entry("lambda:DeleteFunctionEventInvokeConfig", List.of("FunctionName")),
            Map.entry("lambda:GetAlias", List.of("FunctionName")),
            Map.entry("lambda:GetFunction", List.of("FunctionName")),
            Map.entry("lambda:GetFunctionConcurrency", List.of("FunctionName")),
            Map.entry("lambda:GetFunctionConfiguration", List.of("FunctionName")),
            Map.entry("lambda:GetFunctionEventInvokeConfig", List.of("FunctionName")),
            Map.entry("lambda:Invoke", List.of("FunctionName")),
            Map.entry("lambda:ListAliases", List.of("FunctionName")),
            Map.entry("lambda:ListEventSourceMappings", List.of("EventSourceArn", "FunctionName")),
            Map.entry("lambda:ListFunctionEventInvokeConfigs", List.of("FunctionName")),
            Map.entry("lambda:ListTags", List.of("Resource")),
            Map.entry("lambda:ListVersionsByFunction", List.of("FunctionName")),
            Map.entry("lambda:PublishVersion", List.of("FunctionName")),
            Map.entry("lambda:PutFunctionConcurrency", List.of("FunctionName")),
            Map.entry("lambda:PutFunctionEventInvokeConfig", List.of("FunctionName", "DestinationConfig.OnSuccess.Destination", "DestinationConfig.OnFailure.Destination")),
            Map.entry("lambda:TagResource", List.of("Resource")),
            Map.entry("lambda:UntagResource", List.of("Resource")),
            Map.entry("lambda:UpdateAlias", List.of("FunctionName")),
            Map.entry("lambda:UpdateEventSourceMapping", List.of("FunctionName", "DestinationConfig.OnSuccess.Destination", "DestinationConfig.OnFailure.Destination")),
            Map.entry("lambda:UpdateFunctionCode", List.of("FunctionName")),
            Map.entry("lambda:UpdateFunctionConfiguration", List.of("FunctionName", "Role", "DeadLetterConfig.TargetArn", "KMSKeyArn", "Layers[]", "FileSystemConfigs[].Arn")),
            Map.entry("lambda:UpdateFunctionEventInvokeConfig", List.of("FunctionName", "DestinationConfig.OnSuccess.Destination", "DestinationConfig.OnFailure.Destination")),
            Map.entry("dynamodb:CreateTable", List.of("TableName")),
            Map.entry("dynamodb:BatchGetItem", List.of("RequestItems{key}")),
            Map.entry("dynamodb:BatchWriteItem", List.of("RequestItems{key}")),
            Map.entry("dynamodb:DeleteTable", List.of("TableName")),
            Map.entry("dynamodb:DescribeTable", List.of("TableName")),
            Map.entry("dynamodb:PutItem", List.of("TableName")),
            Map.entry("dynamodb:GetItem", List.of("TableName")),
            Map.entry("dynamodb:UpdateItem", List.of("TableName")),
            Map.entry("dynamodb:DeleteItem", List.of("TableName")),
            Map.entry("dynamodb:Query", List.of("TableName")),
            Map.entry("dynamodb:Scan", List.of("TableName")),
            Map.entry("dynamodb:DescribeTimeToLive", List.of("TableName")),
            Map.entry("dynamodb:DescribeContinuousBackups", List.of("TableName")),
            Map.entry("dynamodb:UpdateContinuousBackups", List.of("TableName")),
            Map.entry("dynamodb:DescribeContributorInsights", List.of("TableName")),
            Map.entry("dynamodb:ListTagsOfResource", List.of("ResourceArn")),
            Map.entry("dynamodb:TagResource", List.of("ResourceArn")),
            Map.entry("dynamodb:UntagResource", List.of("ResourceArn")),
            Map.entry("dynamodb:UpdateTable", List.of("TableName")),
            Map.entry("dynamodb:UpdateTimeToLive", List.of("TableName")),
            // DynamoDB Streams signs as dynamodb, and IAM names its actions dynamodb:<Operation>
            Map.entry("dynamodb:DescribeStream", List.of("StreamArn")),
            Map.entry("dynamodb:GetShardIterator", List.of("StreamArn")),
            Map.entry("dynamodb:ListStreams", List.of("ExclusiveStartStreamArn")),
            Map.entry("dynamodb:TransactGetItems", List.of("TransactItems[].Get.TableName")),
            Map.entry("dynamodb:TransactWriteItems", List.of("TransactItems[].ConditionCheck.TableName",
                    "TransactItems[].Put.TableName", "TransactItems[].Delete.TableName",
                    "TransactItems[].Update.TableName"))
);

    /**
     * Every served operation with a member naming a resource of its own service, called by B with A's
     * resource in that member (and placeholders elsewhere), is refused before anything else is checked.
     */
    @TestFactory
    List<DynamicTest> everyOperationNamingAResource_refusesAnotherAccounts() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ServiceApi api : server.services().all()) {
            for (String name : api.servedOperations()) {
                OperationModel operation = api.model().operation(name).orElseThrow();
                Shape.Structure input = operation.input().orElse(null);
                if (input == null || ResourceScope.resourceMembers(input).stream().noneMatch(m -> !m.contains("."))) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(api.model().signingName() + ":" + name, () -> {
                    ObjectNode document = foreign(input, api.model().signingName());
                    assertThatThrownBy(() -> server.bus().call(new Caller(B, "us-east-1",
                            java.util.Optional.of("AKIDBBBB")), api.model().sdkId(), name, document))
                            .isInstanceOfSatisfying(AwsErrorException.class, e -> {
                                assertThat(e.error().code()).isEqualTo("AccessDeniedException");
                                assertThat(e.error().message()).get().asString()
                                        .startsWith("User: arn:aws:iam::" + B + ":root is not authorized to perform: "
                                                + api.model().signingName() + ":" + name + " on resource: arn:aws:");
                            });
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(30);
        return tests;
    }

    @Test
    void stepFunctions_anotherAccountsMachinesExecutionsActivitiesAndTokens_areRefused() throws Exception {
        try (SfnClient a = asA.sfn(); SfnClient b = asB.sfn()) {
            String machine = a.createStateMachine(r -> r.name("private").roleArn("arn:aws:iam::" + A + ":role/r")
                    .definition("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Task\",\"Resource\":"
                            + "\"arn:aws:states:::lambda:invoke.waitForTaskToken\",\"Parameters\":{\"FunctionName\":"
                            + "\"nope\",\"Payload\":{\"t.$\":\"$$.Task.Token\"}},\"End\":true}}}"))
                    .stateMachineArn();
            String activity = a.createActivity(r -> r.name("work")).activityArn();
            String execution = a.startExecution(r -> r.stateMachineArn(machine)).executionArn();

            assertDenied(() -> b.describeStateMachine(r -> r.stateMachineArn(machine)));
            assertDenied(() -> b.startExecution(r -> r.stateMachineArn(machine)));
            assertDenied(() -> b.tagResource(r -> r.resourceArn(machine).tags(t -> t.key("k").value("v"))));
            assertDenied(() -> b.deleteStateMachine(r -> r.stateMachineArn(machine)));
            assertDenied(() -> b.getExecutionHistory(r -> r.executionArn(execution)));
            assertDenied(() -> b.getActivityTask(r -> r.activityArn(activity)));
            assertDenied(() -> b.deleteActivity(r -> r.activityArn(activity)));
            assertThat(a.describeStateMachine(r -> r.stateMachineArn(machine)).name()).isEqualTo("private");
            assertThat(a.describeActivity(r -> r.activityArn(activity)).name()).isEqualTo("work");
        }
    }

    @Test
    void dynamoDb_anotherAccountsTable_isRefusedByArn_andUnknownByName() {
        try (DynamoDbClient a = asA.dynamoDb(); DynamoDbClient b = asB.dynamoDb()) {
            String arn = a.createTable(r -> r.tableName("private-table").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))).tableDescription().tableArn();
            assertThat(arn).isEqualTo("arn:aws:dynamodb:us-east-1:" + A + ":table/private-table");

            assertDenied(() -> b.describeTable(r -> r.tableName(arn)));
            assertDenied(() -> b.deleteTable(r -> r.tableName(arn)));
            assertDenied(() -> b.updateTable(r -> r.tableName(arn).deletionProtectionEnabled(true)));
            assertDenied(() -> b.listTagsOfResource(r -> r.resourceArn(arn)));
            assertDenied(() -> b.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("k").value("v"))));
            assertThatThrownBy(() -> b.describeTable(r -> r.tableName("private-table")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> b.deleteTable(r -> r.tableName("private-table")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(b.listTables().tableNames()).doesNotContain("private-table");

            assertThat(a.describeTable(r -> r.tableName("private-table")).table().tableArn()).isEqualTo(arn);
            assertThat(a.listTagsOfResource(r -> r.resourceArn(arn)).tags()).isEmpty();
        }
    }

    /**
     * The members the generated test cannot reach: table ARNs as the keys of a batch's RequestItems, a
     * shard iterator minted for A, A's stream as a mapping's source, and A's table in a state machine's
     * optimized DynamoDB task.
     */
    @Test
    void dynamoDb_anotherAccountsTableAndStream_areRefusedInBatchesIteratorsMappingsAndTasks() {
        try (DynamoDbClient a = asA.dynamoDb(); DynamoDbClient b = asB.dynamoDb();
                DynamoDbStreamsClient aStreams = asA.dynamoDbStreams(); DynamoDbStreamsClient bStreams = asB.dynamoDbStreams();
                LambdaClient bLambda = asB.lambda(); SfnClient bSfn = asB.sfn()) {
            var table = a.createTable(r -> r.tableName("streamed").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                    .tableDescription();
            Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("secret"));
            a.putItem(r -> r.tableName("streamed").item(key));
            String shard = aStreams.describeStream(r -> r.streamArn(table.latestStreamArn()))
                    .streamDescription().shards().get(0).shardId();
            String iterator = aStreams.getShardIterator(r -> r.streamArn(table.latestStreamArn()).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

            assertDenied(() -> b.batchGetItem(r -> r.requestItems(Map.of(table.tableArn(),
                    KeysAndAttributes.builder().keys(key).build()))));
            assertDenied(() -> b.batchWriteItem(r -> r.requestItems(Map.of(table.tableArn(),
                    List.of(WriteRequest.builder().deleteRequest(d -> d.key(key)).build())))));
            // the iterator names A's stream, which B cannot see (docs/tables.md: not AWS's AccessDenied)
            assertThatThrownBy(() -> bStreams.getRecords(r -> r.shardIterator(iterator)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException"));
            assertThat(bStreams.listStreams().streams()).isEmpty();
            bLambda.createFunction(r -> r.functionName("b-handler").runtime(Runtime.JAVA21)
                    .role("arn:aws:iam::" + B + ":role/r").handler("example.EchoHandler::handleRequest")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
            assertThatThrownBy(() -> bLambda.createEventSourceMapping(r -> r.functionName("b-handler")
                    .eventSourceArn(table.latestStreamArn()).startingPosition("TRIM_HORIZON")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Stream not found: "
                                + table.latestStreamArn());
                    });
            String machine = bSfn.createStateMachine(r -> r.name("reader").roleArn("arn:aws:iam::" + B + ":role/r")
                    .type("EXPRESS").definition("{\"StartAt\":\"Get\",\"States\":{\"Get\":{\"Type\":\"Task\","
                            + "\"Resource\":\"arn:aws:states:::dynamodb:getItem\",\"Parameters\":{\"TableName\":\""
                            + table.tableArn() + "\",\"Key\":{\"id\":{\"S\":\"secret\"}}},\"End\":true}}}"))
                    .stateMachineArn();
            var result = bSfn.startSyncExecution(r -> r.stateMachineArn(machine).input("{}"));
            assertThat(result.status()).isEqualTo(software.amazon.awssdk.services.sfn.model.SyncExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("DynamoDB.AccessDeniedException");

            assertThat(a.getItem(r -> r.tableName("streamed").key(key)).item()).isEqualTo(key);
            assertThat(aStreams.getRecords(r -> r.shardIterator(iterator)).records()).hasSize(1);
        }
    }

    @Test
    void stepFunctions_anotherAccountsTaskToken_isInvalidForTheCaller() {
        try (SfnClient b = asB.sfn()) {
            String foreign = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (java.util.UUID.randomUUID() + "|arn:aws:states:us-east-1:" + A + ":execution:m:e")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThatThrownBy(() -> b.sendTaskSuccess(r -> r.taskToken(foreign).output("{}")))
                    .isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void lambda_anotherAccountsFunctions_areRefusedByArnAndPartialArn() throws Exception {
        try (LambdaClient a = asA.lambda(); LambdaClient b = asB.lambda()) {
            String arn = a.createFunction(r -> r.functionName("mine").runtime(Runtime.JAVA21)
                    .role("arn:aws:iam::" + A + ":role/r").handler("example.EchoHandler::handleRequest")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes())))).functionArn();

            assertDenied(() -> b.getFunction(r -> r.functionName(arn)));
            assertDenied(() -> b.invoke(r -> r.functionName(A + ":function:mine")));
            assertDenied(() -> b.deleteFunction(r -> r.functionName(arn)));
            assertDenied(() -> b.listTags(r -> r.resource(arn)));
            var logs = java.net.http.HttpClient.newHttpClient().send(asB.signedGet("/_portico/lambda/logs/" + arn, "lambda"),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(logs.statusCode()).isEqualTo(403);
            assertThat(logs.body()).contains("AccessDeniedException");
            assertThat(a.getFunction(r -> r.functionName("mine")).configuration().functionArn()).isEqualTo(arn);
        }
    }

    @Test
    void stateMachineOfB_invokingAFunctionOfA_failsAsAccessDenied() {
        try (LambdaClient a = asA.lambda(); SfnClient b = asB.sfn()) {
            String arn = a.createFunction(r -> r.functionName("echo-a").runtime(Runtime.JAVA21)
                    .role("arn:aws:iam::" + A + ":role/r").handler("example.EchoHandler::handleRequest")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes())))).functionArn();
            String machine = b.createStateMachine(r -> r.name("borrower").roleArn("arn:aws:iam::" + B + ":role/r")
                    .type("EXPRESS").definition("{\"StartAt\":\"Call\",\"States\":{\"Call\":{\"Type\":\"Task\","
                            + "\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":\""
                            + arn + "\",\"Payload\":{}},\"End\":true}}}")).stateMachineArn();

            var result = b.startSyncExecution(r -> r.stateMachineArn(machine).input("{}"));

            assertThat(result.status()).isEqualTo(software.amazon.awssdk.services.sfn.model.SyncExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("Lambda.AccessDeniedException");
        }
    }

    @Test
    void anotherRegionOfTheCallersAccount_isNotReached() {
        try (LambdaClient b = asB.lambda(); SfnClient sfn = asB.sfn()) {
            assertThatThrownBy(() -> b.getFunction(r -> r.functionName("arn:aws:lambda:us-west-2:" + B + ":function:f")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Functions from 'us-west-2' are not reachable in this region ('us-east-1')");
                    });
            assertThatThrownBy(() -> sfn.describeStateMachine(r -> r.stateMachineArn(
                    "arn:aws:states:eu-west-1:" + B + ":stateMachine:m")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        }
    }

    private static void assertDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }

    /** An input whose resource-naming members name account A's resources and whose other members are placeholders. */
    private static ObjectNode foreign(Shape.Structure input, String service) {
        ObjectNode out = Json.object();
        for (Member member : input.members().values()) {
            JsonNode value = placeholder(member, service);
            if (value != null) {
                out.set(member.name(), value);
            }
        }
        return out;
    }

    private static JsonNode placeholder(Member member, String service) {
        return switch (member.shape()) {
            case Shape.StringShape s -> Json.mapper().getNodeFactory().textNode(
                    "arn:aws:" + service + ":us-east-1:" + A + ":" + (service.equals("lambda") ? "function:f" : "resource:x"));
            case Shape.NumberShape n -> Json.mapper().getNodeFactory().numberNode(1);
            case Shape.BooleanShape b -> Json.mapper().getNodeFactory().booleanNode(false);
            case Shape.ListShape l -> Json.mapper().createArrayNode();
            case Shape.MapShape m when m.key().shape().name().endsWith("Arn") -> { // keyed by A's resource
                ObjectNode map = Json.object();
                map.set("arn:aws:" + service + ":us-east-1:" + A + ":resource:x", placeholder(m.value(), service));
                yield map;
            }
            case Shape.Structure s -> Json.object();
            default -> null;
        };
    }
}
