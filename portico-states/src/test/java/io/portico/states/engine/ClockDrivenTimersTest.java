package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import io.portico.states.asl.Definition;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every wait and deadline of an execution is on the engine's clock: a Wait state, a retry back-off, a
 * Task's TimeoutSeconds and HeartbeatSeconds, and an execution's TimeoutSeconds each end when the test
 * advances a manual clock to the instant they are due, and not a moment before. No test sleeps; each
 * first waits (Awaitility) until the engine has armed the timer it expects, then moves the clock.
 */
class ClockDrivenTimersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String ARN = "arn:aws:states:us-east-1:000000000000:execution:clocked:run-1";
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:work";

    private final ManualClock clock = ManualClock.at(START);
    private final Timers kit = Timers.create(clock, "clocked");
    private final TaskTokens tokens = new TaskTokens(kit);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        threads.shutdownNow();
        kit.close();
    }

    @Test
    void waitSeconds_endsWhenTheClockReachesItsDeadline() throws Exception {
        Started started = start(TaskResources.NONE, """
                {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 30, "Next": "Done"},
                 "Done": {"Type": "Pass", "End": true}}}""");

        awaitArmed(START.plusSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(kit.pending()).isEqualTo(1);
        assertThat(started.result().isDone()).isFalse();
        clock.advance(Duration.ofSeconds(1));

        assertThat(started.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionResult.Succeeded.class);
        assertThat(started.event(EventType.WaitStateExited).timestamp()).isEqualTo(START.plusSeconds(30));
    }

    @Test
    void waitTimestamp_endsAtThatInstantOfTheClock() throws Exception {
        Started started = start(TaskResources.NONE, """
                {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Timestamp": "2025-01-01T06:00:00Z",
                 "End": true}}}""");

        awaitArmed(Instant.parse("2025-01-01T06:00:00Z"));
        clock.advanceTo(Instant.parse("2025-01-01T06:00:00Z"));

        assertThat(started.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionResult.Succeeded.class);
    }

    @Test
    void retryBackoff_waitsEachIntervalOnTheClock() throws Exception {
        List<Instant> calls = new CopyOnWriteArrayList<>();
        TaskResources flaky = resource -> Optional.of(call -> {
            calls.add(clock.instant());
            if (calls.size() < 3) {
                throw new StatesError("Flaky.Error", "try again");
            }
            return call.input();
        });
        Started started = start(flaky, """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true,
                 "Retry": [{"ErrorEquals": ["Flaky.Error"], "IntervalSeconds": 3, "BackoffRate": 2,
                            "MaxAttempts": 3}]}}}""".formatted(LAMBDA));

        await().until(() -> calls.size() == 1);
        awaitArmed(START.plusSeconds(3));
        clock.advanceTo(START.plusSeconds(3));
        await().until(() -> calls.size() == 2);
        awaitArmed(START.plusSeconds(9)); // the interval doubled
        clock.advanceTo(START.plusSeconds(9));

        assertThat(started.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionResult.Succeeded.class);
        assertThat(calls).containsExactly(START, START.plusSeconds(3), START.plusSeconds(9));
    }

    @Test
    void taskTimeoutSeconds_failsTheTaskWhenTheClockReachesIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        TaskResources blocking = resource -> Optional.of(call -> {
            entered.countDown();
            new CountDownLatch(1).await(); // until the timeout interrupts it
            return call.input();
        });
        Started started = start(blocking, """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 10,
                 "End": true}}}""".formatted(LAMBDA));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        awaitArmed(START.plusSeconds(10));
        clock.advance(Duration.ofSeconds(10));

        ExecutionResult result = started.result().get(10, TimeUnit.SECONDS);
        assertThat(result).isInstanceOfSatisfying(ExecutionResult.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo(StatesError.TIMEOUT));
        assertThat(started.event(EventType.TaskTimedOut).timestamp()).isEqualTo(START.plusSeconds(10));
    }

    @Test
    void heartbeatSeconds_aBeatMovesTheDeadline_andMissingOneTimesTheTaskOut() throws Exception {
        CompletableFuture<String> token = new CompletableFuture<>();
        TaskResources callback = resource -> Optional.of(call -> {
            token.complete(call.taskToken().orElseThrow());
            return JSON.createObjectNode();
        });
        Started started = start(callback, """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                 "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "HeartbeatSeconds": 10,
                 "TimeoutSeconds": 100, "End": true}}}""");
        String issued = token.get(10, TimeUnit.SECONDS);

        awaitArmed(START.plusSeconds(10));
        clock.advance(Duration.ofSeconds(6));
        assertThat(tokens.heartbeat(issued)).isEqualTo(TaskTokens.Delivery.DELIVERED);
        clock.advance(Duration.ofSeconds(5)); // past the first deadline, not the one the beat set
        awaitArmed(START.plusSeconds(16));
        assertThat(started.result().isDone()).isFalse();
        clock.advance(Duration.ofSeconds(5));

        ExecutionResult result = started.result().get(10, TimeUnit.SECONDS);
        assertThat(result).isInstanceOfSatisfying(ExecutionResult.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("States.HeartbeatTimeout"));
        assertThat(started.event(EventType.TaskTimedOut).timestamp()).isEqualTo(START.plusSeconds(16));
    }

    @Test
    void executionTimeoutSeconds_stopsTheExecutionWhenTheClockReachesIt(@TempDir Path dir) throws Exception {
        try (SqliteStore store = SqliteStore.open(dir);
                StepFunctions engine = StepFunctions.create(StatesStores.over(store, clock), kit, TaskResources.NONE)) {
            engine.start();
            String machine = engine.machines().create(new StateMachines.CreateRequest("000000000000", "us-east-1",
                    "bounded", """
                    {"TimeoutSeconds": 60, "StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 3600,
                     "End": true}}}""", "arn:aws:iam::000000000000:role/r", MachineType.STANDARD, Optional.empty(),
                    Optional.empty(), false, Optional.empty(), Map.of())).arn();
            String execution = engine.executions().start(new Executions.StartRequest(machine, Optional.empty(),
                    Optional.of("{}"), Optional.empty())).executionArn();
            await().until(() -> engine.executions().history(execution).stream()
                    .anyMatch(e -> e.type() == EventType.WaitStateEntered));

            clock.advance(Duration.ofSeconds(60));

            ExecutionRecord end = engine.executions().awaitEnd(execution);
            assertThat(end.status()).isEqualTo("TIMED_OUT");
            assertThat(end.stopDate()).contains(START.plusSeconds(60));
        }
    }

    // ---- helpers

    /** A running execution: its result to come, and its history so far. */
    private record Started(Future<ExecutionResult> result, ExecutionRun run) {
        HistoryEvent event(EventType type) {
            return run.journal().events().stream().filter(e -> e.type() == type).findFirst().orElseThrow();
        }
    }

    private Started start(TaskResources resources, String definitionText) {
        Interpreter interpreter = new Interpreter(clock, resources, tokens, ExecutionWaits.on(kit));
        Definition definition = DefinitionParser.parse(definitionText, MachineType.STANDARD);
        ExecutionInfo info = new ExecutionInfo(ARN, "run-1", "arn:aws:states:us-east-1:000000000000:stateMachine:clocked",
                "clocked", "arn:aws:iam::000000000000:role/r", START, json("{}"), 0);
        ExecutionRun run = new ExecutionRun(info, definition, MemoryJournal.keeping(clock), Checkpointer.NONE);
        return new Started(threads.submit(() -> interpreter.run(run)), run);
    }

    /** Waits until the engine's earliest timer is due at {@code due}: the engine is waiting for it. */
    private void awaitArmed(Instant due) {
        await().until(() -> kit.nextDue().filter(due::equals).isPresent());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
