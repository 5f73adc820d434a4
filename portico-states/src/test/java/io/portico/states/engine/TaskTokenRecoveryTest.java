package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task tokens of STANDARD executions survive a restart: a Task waiting on its token when the engine
 * stops (as a crash stops it: {@link StepFunctions#close()} records nothing) waits again on the same
 * token once a new engine over the same store resumes the execution, without calling its resource
 * again, and with what was left of its deadlines on the engine's (manual) clock. A callback sent after
 * the restart, even before the execution has resumed, completes it; a token whose task has ended stays
 * closed.
 */
class TaskTokenRecoveryTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String SEND = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";
    /** The deadline of a wait without TimeoutSeconds, begun at {@link #START}: AWS's largest TimeoutSeconds. */
    private static final Instant WAITS_FOREVER = START.plusSeconds(99_999_999L);

    @TempDir
    Path dataDir;
    private final ManualClock clock = ManualClock.at(START);
    private final Timers timers = Timers.create(clock, "recovery-test");
    /** The tokens the callback resource was given, one per call of it, across engines. */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private SqliteStore store;
    private StepFunctions engine;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dataDir);
        engine = boot();
    }

    @AfterEach
    void close() {
        engine.close();
        timers.close();
        store.close();
    }

    @Test
    void callbackTask_restart_completesWithTheOldTokenWithoutCallingTheResourceAgain() throws Exception {
        String execution = startWaiting(callbackMachine(""));
        String token = sent.get(0);

        crashAndRestart();

        assertThat(engine.tokens().complete(token, success("{\"approved\":true}"))).isEqualTo(TaskTokens.Delivery.DELIVERED);
        ExecutionRecord end = awaitEnd(execution);
        assertThat(end.status()).isEqualTo("SUCCEEDED");
        assertThat(end.output()).contains("{\"approved\":true}");
        assertThat(sent).containsExactly(token);
        assertThat(types(execution)).containsExactly(EventType.ExecutionStarted, EventType.TaskStateEntered,
                EventType.TaskScheduled, EventType.TaskStarted, EventType.TaskSubmitted, EventType.TaskSucceeded,
                EventType.TaskStateExited, EventType.ExecutionSucceeded);
        assertThat(engine.tokens().complete(token, success("{}"))).isEqualTo(TaskTokens.Delivery.CLOSED);
        assertThat(engine.tokens().heartbeat(token)).isEqualTo(TaskTokens.Delivery.CLOSED);
    }

    @Test
    void callback_afterRestartBeforeTheExecutionResumes_isKeptForIt() throws Exception {
        String execution = startWaiting(callbackMachine(""));
        String token = sent.get(0);
        engine.close();

        engine = StepFunctions.create(StatesStores.over(store, clock), timers, callbackResource());
        assertThat(engine.tokens().complete(token, new TaskTokens.Completion.Failure("Review.Rejected", "typos")))
                .isEqualTo(TaskTokens.Delivery.DELIVERED);
        engine.start();

        ExecutionRecord end = awaitEnd(execution);
        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("Review.Rejected");
        assertThat(end.cause()).contains("typos");
        assertThat(sent).containsExactly(token);
    }

    @Test
    void heartbeatSeconds_countFromTheLastBeatBeforeTheRestart() throws Exception {
        String execution = startWaiting(callbackMachine("\"HeartbeatSeconds\": 10, \"TimeoutSeconds\": 100,"));
        String token = sent.get(0);
        awaitArmed(START.plusSeconds(10));
        clock.advance(Duration.ofSeconds(6));
        assertThat(engine.tokens().heartbeat(token)).isEqualTo(TaskTokens.Delivery.DELIVERED);
        clock.advance(Duration.ofSeconds(3));

        crashAndRestart();

        awaitArmed(START.plusSeconds(16));
        clock.advance(Duration.ofSeconds(6));
        assertThat(engine.executions().describe(execution).isRunning()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        ExecutionRecord end = awaitEnd(execution);
        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("States.HeartbeatTimeout");
        HistoryEvent timedOut = event(execution, EventType.TaskTimedOut);
        assertThat(timedOut.timestamp()).isEqualTo(START.plusSeconds(16));
        assertThat(timedOut.details().path("error").asText()).isEqualTo("States.HeartbeatTimeout");
        assertThat(engine.tokens().heartbeat(token)).isEqualTo(TaskTokens.Delivery.CLOSED);
        assertThat(sent).containsExactly(token);
    }

    @Test
    void heartbeat_afterRestartBeforeTheExecutionResumes_movesTheDeadline() throws Exception {
        String execution = startWaiting(callbackMachine("\"HeartbeatSeconds\": 10,"));
        String token = sent.get(0);
        engine.close();
        clock.advance(Duration.ofSeconds(8));

        engine = StepFunctions.create(StatesStores.over(store, clock), timers, callbackResource());
        assertThat(engine.tokens().heartbeat(token)).isEqualTo(TaskTokens.Delivery.DELIVERED);
        engine.start();

        awaitArmed(START.plusSeconds(18));
        clock.advance(Duration.ofSeconds(10));
        assertThat(awaitEnd(execution).error()).contains("States.HeartbeatTimeout");
    }

    @Test
    void timeoutSeconds_keepsItsDeadlineAcrossARestart() throws Exception {
        String execution = startWaiting(callbackMachine("\"TimeoutSeconds\": 30,"));
        String token = sent.get(0);
        clock.advance(Duration.ofSeconds(10));

        crashAndRestart();

        awaitArmed(START.plusSeconds(30));
        clock.advanceTo(START.plusSeconds(30));
        ExecutionRecord end = awaitEnd(execution);
        assertThat(end.error()).contains("States.Timeout");
        assertThat(event(execution, EventType.TaskTimedOut).timestamp()).isEqualTo(START.plusSeconds(30));
        assertThat(engine.tokens().complete(token, success("{}"))).isEqualTo(TaskTokens.Delivery.CLOSED);
    }

    @Test
    void timeoutSeconds_thatRanOutWhileDown_timesTheTaskOutOnResume() throws Exception {
        String execution = startWaiting(callbackMachine("\"TimeoutSeconds\": 30,"));
        String token = sent.get(0);
        engine.close();
        clock.advance(Duration.ofSeconds(45));

        engine = boot();

        assertThat(awaitEnd(execution).error()).contains("States.Timeout");
        assertThat(engine.tokens().complete(token, success("{}"))).isEqualTo(TaskTokens.Delivery.CLOSED);
        assertThat(sent).containsExactly(token);
    }

    @Test
    void activityNotYetTaken_restart_isOfferedAgainWithItsToken() throws Exception {
        String activity = engine.activities().create(ACCOUNT, REGION, "review").arn();
        String execution = startExecution(activityMachine(activity));
        await().until(() -> types(execution).contains(EventType.ActivityScheduled));
        String token = Json.mapper().readTree(event(execution, EventType.ActivityScheduled).details()
                .path("input").asText()).path("token").asText();

        crashAndRestart();

        awaitArmed(WAITS_FOREVER);
        Optional<Activities.ActivityTask> task = engine.activities().poll(activity, Optional.of("worker-2"));
        assertThat(task).map(Activities.ActivityTask::taskToken).contains(token);
        assertThat(engine.tokens().complete(token, success("\"done\""))).isEqualTo(TaskTokens.Delivery.DELIVERED);
        ExecutionRecord end = awaitEnd(execution);
        assertThat(end.status()).isEqualTo("SUCCEEDED");
        assertThat(end.output()).contains("\"done\"");
        assertThat(types(execution)).containsExactly(EventType.ExecutionStarted, EventType.TaskStateEntered,
                EventType.ActivityScheduled, EventType.ActivityStarted, EventType.ActivitySucceeded,
                EventType.TaskStateExited, EventType.ExecutionSucceeded);
        assertThat(event(execution, EventType.ActivityStarted).details().path("workerName").asText()).isEqualTo("worker-2");
    }

    @Test
    void activityTakenByAWorker_restart_staysWithThatWorker() throws Exception {
        String activity = engine.activities().create(ACCOUNT, REGION, "review").arn();
        String execution = startExecution(activityMachine(activity));
        String token = engine.activities().poll(activity, Optional.of("worker-1")).orElseThrow().taskToken();

        crashAndRestart();

        awaitArmed(WAITS_FOREVER);
        assertThat(engine.activities().poll(activity, Optional.of("worker-2"))).isEmpty();
        assertThat(engine.tokens().complete(token, success("\"done\""))).isEqualTo(TaskTokens.Delivery.DELIVERED);
        ExecutionRecord end = awaitEnd(execution);
        assertThat(end.status()).isEqualTo("SUCCEEDED");
        assertThat(types(execution)).containsExactly(EventType.ExecutionStarted, EventType.TaskStateEntered,
                EventType.ActivityScheduled, EventType.ActivityStarted, EventType.ActivitySucceeded,
                EventType.TaskStateExited, EventType.ExecutionSucceeded);
        assertThat(event(execution, EventType.ActivityStarted).details().path("workerName").asText()).isEqualTo("worker-1");
    }

    @Test
    void stoppedExecution_tokenStaysClosedAfterARestart() throws Exception {
        String execution = startWaiting(callbackMachine(""));
        String token = sent.get(0);
        engine.executions().stop(execution, Optional.of("Operator"), Optional.empty());
        await().until(() -> !engine.executions().describe(execution).isRunning());

        crashAndRestart();

        assertThat(engine.tokens().complete(token, success("{}"))).isEqualTo(TaskTokens.Delivery.CLOSED);
        assertThat(engine.executions().describe(execution).status()).isEqualTo("ABORTED");
    }

    /** Regression: a retried token Task reused its first, retired token and failed "no longer valid". */
    @Test
    void retriedCallbackTask_eachAttemptWaitsOnATokenOfItsOwn() throws Exception {
        String execution = startWaiting(callbackMachine(
                "\"Retry\": [{\"ErrorEquals\": [\"Review.Rejected\"], \"IntervalSeconds\": 5, \"MaxAttempts\": 1}],"));
        engine.tokens().complete(sent.get(0), new TaskTokens.Completion.Failure("Review.Rejected", null));
        awaitArmed(START.plusSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        await().until(() -> types(execution).stream().filter(EventType.TaskSubmitted::equals).count() == 2);

        crashAndRestart();

        assertThat(sent.get(1)).isNotEqualTo(sent.get(0));
        assertThat(engine.tokens().complete(sent.get(1), success("{\"second\":true}"))).isEqualTo(TaskTokens.Delivery.DELIVERED);
        ExecutionRecord end = awaitEnd(execution);
        assertThat(end.output()).contains("{\"second\":true}");
        assertThat(sent).hasSize(2);
    }

    // ---- helpers

    private StepFunctions boot() {
        StepFunctions started = StepFunctions.create(StatesStores.over(store, clock), timers, callbackResource(),
                StepFunctions.Settings.defaults().withActivityLongPoll(Duration.ofSeconds(1)));
        started.start();
        return started;
    }

    /** What a crash leaves: the store as it was; then a new engine over it, which resumes executions. */
    private void crashAndRestart() {
        engine.close();
        engine = boot();
    }

    /** An SQS-like callback resource: records its events, keeps the token it was sent, answers a message id. */
    private TaskResources callbackResource() {
        return resource -> SEND.equals(resource) ? Optional.of(call -> {
            call.events().record(EventType.TaskScheduled, () -> JsonNodeFactory.instance.objectNode()
                    .put("resourceType", "sqs").put("resource", "sendMessage.waitForTaskToken"));
            call.events().record(EventType.TaskStarted, () -> JsonNodeFactory.instance.objectNode()
                    .put("resourceType", "sqs").put("resource", "sendMessage.waitForTaskToken"));
            sent.add(call.input().path("Token").asText());
            return JsonNodeFactory.instance.objectNode().put("MessageId", "m-" + sent.size());
        }) : Optional.empty();
    }

    private static String callbackMachine(String fields) {
        return """
                {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "%s", %s
                  "Parameters": {"Token.$": "$$.Task.Token"}, "End": true}}}""".formatted(SEND, fields);
    }

    private static String activityMachine(String activity) {
        return """
                {"StartAt": "Review", "States": {"Review": {"Type": "Task", "Resource": "%s",
                  "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}""".formatted(activity);
    }

    /** Starts an execution and waits until its callback Task is stored as waiting (TaskSubmitted is durable). */
    private String startWaiting(String definition) {
        int before = sent.size();
        String execution = startExecution(definition);
        await().until(() -> sent.size() > before && types(execution).contains(EventType.TaskSubmitted));
        return execution;
    }

    private String startExecution(String definition) {
        String machine = engine.machines().create(new StateMachines.CreateRequest(ACCOUNT, REGION, "m-" + definition.hashCode(),
                definition, "arn:aws:iam::000000000000:role/r", MachineType.STANDARD, Optional.empty(),
                Optional.empty(), false, Optional.empty(), Map.of())).arn();
        return engine.executions().start(new Executions.StartRequest(machine, Optional.empty(), Optional.of("{}"),
                Optional.empty())).executionArn();
    }

    /** Waits (Awaitility's ten seconds at most) until the execution has ended and describes it. */
    private ExecutionRecord awaitEnd(String execution) {
        await().until(() -> !engine.executions().describe(execution).isRunning());
        return engine.executions().describe(execution);
    }

    private List<EventType> types(String execution) {
        return engine.executions().history(execution).stream().map(HistoryEvent::type).toList();
    }

    private HistoryEvent event(String execution, EventType type) {
        return engine.executions().history(execution).stream().filter(e -> e.type() == type).findFirst().orElseThrow();
    }

    /** Waits until the engine's earliest timer is due at {@code due}: the execution is waiting for it. */
    private void awaitArmed(Instant due) {
        await().until(() -> engine.timers().nextDue().filter(due::equals).isPresent());
    }

    private static TaskTokens.Completion success(String json) {
        try {
            JsonNode output = Json.mapper().readTree(json);
            return new TaskTokens.Completion.Success(output);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
