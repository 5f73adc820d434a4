package io.portico.server.states;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.server.testing.PorticoProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Kills a real Portico process with SIGKILL while a Task waits on its task token, restarts it on the
 * same data directory, and completes the Task with the token issued before the crash: the execution
 * succeeds with the callback's output, and the Task's resource was called once. For activities, a task
 * a worker had taken stays with it; one no worker had taken is handed out again with the same token.
 */
class TaskTokenCrashTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/crash";
    private static final String CLOSED = "Task Timed Out: 'Provided task does not exist anymore'";
    private static final String CHILD = """
            {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}}""";

    @TempDir
    Path dataDir;

    @Test
    void kill9_whileACallbackTaskWaits_theOldTokenCompletesItAfterRestart() {
        try (PorticoProcess portico = PorticoProcess.start(dataDir.resolve("data"))) {
            SfnClient sfn = portico.clients().sfn();
            String child = machine(sfn, "approver", CHILD);
            String parent = machine(sfn, "awaits-approval", """
                    {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
                      "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
                      "Parameters": {"StateMachineArn": "%s", "Input": {"token.$": "$$.Task.Token"}},
                      "ResultPath": "$.reply", "End": true}}}""".formatted(child));
            String execution = sfn.startExecution(b -> b.stateMachineArn(parent).input("{\"order\":7}")).executionArn();
            await().atMost(Duration.ofSeconds(20)).until(() -> types(sfn, execution).contains(HistoryEventType.TASK_SUBMITTED));
            String token = tokenPassedTo(sfn, child);

            portico.kill9();
            SfnClient restarted = portico.restart().clients().sfn();

            restarted.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\":true}"));
            DescribeExecutionResponse done = awaitEnd(restarted, execution);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("{\"order\":7,\"reply\":{\"approved\":true}}");
            assertThat(types(restarted, execution)).containsExactly(HistoryEventType.EXECUTION_STARTED,
                    HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                    HistoryEventType.TASK_SUBMITTED, HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                    HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(restarted.listExecutions(b -> b.stateMachineArn(child)).executions())
                    .as("the resource (a child execution) was started once").hasSize(1);
            assertThatThrownBy(() -> restarted.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                    .isInstanceOf(TaskTimedOutException.class).hasMessageContaining(CLOSED);
            assertThatThrownBy(() -> restarted.sendTaskHeartbeat(b -> b.taskToken("bm90IGEgdG9rZW4")))
                    .isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void kill9_afterAWorkerTookAnActivityTask_theWorkersTokenCompletesItAfterRestart() {
        try (PorticoProcess portico = PorticoProcess.start(dataDir.resolve("data"))) {
            SfnClient sfn = portico.clients().sfn();
            String activity = sfn.createActivity(b -> b.name("review")).activityArn();
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine(sfn, "reviews", activityMachine(activity)))
                    .input("{\"doc\":\"a\"}")).executionArn();
            GetActivityTaskResponse task = sfn.getActivityTask(b -> b.activityArn(activity).workerName("worker-1"));
            assertThat(task.taskToken()).isNotEmpty();

            portico.kill9();
            SfnClient restarted = portico.restart().clients().sfn();

            restarted.sendTaskHeartbeat(b -> b.taskToken(task.taskToken()));
            restarted.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"verdict\":\"ok\"}"));
            DescribeExecutionResponse done = awaitEnd(restarted, execution);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("{\"verdict\":\"ok\"}");
            assertThat(counts(restarted, execution)).containsEntry(HistoryEventType.ACTIVITY_SCHEDULED, 1L)
                    .containsEntry(HistoryEventType.ACTIVITY_STARTED, 1L)
                    .containsEntry(HistoryEventType.ACTIVITY_SUCCEEDED, 1L)
                    .containsEntry(HistoryEventType.TASK_STATE_ENTERED, 1L);
        }
    }

    @Test
    void kill9_beforeAnyWorkerTookAnActivityTask_itIsHandedOutAgainWithTheSameToken() {
        try (PorticoProcess portico = PorticoProcess.start(dataDir.resolve("data"))) {
            SfnClient sfn = portico.clients().sfn();
            String activity = sfn.createActivity(b -> b.name("review")).activityArn();
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine(sfn, "reviews", activityMachine(activity)))
                    .input("{\"doc\":\"b\"}")).executionArn();
            await().atMost(Duration.ofSeconds(20)).until(() -> types(sfn, execution).contains(HistoryEventType.ACTIVITY_SCHEDULED));
            String scheduledInput = event(sfn, execution, HistoryEventType.ACTIVITY_SCHEDULED)
                    .activityScheduledEventDetails().input();
            String token = json(scheduledInput).path("token").asText();

            portico.kill9();
            SfnClient restarted = portico.restart().clients().sfn();

            GetActivityTaskResponse task = restarted.getActivityTask(b -> b.activityArn(activity).workerName("worker-2"));
            assertThat(task.taskToken()).isEqualTo(token);
            assertThat(json(task.input())).isEqualTo(json(scheduledInput));
            restarted.sendTaskSuccess(b -> b.taskToken(token).output("{\"verdict\":\"fine\"}"));
            DescribeExecutionResponse done = awaitEnd(restarted, execution);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("{\"verdict\":\"fine\"}");
            assertThat(counts(restarted, execution)).containsEntry(HistoryEventType.ACTIVITY_SCHEDULED, 1L)
                    .containsEntry(HistoryEventType.ACTIVITY_STARTED, 1L);
            assertThat(event(restarted, execution, HistoryEventType.ACTIVITY_STARTED).activityStartedEventDetails()
                    .workerName()).isEqualTo("worker-2");
        }
    }

    private static String activityMachine(String activity) {
        return """
                {"StartAt": "Review", "States": {"Review": {"Type": "Task", "Resource": "%s",
                  "Parameters": {"token.$": "$$.Task.Token", "doc.$": "$.doc"}, "End": true}}}""".formatted(activity);
    }

    private static String machine(SfnClient sfn, String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    /** Waits for the child execution the callback Task started and reads the token from its input. */
    private static String tokenPassedTo(SfnClient sfn, String childMachine) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !sfn.listExecutions(b -> b.stateMachineArn(childMachine)).executions().isEmpty());
        String childExecution = sfn.listExecutions(b -> b.stateMachineArn(childMachine)).executions().get(0).executionArn();
        String token = json(sfn.describeExecution(b -> b.executionArn(childExecution)).input()).path("token").asText();
        assertThat(token).isNotEmpty();
        return token;
    }

    private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String execution) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                sfn.describeExecution(b -> b.executionArn(execution)).status() != ExecutionStatus.RUNNING);
        return sfn.describeExecution(b -> b.executionArn(execution));
    }

    private static List<HistoryEventType> types(SfnClient sfn, String execution) {
        return sfn.getExecutionHistoryPaginator(b -> b.executionArn(execution)).events().stream()
                .map(HistoryEvent::type).toList();
    }

    private static Map<HistoryEventType, Long> counts(SfnClient sfn, String execution) {
        return types(sfn, execution).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static HistoryEvent event(SfnClient sfn, String execution, HistoryEventType type) {
        return sfn.getExecutionHistoryPaginator(b -> b.executionArn(execution)).events().stream()
                .filter(e -> e.type() == type).findFirst().orElseThrow();
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
