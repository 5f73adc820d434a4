package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.states.asl.parse.MachineType;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's hard quotas on a running execution: 256 KiB for what a state passes on (States.DataLimitExceeded,
 * which the state's Catch can handle) and 25,000 events in a STANDARD execution's history (the
 * execution fails; nothing catches it).
 */
class ExecutionLimitsTest {
    /** Doubles a string four times: 20,000 characters become 320,000, past the 256 KiB quota. */
    private static final String GROW = """
            {"StartAt": "Grow", "States": {"Grow": {"Type": "Pass", "Parameters": {
              "s.$": "States.Format('{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}', $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s)"},
              %s}}}""";

    private static final String PASS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";

    @TempDir
    Path dataDir;
    private SqliteStore store;
    private StepFunctions engine;

    @BeforeEach
    void start() throws InterruptedException {
        store = SqliteStore.open(dataDir);
        engine = StepFunctions.create(StatesStores.over(store, Clock.systemUTC()), EngineTimers.kit(),
                resource -> Optional.empty());
        engine.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        engine.close();
        store.close();
    }

    @Test
    void stateOutputOverTheQuota_failsWithDataLimitExceeded() throws InterruptedException {
        ExecutionRecord end = run(GROW.formatted("\"End\": true"), "{\"s\": \"" + "a".repeat(20_000) + "\"}");

        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("States.DataLimitExceeded");
        assertThat(end.cause()).contains("The state/task 'Grow' returned a result with a size exceeding the maximum "
                + "number of bytes service limit.");
    }

    @Test
    void stateOutputJustUnderTheQuota_passes() throws InterruptedException {
        // 16 x 16,380 characters plus {"s":""} is 262,088 bytes, under 262,144.
        ExecutionRecord end = run(GROW.formatted("\"End\": true"), "{\"s\": \"" + "a".repeat(16_380) + "\"}");

        assertThat(end.status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void dataLimitExceeded_isCaughtByTheStatesCatch() throws InterruptedException {
        String definition = """
                {"StartAt": "Outer", "States": {
                  "Outer": {"Type": "Parallel", "Branches": [%s],
                    "Catch": [{"ErrorEquals": ["States.DataLimitExceeded"], "Next": "Handled"}], "End": true},
                  "Handled": {"Type": "Pass", "End": true}}}""".formatted(GROW.formatted("\"End\": true"));

        ExecutionRecord end = run(definition, "{\"s\": \"" + "a".repeat(20_000) + "\"}");

        assertThat(end.status()).isEqualTo("SUCCEEDED");
        assertThat(end.output().orElseThrow()).contains("\"Error\":\"States.DataLimitExceeded\"");
    }

    @Test
    void taskInputOverTheQuotaAfterParameters_failsWithDataLimitExceeded() throws InterruptedException {
        String definition = """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:000000000000:activity:unused",
                  "Parameters": {"s.$": "States.Format('{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}', $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s, $.s)"},
                  "End": true}}}""";

        ExecutionRecord end = run(definition, "{\"s\": \"" + "a".repeat(20_000) + "\"}");

        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("States.DataLimitExceeded");
        assertThat(end.cause()).contains("The state/task 'Call' has an input with a size exceeding the maximum number "
                + "of bytes service limit.");
    }

    @Test
    void historyReachingTheQuota_failsTheExecutionWithItsLastEvent() throws InterruptedException {
        // The loop runs in a Parallel branch whose Catch takes every error: it does not take this one.
        String loop = """
                {"StartAt": "Loop", "States": {
                  "Loop": {"Type": "Parallel", "End": true,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],
                    "Branches": [{"StartAt": "Again", "States": {
                      "Again": {"Type": "Pass", "Next": "Forever"},
                      "Forever": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true,
                        "Next": "Done"}], "Default": "Again"},
                      "Done": {"Type": "Succeed"}}}]},
                  "Caught": {"Type": "Succeed"}}}""";

        ExecutionRecord end = run(loop, "{}");

        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("States.Runtime");
        assertThat(end.cause()).contains("The execution reached the maximum number of history events (25000).");
        List<HistoryEvent> history = engine.executions().history(end.arn());
        assertThat(history).hasSize(25_000);
        assertThat(history.getLast().type()).isEqualTo(EventType.ExecutionFailed);
        assertThat(history.getLast().id()).isEqualTo(25_000);
    }

    @Test
    void startExecution_inputOverTheQuota_isAnInvalidMemberInAwsWords() {
        String input = "\"" + "a".repeat(Executions.MAX_PAYLOAD) + "\"";

        assertThatThrownBy(() -> run(PASS, input)).isInstanceOfSatisfying(StepFunctionsException.class, e -> {
            assertThat(e.kind()).isEqualTo(StepFunctionsException.Kind.INVALID_MEMBER);
            assertThat(e.report()).isPresent();
            assertThat(e).hasMessage("1 validation error detected: Value at 'input' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 262144");
        });
    }

    private ExecutionRecord run(String definition, String input) throws InterruptedException {
        String machine = engine.machines().create(new StateMachines.CreateRequest("000000000000", "us-east-1", "limits",
                definition, "arn:aws:iam::000000000000:role/r", MachineType.STANDARD, Optional.empty(),
                Optional.empty(), false, Optional.empty(), Map.of())).arn();
        String execution = engine.executions().start(new Executions.StartRequest(machine, Optional.empty(),
                Optional.of(input), Optional.empty())).executionArn();
        return engine.executions().awaitEnd(execution);
    }
}
