package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portico.core.json.Json;
import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Task on a task token (an activity, or a {@code .waitForTaskToken} callback) that is retried gets a
 * new activity task or token on each attempt, which a worker can receive and complete, whether the
 * attempt before ended by TimeoutSeconds or by the worker's SendTaskFailure. Regression: the second
 * attempt's ActivityScheduled was followed at once by ExecutionFailed "Task token is no longer valid".
 */
class RetriedTokenTaskTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String SEND = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";

    @TempDir
    Path dataDir;
    private final ManualClock clock = ManualClock.at(START);
    private final Timers timers = Timers.create(clock, "retried-token-test");
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private SqliteStore store;
    private StepFunctions engine;
    private String activity;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dataDir);
        TaskResources send = resource -> SEND.equals(resource) ? Optional.of(call -> {
            sent.add(call.taskToken().orElseThrow());
            return JsonNodeFactory.instance.objectNode().put("MessageId", "m-" + sent.size());
        }) : Optional.empty();
        engine = StepFunctions.create(StatesStores.over(store, clock), timers, send,
                StepFunctions.Settings.defaults().withActivityLongPoll(Duration.ofMillis(200)));
        engine.start();
        activity = engine.activities().create(ACCOUNT, REGION, "worker").arn();
    }

    @AfterEach
    void close() {
        engine.close();
        timers.close();
        store.close();
    }

    @Test
    void activity_retriedAfterTimeout_schedulesATaskTheNextWorkerCompletes() throws Exception {
        String execution = start("""
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 2,
                  "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                  "End": true}}}""".formatted(activity));
        Activities.ActivityTask first = poll();
        clock.advance(Duration.ofSeconds(2)); // the first attempt times out
        await().until(() -> timers.nextDue().equals(Optional.of(START.plusSeconds(3))));
        clock.advance(Duration.ofSeconds(1)); // the retry interval
        Activities.ActivityTask second = poll();

        assertThat(second.taskToken()).isNotEqualTo(first.taskToken());
        assertThat(engine.tokens().complete(first.taskToken(), success())).isEqualTo(TaskTokens.Delivery.CLOSED);
        assertThat(engine.tokens().complete(second.taskToken(), success())).isEqualTo(TaskTokens.Delivery.DELIVERED);
        assertThat(awaitEnd(execution).status()).isEqualTo("SUCCEEDED");
        assertThat(types(execution)).containsExactly(EventType.ExecutionStarted, EventType.TaskStateEntered,
                EventType.ActivityScheduled, EventType.ActivityStarted, EventType.ActivityTimedOut,
                EventType.ActivityScheduled, EventType.ActivityStarted, EventType.ActivitySucceeded,
                EventType.TaskStateExited, EventType.ExecutionSucceeded);
    }

    @Test
    void activity_retriedAfterSendTaskFailure_schedulesATaskTheNextWorkerCompletes() throws Exception {
        String execution = start("""
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s",
                  "Retry": [{"ErrorEquals": ["Worker.Failed"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                  "End": true}}}""".formatted(activity));
        Activities.ActivityTask first = poll();
        engine.tokens().complete(first.taskToken(), new TaskTokens.Completion.Failure("Worker.Failed", "no"));
        await().until(() -> timers.nextDue().equals(Optional.of(START.plusSeconds(1))));
        clock.advance(Duration.ofSeconds(1));
        Activities.ActivityTask second = poll();

        assertThat(engine.tokens().complete(second.taskToken(), success())).isEqualTo(TaskTokens.Delivery.DELIVERED);
        assertThat(awaitEnd(execution).status()).isEqualTo("SUCCEEDED");
        assertThat(types(execution)).containsExactly(EventType.ExecutionStarted, EventType.TaskStateEntered,
                EventType.ActivityScheduled, EventType.ActivityStarted, EventType.ActivityFailed,
                EventType.ActivityScheduled, EventType.ActivityStarted, EventType.ActivitySucceeded,
                EventType.TaskStateExited, EventType.ExecutionSucceeded);
    }

    @Test
    void callback_retriedAfterTimeout_sendsANewTokenThatCompletesTheTask() throws Exception {
        String execution = start("""
                {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 2,
                  "Parameters": {"token.$": "$$.Task.Token"},
                  "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                  "End": true}}}""".formatted(SEND));
        await().until(() -> sent.size() == 1 && types(execution).getLast() == EventType.TaskSubmitted);
        clock.advance(Duration.ofSeconds(2));
        await().until(() -> timers.nextDue().equals(Optional.of(START.plusSeconds(3))));
        clock.advance(Duration.ofSeconds(1));
        await().until(() -> sent.size() == 2 && types(execution).getLast() == EventType.TaskSubmitted);

        assertThat(engine.tokens().complete(sent.get(1), success())).isEqualTo(TaskTokens.Delivery.DELIVERED);
        assertThat(awaitEnd(execution).status()).isEqualTo("SUCCEEDED");
        assertThat(types(execution)).containsExactly(EventType.ExecutionStarted, EventType.TaskStateEntered,
                EventType.TaskSubmitted, EventType.TaskTimedOut, EventType.TaskSubmitted, EventType.TaskSucceeded,
                EventType.TaskStateExited, EventType.ExecutionSucceeded);
    }

    private Activities.ActivityTask poll() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Optional<Activities.ActivityTask> task = engine.activities().poll(activity, Optional.of("w"));
            if (task.isPresent()) {
                return task.get();
            }
        }
        throw new AssertionError("no activity task was scheduled; history: " + types(lastExecution));
    }

    private String lastExecution;

    private String start(String definition) {
        String machine = engine.machines().create(new StateMachines.CreateRequest(ACCOUNT, REGION, "m", definition,
                "arn:aws:iam::000000000000:role/r", MachineType.STANDARD, Optional.empty(), Optional.empty(), false,
                Optional.empty(), Map.of())).arn();
        lastExecution = engine.executions().start(new Executions.StartRequest(machine, Optional.empty(),
                Optional.of("{}"), Optional.empty())).executionArn();
        return lastExecution;
    }

    private ExecutionRecord awaitEnd(String execution) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> !engine.executions().describe(execution).isRunning());
        return engine.executions().describe(execution);
    }

    private List<EventType> types(String execution) {
        return engine.executions().history(execution).stream().map(HistoryEvent::type).toList();
    }

    private static TaskTokens.Completion success() {
        return new TaskTokens.Completion.Success(Json.mapper().createObjectNode().put("ok", true));
    }
}
