package io.portico.server.states;

import static io.portico.server.states.StatesFixture.ARN_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * Distributed Map Runs through the official SfnClient: ListMapRuns, DescribeMapRun and its counts, and
 * UpdateMapRun changing a run in flight. The children's work is an activity, so the test decides when
 * each item finishes and can watch MaxConcurrency and the failure tolerance at work.
 */
@PorticoTest
class MapRunApiTest {
    private final SfnClient sfn;
    @AutoClose
    private final StatesFixture states;

    MapRunApiTest(PorticoClients clients) {
        this.sfn = clients.sfn();
        this.states = new StatesFixture(sfn);
    }

    @Test
    void mapRun_isListedDescribedAndUpdatedWhileItRuns() throws Exception {
        String activity = sfn.createActivity(b -> b.name("map-item")).activityArn();
        String machine = states.machine("fanout", distributedMap(activity, "\"MaxConcurrency\": 1"));
        String execution = states.start(machine, "{\"items\": [1, 2, 3, 4]}");

        String mapRunArn = awaitMapRun(execution);
        assertThat(mapRunArn).startsWith(ARN_PREFIX + "mapRun:fanout/Each:");
        var listed = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).executionArn()).isEqualTo(execution);
        assertThat(listed.get(0).stateMachineArn()).isEqualTo(ARN_PREFIX + "stateMachine:fanout/Each");
        assertThat(listed.get(0).startDate()).isNotNull();
        assertThat(listed.get(0).stopDate()).isNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> describe(mapRunArn).executionCounts().running() == 1);
        DescribeMapRunResponse running = describe(mapRunArn);
        assertThat(running.status()).isEqualTo(MapRunStatus.RUNNING);
        assertThat(running.executionArn()).isEqualTo(execution);
        assertThat(running.maxConcurrency()).isEqualTo(1);
        assertThat(running.itemCounts().total()).isEqualTo(4);
        assertThat(running.itemCounts().running()).isEqualTo(1);
        assertThat(running.itemCounts().pending()).isEqualTo(3);
        assertThat(running.stopDate()).isNull();

        sfn.updateMapRun(b -> b.mapRunArn(mapRunArn).maxConcurrency(3).toleratedFailureCount(1L));
        await().atMost(Duration.ofSeconds(10)).until(() -> describe(mapRunArn).executionCounts().running() == 3);
        DescribeMapRunResponse widened = describe(mapRunArn);
        assertThat(widened.maxConcurrency()).isEqualTo(3);
        assertThat(widened.toleratedFailureCount()).isEqualTo(1L);
        assertThat(widened.itemCounts().pending()).isEqualTo(1);

        List<String> outcomes = finishItems(activity, 4, item -> item == 2 ? "fail" : "succeed");
        DescribeExecutionResponse done = states.awaitEnd(execution);
        assertThat(outcomes).hasSize(4);
        assertThat(done.status()).as("one failure is within the updated tolerance").isEqualTo(ExecutionStatus.SUCCEEDED);

        DescribeMapRunResponse finished = describe(mapRunArn);
        assertThat(finished.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(finished.stopDate()).isNotNull();
        assertThat(finished.itemCounts().succeeded()).isEqualTo(3);
        assertThat(finished.itemCounts().failed()).isEqualTo(1);
        assertThat(finished.itemCounts().running()).isZero();
        assertThat(finished.itemCounts().pending()).isZero();
        assertThat(finished.executionCounts().total()).isEqualTo(4);
        assertThat(finished.executionCounts().resultsWritten()).isEqualTo(3);
        assertThat(sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns().get(0).stopDate()).isNotNull();

        var children = sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
        assertThat(children).hasSize(4);
        assertThat(children).extracting(e -> e.status()).containsOnly(ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED);
        assertThat(sfn.listExecutions(b -> b.mapRunArn(mapRunArn).statusFilter(ExecutionStatus.FAILED)).executions())
                .hasSize(1);
        assertThat(states.history(execution)).extracting(e -> e.type())
                .contains(HistoryEventType.MAP_RUN_STARTED, HistoryEventType.MAP_RUN_SUCCEEDED);
    }

    @Test
    void mapRun_failuresBeyondTheTolerance_failTheRunAndTheExecution() {
        String machine = states.machine("intolerant", """
                {"StartAt": "Fanout", "States": {
                  "Fanout": {"Type": "Map", "Label": "Check", "ItemsPath": "$.items", "ToleratedFailurePercentage": 25,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Gate", "States": {
                        "Gate": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 2, "Next": "Bad"}],
                          "Default": "Good"},
                        "Bad": {"Type": "Fail", "Error": "Item.Bad"},
                        "Good": {"Type": "Succeed"}}},
                    "End": true}}}""");
        String execution = states.start(machine, "{\"items\": [1, 2, 3, 4]}");
        DescribeExecutionResponse failed = states.awaitEnd(execution, ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");

        String mapRunArn = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns().get(0).mapRunArn();
        DescribeMapRunResponse run = describe(mapRunArn);
        assertThat(run.status()).isEqualTo(MapRunStatus.FAILED);
        assertThat(run.toleratedFailurePercentage()).isEqualTo(25f);
        assertThat(run.itemCounts().total()).isEqualTo(4);
        assertThat(run.itemCounts().failed()).isGreaterThanOrEqualTo(2);
        assertThat(run.itemCounts().succeeded() + run.itemCounts().failed() + run.itemCounts().aborted()).isEqualTo(4);
        assertThat(states.history(execution)).extracting(e -> e.type())
                .contains(HistoryEventType.MAP_RUN_FAILED);
    }

    @Test
    void mapRunOperations_unknownOrInvalidArns_areAwsErrors() {
        String unknown = ARN_PREFIX + "mapRun:fanout/Each:00000000-0000-0000-0000-000000000000";
        assertThatThrownBy(() -> sfn.describeMapRun(b -> b.mapRunArn(unknown)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(unknown);
        assertThatThrownBy(() -> sfn.updateMapRun(b -> b.mapRunArn(unknown).maxConcurrency(2)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.describeMapRun(b -> b.mapRunArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.describeMapRun(b -> b.mapRunArn(ARN_PREFIX + "execution:fanout:x")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.updateMapRun(b -> b.mapRunArn(unknown)))
                .as("nothing to update").isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> sfn.updateMapRun(b -> b.mapRunArn(unknown).toleratedFailurePercentage(101f)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("toleratedFailurePercentage");
        assertThatThrownBy(() -> sfn.updateMapRun(b -> b.mapRunArn(unknown).maxConcurrency(-1)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("maxConcurrency");
        assertThatThrownBy(() -> sfn.listMapRuns(b -> b.executionArn(ARN_PREFIX + "execution:fanout:never-ran")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    private static String distributedMap(String activity, String limits) {
        return """
                {"StartAt": "Fanout", "States": {
                  "Fanout": {"Type": "Map", "Label": "Each", "ItemsPath": "$.items", %s,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Work", "States": {
                        "Work": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 30, "End": true}}},
                    "End": true}}}""".formatted(limits, activity);
    }

    /** Claims {@code count} activity tasks and finishes each as {@code outcome} says for its item. */
    private List<String> finishItems(String activity, int count, java.util.function.IntFunction<String> outcome)
            throws Exception {
        List<CompletableFuture<String>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            done.add(CompletableFuture.supplyAsync(() -> {
                GetActivityTaskResponse task = sfn.getActivityTask(b -> b.activityArn(activity));
                int item = Integer.parseInt(task.input());
                if (outcome.apply(item).equals("fail")) {
                    sfn.sendTaskFailure(b -> b.taskToken(task.taskToken()).error("Item.Failed").cause("item " + item));
                    return "failed " + item;
                }
                sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"done\":" + item + "}"));
                return "succeeded " + item;
            }, states.workers()));
        }
        List<String> outcomes = new ArrayList<>();
        for (CompletableFuture<String> f : done) {
            outcomes.add(f.get(10, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private String awaitMapRun(String execution) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                !sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns().isEmpty());
        return sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns().get(0).mapRunArn();
    }

    private DescribeMapRunResponse describe(String mapRunArn) {
        return sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    }
}
