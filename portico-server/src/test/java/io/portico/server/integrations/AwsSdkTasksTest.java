package io.portico.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * Step Functions' AWS SDK integrations ({@code arn:aws:states:::aws-sdk:<service>:<action>}) through the
 * call bus: parameters in PascalCase become the operation's input, the output comes back in PascalCase
 * (timestamps as ISO-8601, blobs as text), and a service error is {@code <Service>.<Code>Exception} a
 * Catch can name.
 */
@PorticoTest
class AwsSdkTasksTest {

    @Test
    void lambdaInvoke_returnsPayloadAsTextAndStatus(PorticoClients clients) throws Exception {
        try (LambdaClient lambda = clients.lambda(); SfnClient sfn = clients.sfn()) {
            lambda.createFunction(b -> b.functionName("sdk-echo").runtime(Runtime.JAVA21)
                    .handler("example.EchoHandler::handleRequest").role(TestFunctions.ROLE)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("sdk-echo"));

            JsonNode output = run(sfn, "sdk-lambda", """
                    {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                      "Resource": "arn:aws:states:::aws-sdk:lambda:invoke",
                      "Parameters": {"FunctionName": "sdk-echo", "Payload": {"hello": "bus"}},
                      "ResultSelector": {"status.$": "$.StatusCode", "version.$": "$.ExecutedVersion",
                                         "echo.$": "States.StringToJson($.Payload)"},
                      "End": true}}}""", "{}");

            assertThat(output.path("status").asInt()).isEqualTo(200);
            assertThat(output.path("version").asText()).isEqualTo("$LATEST");
            assertThat(output.path("echo").path("hello").asText()).isEqualTo("bus");
        }
    }

    @Test
    void lambdaInvoke_missingFunction_isLambdaResourceNotFoundExceptionForCatch(PorticoClients clients) {
        try (SfnClient sfn = clients.sfn()) {
            JsonNode output = run(sfn, "sdk-lambda-missing", """
                    {"StartAt": "Call", "States": {
                      "Call": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:lambda:invoke",
                        "Parameters": {"FunctionName": "no-such-function"},
                        "Catch": [{"ErrorEquals": ["Lambda.ResourceNotFoundException"], "Next": "Caught"}],
                        "End": true},
                      "Caught": {"Type": "Pass", "End": true}}}""", "{}");

            assertThat(output.path("Error").asText()).isEqualTo("Lambda.ResourceNotFoundException");
            assertThat(output.path("Cause").asText()).contains("(Service: Lambda, Status Code: 404, Request ID: ");
        }
    }

    @Test
    void sfnStartExecution_startsAnotherMachineAndReturnsPascalCaseOutput(PorticoClients clients) {
        try (SfnClient sfn = clients.sfn()) {
            String target = sfn.createStateMachine(b -> b.name("sdk-target").roleArn(TestFunctions.ROLE)
                    .definition("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"))
                    .stateMachineArn();

            JsonNode output = run(sfn, "sdk-starter", """
                    {"StartAt": "Start", "States": {"Start": {"Type": "Task",
                      "Resource": "arn:aws:states:::aws-sdk:sfn:startExecution",
                      "Parameters": {"StateMachineArn": "%s", "Name": "from-a-task", "Input": "{\\"x\\":1}"},
                      "End": true}}}""".formatted(target), "{}");

            assertThat(output.path("ExecutionArn").asText()).endsWith(":execution:sdk-target:from-a-task");
            assertThat(output.path("StartDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(sfn.describeExecution(b -> b.executionArn(output.path("ExecutionArn").asText())).input())
                    .isEqualTo("{\"x\":1}");
        }
    }

    @Test
    void sfnDescribeStateMachine_missing_isSfnStateMachineDoesNotExistException(PorticoClients clients) {
        try (SfnClient sfn = clients.sfn()) {
            StartSyncExecutionResponse result = start(sfn, "sdk-describe", """
                    {"StartAt": "Describe", "States": {"Describe": {"Type": "Task",
                      "Resource": "arn:aws:states:::aws-sdk:sfn:describeStateMachine",
                      "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:none"},
                      "End": true}}}""", "{}");

            assertThat(result.status()).isEqualTo(SyncExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("Sfn.StateMachineDoesNotExistException");
            assertThat(result.cause()).startsWith("State Machine Does Not Exist: "
                    + "'arn:aws:states:us-east-1:000000000000:stateMachine:none' (Service: Sfn, Status Code: 400");
        }
    }

    private static JsonNode run(SfnClient sfn, String name, String definition, String input) {
        StartSyncExecutionResponse result = start(sfn, name, definition, input);
        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        try {
            return Json.mapper().readTree(result.output());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StartSyncExecutionResponse start(SfnClient sfn, String name, String definition, String input) {
        String machine = sfn.createStateMachine(b -> b.name(name).type(StateMachineType.EXPRESS).definition(definition)
                .roleArn(TestFunctions.ROLE)).stateMachineArn();
        return sfn.startSyncExecution(b -> b.stateMachineArn(machine).input(input));
    }
}
