package io.portico.server.states;

import static io.portico.server.states.StateMachineApiTest.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Executions, history, stop and redrive through the official SfnClient, and raw-protocol errors. */
@PorticoTest
class ExecutionApiTest {
    private static final String WAIT_THEN_FAIL = """
            {"StartAt": "W", "States": {
              "W": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Gate"},
              "Gate": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": true, "Next": "Boom"}], "Default": "Done"},
              "Boom": {"Type": "Fail", "Error": "Custom.Error", "Cause": "asked to fail"},
              "Done": {"Type": "Pass", "Result": {"ok": true}, "End": true}}}""";

    private final SfnClient sfn;
    private final URI endpoint;

    ExecutionApiTest(PorticoClients clients) {
        this.sfn = clients.sfn();
        this.endpoint = clients.endpoint();
    }

    private String machine(String name, String definition, StateMachineType type) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE).type(type)).stateMachineArn();
    }

    @Test
    void standardExecution_succeedsAndRecordsHistory() {
        String arn = machine("std", WAIT_THEN_FAIL, StateMachineType.STANDARD);
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn).name("first").input("{\"wait\":0,\"fail\":false}"))
                .executionArn();
        assertThat(execution).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:std:first");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.SUCCEEDED);
        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).output()).isEqualTo("{\"ok\":true}");
        var events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
        assertThat(events).extracting(e -> e.type()).containsExactly(
                HistoryEventType.EXECUTION_STARTED, HistoryEventType.WAIT_STATE_ENTERED, HistoryEventType.WAIT_STATE_EXITED,
                HistoryEventType.CHOICE_STATE_ENTERED, HistoryEventType.CHOICE_STATE_EXITED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("W");
        assertThat(events.get(1).previousEventId()).isEqualTo(1L);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.SUCCEEDED)).executions())
                .extracting(e -> e.name()).contains("first");
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).name("first").input("{\"other\":1}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void failedExecution_reportsErrorAndCanBeRedriven() {
        String arn = machine("failing", WAIT_THEN_FAIL, StateMachineType.STANDARD);
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"wait\":0,\"fail\":true}")).executionArn();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.FAILED);
        var failed = sfn.describeExecution(b -> b.executionArn(execution));
        assertThat(failed.error()).isEqualTo("Custom.Error");
        assertThat(failed.cause()).isEqualTo("asked to fail");
        assertThat(failed.redriveStatusAsString()).isEqualTo("REDRIVABLE");

        sfn.redriveExecution(b -> b.executionArn(execution));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.FAILED
                        && sfn.describeExecution(b -> b.executionArn(execution)).redriveCount() == 1);
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events())
                .extracting(e -> e.type()).contains(HistoryEventType.EXECUTION_REDRIVEN);
    }

    @Test
    void listExecutions_redriveFilter_keepsRedrivenOrOthers() {
        String arn = machine("redrivable", WAIT_THEN_FAIL, StateMachineType.STANDARD);
        String redriven = sfn.startExecution(b -> b.stateMachineArn(arn).name("redriven")
                .input("{\"wait\":0,\"fail\":true}")).executionArn();
        String once = sfn.startExecution(b -> b.stateMachineArn(arn).name("once")
                .input("{\"wait\":0,\"fail\":true}")).executionArn();
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of(redriven, once).stream().allMatch(e ->
                sfn.describeExecution(b -> b.executionArn(e)).status() == ExecutionStatus.FAILED));
        sfn.redriveExecution(b -> b.executionArn(redriven));

        assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
                .executions()).extracting(e -> e.name()).containsExactly("redriven");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn).redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN))
                .executions()).extracting(e -> e.name()).containsExactly("once");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn)).executions()).hasSize(2);
    }

    @Test
    void stopExecution_abortsAWaitingExecution() {
        String arn = machine("stoppable", WAIT_THEN_FAIL, StateMachineType.STANDARD);
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"wait\":300,\"fail\":false}")).executionArn();
        sfn.stopExecution(b -> b.executionArn(execution).error("Operator").cause("no longer needed"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.ABORTED);
        var stopped = sfn.describeExecution(b -> b.executionArn(execution));
        assertThat(stopped.error()).isEqualTo("Operator");
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution).reverseOrder(true)).events().get(0).type())
                .isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    }

    @Test
    void startSyncExecution_runsExpressInline() {
        String arn = machine("express", WAIT_THEN_FAIL, StateMachineType.EXPRESS);
        StartSyncExecutionResponse ok = sfn.startSyncExecution(b -> b.stateMachineArn(arn).input("{\"wait\":0,\"fail\":false}"));
        assertThat(ok.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(ok.output()).isEqualTo("{\"ok\":true}");
        assertThat(ok.executionArn()).contains(":express:express:");
        StartSyncExecutionResponse failed = sfn.startSyncExecution(b -> b.stateMachineArn(arn).input("{\"wait\":0,\"fail\":true}"));
        assertThat(failed.status()).isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Custom.Error");
    }

    @Test
    void startExecution_badInput_isInvalidExecutionInputOrValidation() {
        String arn = machine("inputs", WAIT_THEN_FAIL, StateMachineType.STANDARD);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).input("not json")))
                .isInstanceOf(InvalidExecutionInputException.class)
                .hasMessageContaining("Invalid State Machine Execution Input: 'Unrecognized token 'not'");
        // One JSON value and nothing else, as AWS reads the input; Jackson alone would stop at the value's end.
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).input("{} {}")))
                .isInstanceOf(InvalidExecutionInputException.class)
                .hasMessageContaining("Trailing token (of type START_OBJECT) found after value");
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).input("\uFEFF{}")))
                .isInstanceOf(InvalidExecutionInputException.class);
        String oversize = "{\"a\":\"" + "x".repeat(262_144) + "\"}";
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).input(oversize)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("262144");
        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(
                "arn:aws:states:us-east-1:000000000000:execution:inputs:nope")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    @Test
    void rawProtocol_malformedBodyAndUnknownOperation_getAwsErrorsNot500() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> malformed = http.send(request("StartExecution", "{not json"), HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("SerializationException");
        HttpResponse<String> unknown = http.send(request("NoSuchOperation", "{}"), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("UnknownOperationException");
        HttpResponse<String> missing = http.send(request("DescribeExecution", "{}"), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("ValidationException").contains("executionArn");
    }

    private HttpRequest request(String operation, String body) {
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
