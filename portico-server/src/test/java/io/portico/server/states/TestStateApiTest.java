package io.portico.server.states;

import static io.portico.server.states.StateMachineApiTest.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * TestState through the official SfnClient and, for the members SDK 2.35.0 does not model yet
 * ({@code mock}, {@code stateName}, {@code context}, {@code stateConfiguration}), through the raw
 * AWS JSON 1.0 protocol.
 */
@PorticoTest
class TestStateApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASS = """
            {"Type": "Pass", "InputPath": "$.order", "Parameters": {"id.$": "$.id", "fixed": 1},
             "ResultPath": "$.shaped", "Next": "Ship"}""";
    private static final String CHOICE = """
            {"Type": "Choice", "Choices": [
               {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
               {"Variable": "$.total", "NumericLessThanEquals": 100, "Next": "Approve"}]}""";
    private static final String LAMBDA_TASK = """
            {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Parameters": {"FunctionName": "quote", "Payload.$": "$"},
             "ResultSelector": {"price.$": "$.Payload.price"}, "ResultPath": "$.quote", "Next": "Book",
             "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "BackoffRate": 3,
                        "MaxAttempts": 2}],
             "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Apologise"}]}""";

    private final SfnClient sfn;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    TestStateApiTest(PorticoClients clients) {
        this.sfn = clients.sfn();
        this.endpoint = clients.endpoint();
    }

    @Test
    void pass_info_returnsOutputAndNextStateOnly() {
        TestStateResponse response = sfn.testState(b -> b.definition(PASS).roleArn(ROLE)
                .input("{\"order\": {\"id\": \"o-1\", \"lines\": 3}}"));
        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(response.output()).isEqualTo("{\"order\":{\"id\":\"o-1\",\"lines\":3},\"shaped\":{\"id\":\"o-1\",\"fixed\":1}}");
        assertThat(response.nextState()).isEqualTo("Ship");
        assertThat(response.error()).isNull();
        assertThat(response.inspectionData()).isNull();
    }

    @Test
    void pass_debugAndTrace_showEachDataProcessingStep() {
        for (InspectionLevel level : new InspectionLevel[] {InspectionLevel.DEBUG, InspectionLevel.TRACE}) {
            TestStateResponse response = sfn.testState(b -> b.definition(PASS).roleArn(ROLE).inspectionLevel(level)
                    .input("{\"order\": {\"id\": \"o-2\"}}"));
            var data = response.inspectionData();
            assertThat(response.status()).as(level.toString()).isEqualTo(TestExecutionStatus.SUCCEEDED);
            assertThat(data.input()).as(level.toString()).isEqualTo("{\"order\":{\"id\":\"o-2\"}}");
            assertThat(data.afterInputPath()).as(level.toString()).isEqualTo("{\"id\":\"o-2\"}");
            assertThat(data.afterParameters()).as(level.toString()).isEqualTo("{\"id\":\"o-2\",\"fixed\":1}");
            assertThat(data.afterResultPath()).as(level.toString())
                    .isEqualTo("{\"order\":{\"id\":\"o-2\"},\"shaped\":{\"id\":\"o-2\",\"fixed\":1}}");
            assertThat(data.request()).as("no HTTP Task, so TRACE adds nothing").isNull();
        }
    }

    @Test
    void jsonataPass_withVariables_showsTheAssignedVariables() {
        TestStateResponse response = sfn.testState(b -> b.roleArn(ROLE).inspectionLevel(InspectionLevel.DEBUG)
                .definition("""
                        {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"seen": "{% $seen + 1 %}"},
                         "Output": "{% $states.input.n * $factor %}", "End": true}""")
                .variables("{\"seen\": 4, \"factor\": 10}").input("{\"n\": 5}"));
        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(response.output()).isEqualTo("50");
        assertThat(response.nextState()).isNull();
        assertThat(read(response.inspectionData().variables())).isEqualTo(read("{\"seen\": 5, \"factor\": 10}"));
        assertThat(response.inspectionData().afterInputPath()).as("JSONata states have no InputPath step").isNull();
    }

    @Test
    void choice_picksTheMatchingRuleAsNextState_andFailsWhenNoneMatches() {
        TestStateResponse big = sfn.testState(b -> b.definition(CHOICE).roleArn(ROLE).input("{\"total\": 250}"));
        assertThat(big.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(big.nextState()).isEqualTo("Review");
        assertThat(big.output()).isEqualTo("{\"total\":250}");
        assertThat(sfn.testState(b -> b.definition(CHOICE).roleArn(ROLE).input("{\"total\": 7}")).nextState())
                .isEqualTo("Approve");

        TestStateResponse none = sfn.testState(b -> b.definition(CHOICE).roleArn(ROLE).input("{\"total\": \"n/a\"}"));
        assertThat(none.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(none.error()).isEqualTo("States.NoChoiceMatched");
        assertThat(none.nextState()).isNull();
    }

    @Test
    void taskWithMockResult_runsTheStatesDataProcessingOnTheMockedResponse() throws Exception {
        ObjectNode request = testState(LAMBDA_TASK, "{\"trip\": \"LIS\"}", "DEBUG");
        request.putObject("mock").put("result", "{\"StatusCode\": 200, \"Payload\": {\"price\": 99}}");
        JsonNode response = call(request, 200);
        assertThat(response.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(read(response.path("output").asText())).isEqualTo(read("{\"trip\": \"LIS\", \"quote\": {\"price\": 99}}"));
        assertThat(response.path("nextState").asText()).isEqualTo("Book");
        JsonNode data = response.path("inspectionData");
        assertThat(read(data.path("afterParameters").asText()))
                .isEqualTo(read("{\"FunctionName\": \"quote\", \"Payload\": {\"trip\": \"LIS\"}}"));
        assertThat(read(data.path("result").asText())).isEqualTo(read("{\"StatusCode\": 200, \"Payload\": {\"price\": 99}}"));
        assertThat(read(data.path("afterResultSelector").asText())).isEqualTo(read("{\"price\": 99}"));
    }

    @Test
    void taskWithMockError_isRetriableWhileARetrierApplies_thenCaught() throws Exception {
        ObjectNode retriable = testState(LAMBDA_TASK, "{\"trip\": \"OPO\"}", "DEBUG");
        retriable.putObject("mock").putObject("errorOutput")
                .put("error", "Lambda.TooManyRequestsException").put("cause", "slow down");
        retriable.putObject("stateConfiguration").put("retrierRetryCount", 1);
        JsonNode retry = call(retriable, 200);
        assertThat(retry.path("status").asText()).isEqualTo("RETRIABLE");
        assertThat(retry.path("error").asText()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(retry.path("cause").asText()).isEqualTo("slow down");
        assertThat(retry.path("inspectionData").path("errorDetails").path("retryIndex").asInt()).isZero();
        assertThat(retry.path("inspectionData").path("errorDetails").path("retryBackoffIntervalSeconds").asInt())
                .as("IntervalSeconds 2 x BackoffRate 3 after one retry").isEqualTo(6);

        ObjectNode exhausted = retriable.deepCopy();
        ((ObjectNode) exhausted.path("stateConfiguration")).put("retrierRetryCount", 2);
        JsonNode caught = call(exhausted, 200);
        assertThat(caught.path("status").asText()).isEqualTo("CAUGHT_ERROR");
        assertThat(caught.path("nextState").asText()).isEqualTo("Apologise");
        assertThat(read(caught.path("output").asText())).isEqualTo(read("""
                {"trip": "OPO", "failure": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}}"""));
        assertThat(caught.path("inspectionData").path("errorDetails").path("catchIndex").asInt()).isZero();
    }

    @Test
    void stateName_testsOneStateOfAWholeMachine() throws Exception {
        String machine = """
                {"StartAt": "First", "States": {
                  "First": {"Type": "Pass", "Next": "Second"},
                  "Second": {"Type": "Pass", "Result": {"from": "second"}, "ResultPath": "$.r", "End": true}}}""";
        ObjectNode request = testState(machine, "{\"a\": 1}", "INFO").put("stateName", "Second");
        JsonNode response = call(request, 200);
        assertThat(response.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(read(response.path("output").asText())).isEqualTo(read("{\"a\": 1, \"r\": {\"from\": \"second\"}}"));
        assertThat(response.has("nextState")).isFalse();

        JsonNode missing = call(testState(machine, "{}", "INFO").put("stateName", "Third"), 400);
        assertThat(missing.path("__type").asText()).endsWith("ValidationException");
        JsonNode unnamed = call(testState(machine, "{}", "INFO"), 400);
        assertThat(unnamed.path("__type").asText()).endsWith("ValidationException");
    }

    @Test
    void taskWithoutMock_runsANestedExecutionForReal() throws Exception {
        String child = sfn.createStateMachine(b -> b.name("teststate-child").roleArn(ROLE).definition(
                "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}")).stateMachineArn();
        TestStateResponse response = sfn.testState(b -> b.roleArn(ROLE).input("{\"k\": 1}").definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                 "Parameters": {"StateMachineArn": "%s", "Name": "from-teststate", "Input.$": "$"}, "End": true}"""
                .formatted(child)));
        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(read(response.output()).path("ExecutionArn").asText())
                .isEqualTo("arn:aws:states:us-east-1:000000000000:execution:teststate-child:from-teststate");
        assertThat(sfn.describeExecution(b -> b.executionArn(read(response.output()).path("ExecutionArn").asText()))
                .input()).isEqualTo("{\"k\":1}");
    }

    @Test
    void callbackOrActivityTaskWithoutMock_isValidationException() {
        for (String resource : new String[] {"arn:aws:states:::states:startExecution.waitForTaskToken",
                "arn:aws:states:::states:startExecution.sync:2", "arn:aws:states:us-east-1:000000000000:activity:a"}) {
            assertThatThrownBy(() -> sfn.testState(b -> b.roleArn(ROLE).definition(
                    "{\"Type\": \"Task\", \"Resource\": \"" + resource + "\", \"End\": true}")))
                    .as(resource).isInstanceOf(ValidationException.class).hasMessageContaining("mock");
        }
    }

    @Test
    void mockOnAStateThatCannotTakeOne_isValidationException() throws Exception {
        ObjectNode request = testState(PASS, "{}", "INFO");
        request.putObject("mock").put("result", "{}");
        assertThat(call(request, 400).path("message").asText())
                .isEqualTo("State type 'Pass' is not supported when a mock is specified");
        ObjectNode both = testState(LAMBDA_TASK, "{}", "INFO");
        both.putObject("mock").put("result", "{}").putObject("errorOutput").put("error", "E");
        assertThat(call(both, 400).path("__type").asText()).endsWith("ValidationException");
    }

    @Test
    void invalidDefinitionsAndInputs_areRejectedAsAws() {
        assertThatThrownBy(() -> sfn.testState(b -> b.roleArn(ROLE).definition("{not json")))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> sfn.testState(b -> b.roleArn(ROLE).definition("{\"Type\": \"Teleport\", \"End\": true}")))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> sfn.testState(b -> b.roleArn(ROLE).definition("{\"Type\": \"Pass\"}")))
                .as("neither Next nor End").isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> sfn.testState(b -> b.roleArn(ROLE).definition(
                "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"Next\": \"A\"}]}")))
                .as("a rule without a comparison").isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> sfn.testState(b -> b.roleArn(ROLE).definition(PASS).input("{broken")))
                .isInstanceOf(InvalidExecutionInputException.class);
        assertThatThrownBy(() -> sfn.testState(b -> b.roleArn(ROLE).definition(PASS).inspectionLevel("VERBOSE")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("inspectionLevel");
    }

    @Test
    void roleArnThatIsNoIamArn_isInvalidArn_beforeTheStateRuns() {
        assertThatThrownBy(() -> sfn.testState(b -> b.roleArn("not-an-arn").definition(PASS).input("{}")))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
        assertThatThrownBy(() -> sfn.testState(b -> b.roleArn("arn:aws:s3:::bucket").definition(PASS).input("{}")))
                .isInstanceOf(InvalidArnException.class).hasMessageStartingWith("Invalid Arn: 'arn:aws:s3:::bucket'");
    }

    private static ObjectNode testState(String definition, String input, String level) {
        return JSON.createObjectNode().put("definition", definition).put("roleArn", ROLE).put("input", input)
                .put("inspectionLevel", level);
    }

    private JsonNode call(ObjectNode body, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions.TestState")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
