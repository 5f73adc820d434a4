package io.portico.server.states;

import static io.portico.server.states.StatesFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The callback pattern ({@code .waitForTaskToken}) and nested executions ({@code states:startExecution}
 * in its request-response, {@code .sync} and {@code .sync:2} forms) through the official SfnClient. The
 * callback resource is {@code states:startExecution.waitForTaskToken}: the child execution's input
 * carries the parent's task token, which the test reads back and completes, as a real worker would.
 */
@PorticoTest
class CallbackAndNestedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLOSED = "Task Timed Out: 'Provided task does not exist anymore'";
    private static final String CHILD = """
            {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "Parameters": {"echoed.$": "$"}, "End": true}}}""";
    private static final String FAILING_CHILD = """
            {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Child.Broke", "Cause": "bad input"}}}""";

    private final SfnClient sfn;
    @AutoClose
    private final StatesFixture states;

    CallbackAndNestedTest(PorticoClients clients) {
        this.sfn = clients.sfn();
        this.states = new StatesFixture(sfn);
    }

    @Test
    void waitForTaskToken_sendTaskSuccess_resumesTheParentWithTheCallbackOutput() throws Exception {
        Parked parked = parkOnCallback("approver", "awaits-approval", "\"TimeoutSeconds\": 30", "{\"order\":7}");
        String execution = parked.execution();
        String token = parked.token();

        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{not json")))
                .isInstanceOf(InvalidOutputException.class);
        sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\":true}"));

        DescribeExecutionResponse done = states.awaitEnd(execution, ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"order\":7,\"reply\":{\"approved\":true}}");
        List<HistoryEvent> events = states.history(execution);
        assertThat(events).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                HistoryEventType.TASK_SUBMITTED, HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        var scheduled = event(events, HistoryEventType.TASK_SCHEDULED).taskScheduledEventDetails();
        assertThat(scheduled.resourceType()).isEqualTo("states");
        assertThat(scheduled.resource()).isEqualTo("startExecution.waitForTaskToken");
        assertThat(scheduled.timeoutInSeconds()).isEqualTo(30L);
        assertThat(JSON.readTree(scheduled.parameters()).path("Input").path("token").asText()).isEqualTo(token);
        assertThat(JSON.readTree(event(events, HistoryEventType.TASK_SUBMITTED).taskSubmittedEventDetails().output())
                .path("ExecutionArn").asText()).startsWith("arn:aws:states:us-east-1:000000000000:execution:approver:");
        assertThat(event(events, HistoryEventType.TASK_SUCCEEDED).taskSucceededEventDetails().output())
                .isEqualTo("{\"approved\":true}");

        assertClosed(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
        assertClosed(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(token)));
    }

    @Test
    void waitForTaskToken_sendTaskFailure_failsTheTaskAndCatchSeesTheError() throws Exception {
        String child = states.machine("reviewer", CHILD);
        String parent = states.machine("awaits-review", """
                {"StartAt": "Ask", "States": {
                  "Ask": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
                    "Parameters": {"StateMachineArn": "%s", "Input": {"token.$": "$$.Task.Token"}},
                    "Catch": [{"ErrorEquals": ["Review.Rejected"], "ResultPath": "$.rejection", "Next": "Rejected"}],
                    "End": true},
                  "Rejected": {"Type": "Pass", "End": true}}}""".formatted(child));
        String execution = states.start(parent, "{\"doc\":\"a\"}");
        String token = tokenPassedTo(child);
        sfn.sendTaskFailure(b -> b.taskToken(token).error("Review.Rejected").cause("typos"));

        DescribeExecutionResponse done = states.awaitEnd(execution, ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"doc\":\"a\",\"rejection\":{\"Error\":\"Review.Rejected\",\"Cause\":\"typos\"}}");
        var failed = event(states.history(execution), HistoryEventType.TASK_FAILED).taskFailedEventDetails();
        assertThat(failed.error()).isEqualTo("Review.Rejected");
        assertThat(failed.cause()).isEqualTo("typos");
        assertThat(failed.resource()).isEqualTo("startExecution.waitForTaskToken");
        assertClosed(() -> sfn.sendTaskFailure(b -> b.taskToken(token).error("Again")));
    }

    @Test
    void waitForTaskToken_timeoutSeconds_failsWithStatesTimeoutAndClosesTheToken() throws Exception {
        Parked parked = parkOnCallback("too-slow", "impatient", "\"TimeoutSeconds\": 1", "{\"order\":1}");

        DescribeExecutionResponse failed = states.awaitEnd(parked.execution(), ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.Timeout");
        assertThat(event(states.history(parked.execution()), HistoryEventType.TASK_TIMED_OUT)
                .taskTimedOutEventDetails().error()).isEqualTo("States.Timeout");
        assertClosed(() -> sfn.sendTaskSuccess(b -> b.taskToken(parked.token()).output("{}")));
    }

    @Test
    void waitForTaskToken_missedHeartbeat_failsWithHeartbeatTimeout() throws Exception {
        Parked parked = parkOnCallback("forgetful", "heartbeat-watcher", "\"HeartbeatSeconds\": 1", "{\"order\":2}");
        String token = parked.token();
        sfn.sendTaskHeartbeat(b -> b.taskToken(token));

        DescribeExecutionResponse failed = states.awaitEnd(parked.execution(), ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.HeartbeatTimeout");
        List<HistoryEvent> events = states.history(parked.execution());
        assertThat(event(events, HistoryEventType.TASK_SCHEDULED).taskScheduledEventDetails().heartbeatInSeconds())
                .isEqualTo(1L);
        assertThat(event(events, HistoryEventType.TASK_TIMED_OUT).taskTimedOutEventDetails().error())
                .isEqualTo("States.HeartbeatTimeout");
        assertClosed(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(token)));
    }

    @Test
    void stopExecution_whileWaitingForACallback_abortsAndClosesTheToken() throws Exception {
        Parked parked = parkOnCallback("never-answers", "stopped-while-waiting", "\"TimeoutSeconds\": 30",
                "{\"order\":3}");

        sfn.stopExecution(b -> b.executionArn(parked.execution()).error("Operator").cause("changed my mind"));
        DescribeExecutionResponse stopped = states.awaitEnd(parked.execution(), ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Operator");
        assertClosed(() -> sfn.sendTaskSuccess(b -> b.taskToken(parked.token()).output("{}")));
    }

    @Test
    void callbacks_withAnInvalidToken_areInvalidToken() {
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken("not-a-token").output("{}")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken("not-a-token")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken("bm90IGEgdG9rZW4")))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void startExecution_requestResponse_returnsTheStartResponseWithoutWaiting() throws Exception {
        JsonNode output = runNested("fire-and-forget-child", "fire-and-forget", "", "\"Name\": \"kid-1\",", "{\"x\":1}")
                .output();
        assertThat(output.path("ExecutionArn").asText())
                .isEqualTo("arn:aws:states:us-east-1:000000000000:execution:fire-and-forget-child:kid-1");
        assertThat(output.path("StartDate").isNumber()).isTrue();
        assertThat(output.has("Output")).isFalse();
        assertHasStartExecutionsSdkMetadata(output);
        DescribeExecutionResponse kid = states.awaitEnd(output.path("ExecutionArn").asText());
        assertThat(kid.input()).isEqualTo("{\"x\":1}");
        assertThat(kid.output()).isEqualTo("{\"echoed\":{\"x\":1}}");
    }

    @Test
    void startExecutionSync_outputIsAStringOfTheChildsOutput() throws Exception {
        Nested nested = runNested("sync-child", "sync-parent", ".sync", "", "{\"x\":2}");
        JsonNode output = nested.output();
        assertThat(output.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(output.path("StateMachineArn").asText()).isEqualTo(nested.child());
        assertThat(output.path("Output").isTextual()).as(".sync keeps Output as a JSON string").isTrue();
        assertThat(output.path("Output").asText()).isEqualTo("{\"echoed\":{\"x\":2}}");
        assertThat(output.path("Input").asText()).isEqualTo("{\"x\":2}");
        assertThat(output.path("StartDate").isNumber()).isTrue();
        assertThat(output.path("StopDate").isNumber()).isTrue();
        assertThat(states.history(nested.execution())).extracting(HistoryEvent::type).containsSubsequence(
                HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUBMITTED,
                HistoryEventType.TASK_SUCCEEDED);
        assertThat(output.has("SdkHttpMetadata")).as("the described child carries no SDK metadata").isFalse();
        JsonNode submitted = JSON.readTree(event(states.history(nested.execution()), HistoryEventType.TASK_SUBMITTED)
                .taskSubmittedEventDetails().output());
        assertHasStartExecutionsSdkMetadata(submitted);
    }

    /**
     * The start response with the SDK metadata AWS adds, its headers exactly those recorded for
     * StartExecution (test_sfn_task_service, test_callback snapshots).
     */
    private static void assertHasStartExecutionsSdkMetadata(JsonNode output) {
        List<String> fields = new ArrayList<>();
        output.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("ExecutionArn", "SdkHttpMetadata", "SdkResponseMetadata", "StartDate");
        JsonNode http = output.path("SdkHttpMetadata");
        List<String> all = new ArrayList<>();
        http.path("AllHttpHeaders").fieldNames().forEachRemaining(all::add);
        List<String> sorted = new ArrayList<>();
        http.path("HttpHeaders").fieldNames().forEachRemaining(sorted::add);
        String requestId = output.path("SdkResponseMetadata").path("RequestId").asText();
        String body = "{\"executionArn\":\"" + output.path("ExecutionArn").asText() + "\",\"startDate\":"
                + output.path("StartDate").asLong() / 1000.0 + "}";

        assertThat(all).containsExactly("x-amzn-RequestId", "connection", "Content-Length", "Date", "Content-Type");
        assertThat(sorted).containsExactly("connection", "Content-Length", "Content-Type", "Date", "x-amzn-RequestId");
        assertThat(http.path("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(http.path("HttpHeaders").path("x-amzn-RequestId").asText()).isEqualTo(requestId).isNotEmpty();
        assertThat(http.path("AllHttpHeaders").path("x-amzn-RequestId").get(0).asText()).isEqualTo(requestId);
        assertThat(http.path("HttpHeaders").path("Content-Type").asText()).isEqualTo("application/x-amz-json-1.0");
        assertThat(http.path("HttpHeaders").path("connection").asText()).isEqualTo("keep-alive");
        assertThat(http.path("HttpHeaders").path("Content-Length").asInt()).isEqualTo(body.length());
        assertThat(http.path("HttpHeaders").path("Date").asText()).endsWith(" GMT");
    }

    @Test
    void startExecutionSync2_outputIsTheChildsOutputAsJson() throws Exception {
        Nested nested = runNested("sync2-child", "sync2-parent", ".sync:2", "", "{\"x\":3}");
        JsonNode output = nested.output();
        assertThat(output.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(output.path("Output").isObject()).as(".sync:2 parses Output").isTrue();
        assertThat(output.path("Output").path("echoed").path("x").asInt()).isEqualTo(3);
        assertThat(output.path("Input").path("x").asInt()).isEqualTo(3);
        assertThat(event(states.history(nested.execution()), HistoryEventType.TASK_SUCCEEDED)
                .taskSucceededEventDetails().resource()).isEqualTo("startExecution.sync:2");
    }

    @Test
    void startExecutionSync_failingChild_failsTheParentWithTaskFailed() throws Exception {
        String child = states.machine("doomed-child", FAILING_CHILD);
        for (String pattern : List.of(".sync", ".sync:2")) {
            String parent = states.machine("doomed-parent" + pattern.replace(':', '-').replace('.', '-'),
                    nestedParent(pattern, child, ""));
            String execution = states.start(parent, "{}");
            DescribeExecutionResponse failed = states.awaitEnd(execution);
            assertThat(failed.status()).as(pattern).isEqualTo(ExecutionStatus.FAILED);
            assertThat(failed.error()).as(pattern).isEqualTo("States.TaskFailed");
            JsonNode cause = JSON.readTree(failed.cause());
            assertThat(cause.path("Status").asText()).as(pattern).isEqualTo("FAILED");
            assertThat(cause.path("Error").asText()).as(pattern).isEqualTo("Child.Broke");
            assertThat(cause.path("Cause").asText()).as(pattern).isEqualTo("bad input");
            assertThat(event(states.history(execution), HistoryEventType.TASK_FAILED).taskFailedEventDetails().error())
                    .as(pattern).isEqualTo("States.TaskFailed");
        }
    }

    @Test
    void startExecution_unknownChildMachine_failsWithStartExecutionsErrorName() {
        String missing = "arn:aws:states:us-east-1:000000000000:stateMachine:nobody-home";
        String parent = states.machine("orphan", nestedParent(".sync", missing, ""));
        DescribeExecutionResponse failed = states.awaitEnd(states.start(parent), ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("StepFunctions.StateMachineDoesNotExistException");
    }

    private static String callbackParent(String child, String timing) {
        return """
                {"StartAt": "Ask", "States": {
                  "Ask": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
                    "Parameters": {"StateMachineArn": "%s", "Input": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
                    %s, "ResultPath": "$.reply", "End": true}}}""".formatted(child, timing);
    }

    private static String nestedParent(String pattern, String child, String extraParameters) {
        return """
                {"StartAt": "Nest", "States": {
                  "Nest": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution%s",
                    "Parameters": {%s "StateMachineArn": "%s", "Input.$": "$"}, "End": true}}}"""
                .formatted(pattern, extraParameters, child);
    }

    /** A parent execution waiting on its {@code .waitForTaskToken} task, and the token its child was given. */
    private record Parked(String execution, String token) {
    }

    /**
     * Starts a {@link #callbackParent} (named {@code parentName}, with {@code timing}) on {@code input}, its
     * callback going to a new {@link #CHILD} machine named {@code childName}, and returns once the child
     * holds the parent's task token.
     */
    private Parked parkOnCallback(String childName, String parentName, String timing, String input) throws Exception {
        String child = states.machine(childName, CHILD);
        String execution = states.start(states.machine(parentName, callbackParent(child, timing)), input);
        return new Parked(execution, tokenPassedTo(child));
    }

    /** A parent that ran a {@link #CHILD} through its nested-execution task and succeeded, and its output. */
    private record Nested(String child, String execution, JsonNode output) {
    }

    /**
     * Runs a {@link #nestedParent} (named {@code parentName}, with {@code pattern} and {@code extraParameters})
     * of a new {@link #CHILD} machine named {@code childName} on {@code input}, and asserts that it succeeds.
     */
    private Nested runNested(String childName, String parentName, String pattern, String extraParameters, String input)
            throws Exception {
        String child = states.machine(childName, CHILD);
        String execution = states.start(states.machine(parentName, nestedParent(pattern, child, extraParameters)), input);
        JsonNode output = JSON.readTree(states.awaitEnd(execution, ExecutionStatus.SUCCEEDED).output());
        return new Nested(child, execution, output);
    }

    /** Asserts that a callback with the token of a task that has ended is refused as AWS refuses it. */
    private static void assertClosed(ThrowingCallable callback) {
        assertThatThrownBy(callback).isInstanceOf(TaskTimedOutException.class).hasMessageContaining(CLOSED);
    }

    /** Waits for the child execution that carries the parent's task token and reads the token. */
    private String tokenPassedTo(String childMachine) throws Exception {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                !sfn.listExecutions(b -> b.stateMachineArn(childMachine)).executions().isEmpty());
        String childExecution = sfn.listExecutions(b -> b.stateMachineArn(childMachine)).executions().get(0).executionArn();
        String token = JSON.readTree(sfn.describeExecution(b -> b.executionArn(childExecution)).input()).path("token").asText();
        assertThat(token).isNotEmpty();
        return token;
    }
}
