package io.portico.server.states;

import static io.portico.server.states.StatesFixture.ARN_PREFIX;
import static io.portico.server.states.StatesFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import io.portico.server.ServiceWiring;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.states.engine.StepFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Activities through the official SfnClient: their lifecycle and errors, and workers that claim tasks
 * with GetActivityTask and finish them with SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat.
 */
@PorticoTest
class ActivityApiTest {
    private final SfnClient sfn;
    @AutoClose
    private final StatesFixture states;

    ActivityApiTest(PorticoClients clients) {
        this.sfn = clients.sfn();
        this.states = new StatesFixture(sfn);
    }

    @Test
    void activityLifecycle_createDescribeListDelete() {
        String arn = sfn.createActivity(b -> b.name("resize-images")).activityArn();
        assertThat(arn).isEqualTo(ARN_PREFIX + "activity:resize-images");
        assertThat(sfn.createActivity(b -> b.name("resize-images")).activityArn())
                .as("CreateActivity is idempotent").isEqualTo(arn);

        var described = sfn.describeActivity(b -> b.activityArn(arn));
        assertThat(described.name()).isEqualTo("resize-images");
        assertThat(described.activityArn()).isEqualTo(arn);
        assertThat(described.creationDate()).isNotNull();
        assertThat(described.encryptionConfiguration().typeAsString()).isEqualTo("AWS_OWNED_KEY");
        assertThat(sfn.listActivities().activities()).extracting(a -> a.name()).contains("resize-images");

        sfn.deleteActivity(b -> b.activityArn(arn));
        assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn(arn)))
                .isInstanceOf(ActivityDoesNotExistException.class)
                .hasMessageContaining("Activity Does Not Exist: '" + arn + "'");
        assertThat(sfn.listActivities().activities()).extracting(a -> a.name()).doesNotContain("resize-images");
        assertThatThrownBy(() -> sfn.getActivityTask(b -> b.activityArn(arn)))
                .isInstanceOf(ActivityDoesNotExistException.class);
    }

    @Test
    void activityErrors_invalidNameAndArn() {
        assertThatThrownBy(() -> sfn.createActivity(b -> b.name("has space")))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("Invalid Name: 'has space'");
        // AWS's model bounds a name to 80 characters: its front end refuses more before the name rules apply.
        assertThatThrownBy(() -> sfn.createActivity(b -> b.name("x".repeat(81))))
                .isInstanceOf(software.amazon.awssdk.services.sfn.model.ValidationException.class)
                .hasMessageContaining("at 'name' failed to satisfy constraint: Member must have length less than or equal to 80");
        assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class).hasMessageContaining("Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
        assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn(ARN_PREFIX + "stateMachine:not-an-activity")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn(ARN_PREFIX + "activity:never-created")))
                .isInstanceOf(ActivityDoesNotExistException.class);
    }

    @Test
    void workerSucceeds_taskOutputFlowsOnAndHistoryShowsTheActivity() throws Exception {
        String activity = sfn.createActivity(b -> b.name("doubler")).activityArn();
        String machine = states.machine("doubling", workOn(activity, "\"TimeoutSeconds\": 30, \"ResultPath\": \"$.result\""));
        CompletableFuture<GetActivityTaskResponse> claimed = CompletableFuture.supplyAsync(() -> {
            GetActivityTaskResponse task = sfn.getActivityTask(b -> b.activityArn(activity).workerName("worker-1"));
            sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"doubled\":42}"));
            return task;
        }, states.workers());

        String execution = states.start(machine, "{\"n\":21}");
        DescribeExecutionResponse done = states.awaitEnd(execution);

        assertThat(claimed.get(10, TimeUnit.SECONDS).input()).isEqualTo("{\"n\":21}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"n\":21,\"result\":{\"doubled\":42}}");
        List<HistoryEvent> events = states.history(execution);
        assertThat(events).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_STARTED,
                HistoryEventType.ACTIVITY_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        HistoryEvent scheduled = event(events, HistoryEventType.ACTIVITY_SCHEDULED);
        assertThat(scheduled.activityScheduledEventDetails().resource()).isEqualTo(activity);
        assertThat(scheduled.activityScheduledEventDetails().input()).isEqualTo("{\"n\":21}");
        assertThat(scheduled.activityScheduledEventDetails().timeoutInSeconds()).isEqualTo(30L);
        assertThat(event(events, HistoryEventType.ACTIVITY_STARTED).activityStartedEventDetails().workerName())
                .isEqualTo("worker-1");
        assertThat(event(events, HistoryEventType.ACTIVITY_SUCCEEDED).activitySucceededEventDetails().output())
                .isEqualTo("{\"doubled\":42}");
    }

    @Test
    void sendTaskFailure_failsTheTaskWithTheWorkersErrorAndCatchCatchesIt() throws Exception {
        String activity = sfn.createActivity(b -> b.name("flaky")).activityArn();
        String machine = states.machine("catching", """
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 30, "End": true,
                    "Catch": [{"ErrorEquals": ["Worker.Broken"], "ResultPath": "$.caught", "Next": "Recovered"}]},
                  "Recovered": {"Type": "Pass", "End": true}}}""".formatted(activity));

        states.workers().submit(() -> failNextTask(activity, "Worker.Broken", "disk full"));
        String caught = states.start(machine, "{\"id\":1}");
        DescribeExecutionResponse recovered = states.awaitEnd(caught, ExecutionStatus.SUCCEEDED);
        assertThat(recovered.output()).isEqualTo("{\"id\":1,\"caught\":{\"Error\":\"Worker.Broken\",\"Cause\":\"disk full\"}}");
        HistoryEvent failed = event(states.history(caught), HistoryEventType.ACTIVITY_FAILED);
        assertThat(failed.activityFailedEventDetails().error()).isEqualTo("Worker.Broken");
        assertThat(failed.activityFailedEventDetails().cause()).isEqualTo("disk full");

        states.workers().submit(() -> failNextTask(activity, "Worker.Other", "not caught"));
        String uncaught = states.start(machine, "{\"id\":2}");
        DescribeExecutionResponse failedExecution = states.awaitEnd(uncaught, ExecutionStatus.FAILED);
        assertThat(failedExecution.error()).isEqualTo("Worker.Other");
        assertThat(failedExecution.cause()).isEqualTo("not caught");
    }

    @Test
    void sendTaskHeartbeat_keepsATaskAlivePastItsHeartbeatSeconds() throws Exception {
        String activity = sfn.createActivity(b -> b.name("slow-but-alive")).activityArn();
        String machine = states.machine("beating", workOn(activity, "\"TimeoutSeconds\": 20, \"HeartbeatSeconds\": 1"));
        states.workers().submit(() -> {
            String token = sfn.getActivityTask(b -> b.activityArn(activity)).taskToken();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_800);
            while (System.nanoTime() < until) {
                sfn.sendTaskHeartbeat(b -> b.taskToken(token));
                Thread.sleep(250); // a worker's heartbeat cadence, well inside HeartbeatSeconds
            }
            sfn.sendTaskSuccess(b -> b.taskToken(token).output("\"finished\""));
            return null;
        });
        String execution = states.start(machine);
        DescribeExecutionResponse done = states.awaitEnd(execution, ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("\"finished\"");
        assertThat(event(states.history(execution), HistoryEventType.ACTIVITY_SCHEDULED)
                .activityScheduledEventDetails().heartbeatInSeconds()).isEqualTo(1L);
    }

    @Test
    void heartbeatTimeout_failsTheTaskAndItsTokenIsThenTimedOut() throws Exception {
        String activity = sfn.createActivity(b -> b.name("silent-worker")).activityArn();
        String machine = states.machine("silent", workOn(activity, "\"TimeoutSeconds\": 20, \"HeartbeatSeconds\": 1"));
        CompletableFuture<String> token = CompletableFuture.supplyAsync(
                () -> sfn.getActivityTask(b -> b.activityArn(activity)).taskToken(), states.workers());
        String execution = states.start(machine);

        DescribeExecutionResponse failed = states.awaitEnd(execution, ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.HeartbeatTimeout");
        HistoryEvent timedOut = event(states.history(execution), HistoryEventType.ACTIVITY_TIMED_OUT);
        assertThat(timedOut.activityTimedOutEventDetails().error()).isEqualTo("States.HeartbeatTimeout");

        String closed = token.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(closed).output("{}")))
                .isInstanceOf(TaskTimedOutException.class)
                .hasMessageContaining("Task Timed Out: 'Provided task does not exist anymore'");
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(closed)))
                .isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken(closed).error("Late")))
                .isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken("not-a-token").output("{}")))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void timeoutSeconds_unclaimedTaskTimesOut() {
        String activity = sfn.createActivity(b -> b.name("nobody-listens")).activityArn();
        String machine = states.machine("unclaimed", workOn(activity, "\"TimeoutSeconds\": 1"));
        String execution = states.start(machine);
        DescribeExecutionResponse failed = states.awaitEnd(execution, ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.Timeout");
        assertThat(states.history(execution)).extracting(HistoryEvent::type)
                .contains(HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_TIMED_OUT)
                .doesNotContain(HistoryEventType.ACTIVITY_STARTED);
    }

    /**
     * The long poll is 60 seconds, as on AWS; this test runs its own Portico with the engine's long poll
     * shortened to one second, so that the empty answer comes quickly.
     */
    @Test
    void getActivityTask_noTaskWithinTheLongPoll_answersWithoutAToken(@TempDir Path dataDir) throws Exception {
        StepFunctions.Settings shortPoll = StepFunctions.Settings.defaults().withActivityLongPoll(Duration.ofSeconds(1));
        try (PorticoServer server = PorticoServer.create(PorticoConfig.forTests(Files.createDirectories(dataDir)),
                Clock.systemUTC(), context -> ServiceWiring.services(context, shortPoll)).start();
             SfnClient client = new PorticoClients(server.awsEndpoint(), "test", "test").sfn()) {
            String activity = client.createActivity(b -> b.name("idle")).activityArn();
            long start = System.nanoTime();
            GetActivityTaskResponse empty = client.getActivityTask(b -> b.activityArn(activity).workerName("w"));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(empty.taskToken()).isNull();
            assertThat(empty.input()).isNull();
            assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        }
    }

    private Void failNextTask(String activity, String error, String cause) {
        String token = sfn.getActivityTask(b -> b.activityArn(activity)).taskToken();
        sfn.sendTaskFailure(b -> b.taskToken(token).error(error).cause(cause));
        return null;
    }

    /** A machine of one state, Work: a Task on {@code activity} with {@code fields} (its timeouts, say). */
    /**
     * Each attempt of a retried activity Task is a task of its own that a worker receives with its own
     * token. Regression: the second attempt's ActivityScheduled was followed at once by ExecutionFailed
     * "Task token is no longer valid", so no worker could receive it.
     */
    @Test
    void retriedAfterTimeout_eachAttemptIsATaskTheNextWorkerReceives() {
        String activity = sfn.createActivity(b -> b.name("second-chance")).activityArn();
        String machine = states.machine("retried", workOn(activity, """
                "TimeoutSeconds": 1,
                "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 1, "MaxAttempts": 1}]"""));
        String execution = states.start(machine);

        GetActivityTaskResponse first = sfn.getActivityTask(b -> b.activityArn(activity).workerName("slow"));
        GetActivityTaskResponse second = sfn.getActivityTask(b -> b.activityArn(activity).workerName("quick"));
        sfn.sendTaskSuccess(b -> b.taskToken(second.taskToken()).output("{\"done\":2}"));

        assertThat(second.taskToken()).isNotEmpty().isNotEqualTo(first.taskToken());
        assertThat(states.awaitEnd(execution, ExecutionStatus.SUCCEEDED).output()).isEqualTo("{\"done\":2}");
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(first.taskToken()).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
        assertThat(states.history(execution)).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_STARTED, HistoryEventType.ACTIVITY_TIMED_OUT,
                HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_STARTED, HistoryEventType.ACTIVITY_SUCCEEDED,
                HistoryEventType.TASK_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
    }

    private static String workOn(String activity, String fields) {
        return """
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "%s", %s, "End": true}}}""".formatted(activity, fields);
    }
}
