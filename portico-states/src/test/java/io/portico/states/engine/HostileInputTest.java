package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, hostile input: values nested past what Jackson can write, and failures inside Portico,
 * end an execution FAILED (or a TestState call with status FAILED) instead of leaving a STANDARD
 * execution RUNNING with only ExecutionStarted, or making StartSyncExecution and TestState throw. Before
 * the fix the STANDARD cases never ended; the timeout turns that into a failure, not a hung build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOM = "arn:aws:lambda:us-east-1:000000000000:function:boom";
    /** An input nested exactly as deep as Jackson reads and writes: {"a": [[...]]}, 1000 levels. */
    private static final String DEEPEST_INPUT = "{\"a\":" + "[".repeat(999) + "]".repeat(999) + "}";
    private static final String NESTED_INTRINSICS = "States.Array(".repeat(1_200) + "1" + ")".repeat(1_200);

    @TempDir
    Path dataDir;
    private SqliteStore store;
    private StepFunctions engine;

    @BeforeEach
    void start() {
        store = SqliteStore.open(dataDir);
        engine = boot();
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
    }

    @Test
    void standard_intrinsicsNested1200Deep_failsWithIntrinsicFailure() throws InterruptedException {
        ExecutionRecord end = runStandard(pass("\"Parameters\": {\"a.$\": \"" + NESTED_INTRINSICS + "\"}"), "{}");

        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("States.IntrinsicFailure");
        assertThat(end.cause().orElseThrow()).contains("More than 10 intrinsic functions nested in one field");
    }

    @Test
    void standard_outputNestedPastTheBound_failsWithStatesRuntime() throws InterruptedException {
        ExecutionRecord end = runStandard(pass("\"Parameters\": {\"x\": {\"y.$\": \"$\"}}"), DEEPEST_INPUT);

        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("States.Runtime");
        assertThat(end.cause()).contains("The state/task 'P' returned a result nested deeper than the maximum of 1000 "
                + "levels.");
        assertThat(engine.executions().history(end.arn()).getLast().type()).isEqualTo(EventType.ExecutionFailed);
    }

    @Test
    void standard_variablesNestedPastTheBound_failWithStatesRuntime() throws InterruptedException {
        ExecutionRecord end = runStandard(pass("\"Assign\": {\"v\": {\"w.$\": \"$\"}}"), DEEPEST_INPUT);

        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("States.Runtime");
        assertThat(end.cause()).contains("The state/task 'P' assigned variables nested deeper than the maximum of 1000 "
                + "levels.");
    }

    @Test
    void standard_jsonataResultNestedPastTheBound_failsWithQueryEvaluationError() throws InterruptedException {
        ExecutionRecord end = runStandard(pass("\"QueryLanguage\": \"JSONata\", "
                + "\"Output\": \"{% $reduce([1..1500], function($a, $b) { {'a': $a} }, 0) %}\""), "{}");

        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("States.QueryEvaluationError");
        assertThat(end.cause().orElseThrow()).endsWith("The result is nested deeper than 1000 levels");
    }

    @Test
    void standard_taskResourceThrowing_endsTheExecutionFailed() throws InterruptedException {
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
                 "Caught": {"Type": "Succeed"}}}""".formatted(BOOM);

        ExecutionRecord end = runStandard(definition, "{}");

        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("States.Runtime");
        assertThat(end.cause().orElseThrow()).startsWith("Portico failed internally while running the execution (incident ")
                .doesNotContain("boom").doesNotContain("Exception");
    }

    @Test
    void express_outputNestedPastTheBound_isAFailedResultNotAnException() {
        Executions.SyncOutcome outcome = runExpress(pass("\"Parameters\": {\"x\": {\"y.$\": \"$\"}}"), DEEPEST_INPUT);

        assertThat(outcome.result()).isInstanceOfSatisfying(ExecutionResult.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo("States.Runtime");
            assertThat(failed.cause()).contains("returned a result nested deeper than the maximum of 1000 levels.");
        });
    }

    @Test
    void express_taskResourceThrowing_isAFailedResultNotAnException() {
        Executions.SyncOutcome outcome = runExpress("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(BOOM),
                "{}");

        assertThat(outcome.result()).isInstanceOfSatisfying(ExecutionResult.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("States.Runtime"));
    }

    @Test
    void testState_outputNestedPastTheBound_isFailedAndLeavesTheValueOutOfTheInspection() {
        TestStateResult result = engine.tester().test(TestStateRequest.of("""
                {"Type": "Pass", "Parameters": {"x": {"y.$": "$"}}, "End": true}""").withInput(json(DEEPEST_INPUT)));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.FAILED);
        assertThat(result.error()).contains("States.Runtime");
        assertThat(result.cause().orElseThrow()).contains("nested deeper than the maximum of 1000 levels.");
        assertThat(result.inspection().data()).containsKey("input").doesNotContainKey("afterParameters");
    }

    @Test
    void testState_padOfABillionCharacters_failsWithQueryEvaluationError() {
        TestStateResult result = engine.tester().test(TestStateRequest.of("""
                {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $pad('', 1000000000, 'x') %}", "End": true}
                """));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.FAILED);
        assertThat(result.error()).contains("States.QueryEvaluationError");
        assertThat(result.cause().orElseThrow()).endsWith("Expression evaluation memory limit exceeded");
    }

    @Test
    void create_expressionsNestedTooDeeplyToParse_areInvalidDefinitionsNotStackOverflows() {
        String parentheses = "(".repeat(50_000) + "1" + ")".repeat(50_000);
        String filter = "$[?(" + "(".repeat(50_000) + "@.a" + ")".repeat(50_000) + ")]";

        assertThatThrownBy(() -> create(pass("\"QueryLanguage\": \"JSONata\", \"Output\": \"{% " + parentheses + " %}\""),
                MachineType.STANDARD)).isInstanceOfSatisfying(StepFunctionsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StepFunctionsException.Kind.INVALID_DEFINITION);
                    assertThat(e).hasMessageContaining("INVALID_JSONATA_EXPRESSION: The expression is nested too deeply "
                            + "to parse at /States/P/Output");
                });
        assertThatThrownBy(() -> create(pass("\"InputPath\": \"" + filter + "\""), MachineType.STANDARD))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e).hasMessageContaining("Value must be a valid JSONPath. at /States/P/InputPath"));
    }

    @Test
    void recover_executionThatCannotResume_isClosedFailedNotLeftRunning() {
        String machine = create("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""",
                MachineType.STANDARD);
        String execution = engine.executions().start(new Executions.StartRequest(machine, Optional.empty(),
                Optional.of("{}"), Optional.empty())).executionArn();
        engine.close(); // as a crash: the execution stays RUNNING in the store
        engine = boot();
        store.write(tx -> tx.update("UPDATE sfn_executions SET definition='{' WHERE arn=?", execution));

        engine.start();

        ExecutionRecord end = engine.executions().describe(execution);
        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("States.Runtime");
        assertThat(end.cause().orElseThrow()).startsWith("Portico failed internally while running the execution (incident ");
        List<HistoryEvent> history = engine.executions().history(execution);
        assertThat(history.getLast().type()).isEqualTo(EventType.ExecutionFailed);
    }

    /** AWS lets the executions of a deleted state machine finish; each carries its own definition. */
    @Test
    void recover_executionOfADeletedMachine_resumes() {
        String machine = create("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""",
                MachineType.STANDARD);
        String execution = engine.executions().start(new Executions.StartRequest(machine, Optional.empty(),
                Optional.of("{}"), Optional.empty())).executionArn();
        engine.close();
        engine = boot();
        engine.machines().delete(machine);

        engine.start();

        assertThat(engine.executions().describe(execution).status()).isEqualTo("RUNNING");
        engine.executions().stop(execution, Optional.empty(), Optional.empty());
        await().until(() -> engine.executions().describe(execution).status().equals("ABORTED"));
    }

    private StepFunctions boot() {
        TaskResources boom = resource -> resource.equals(BOOM) ? Optional.of(call -> {
            throw new IllegalStateException("boom");
        }) : Optional.empty();
        return StepFunctions.create(StatesStores.over(store, Clock.systemUTC()), EngineTimers.kit(), boom);
    }

    /** A one-state machine whose Pass state P has {@code fields} besides its type and End. */
    private static String pass(String fields) {
        return "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", " + fields + ", \"End\": true}}}";
    }

    private ExecutionRecord runStandard(String definition, String input) throws InterruptedException {
        String machine = create(definition, MachineType.STANDARD);
        String execution = engine.executions().start(new Executions.StartRequest(machine, Optional.empty(),
                Optional.of(input), Optional.empty())).executionArn();
        return engine.executions().awaitEnd(execution);
    }

    private Executions.SyncOutcome runExpress(String definition, String input) {
        String machine = create(definition, MachineType.EXPRESS);
        return engine.executions().startSync(new Executions.StartRequest(machine, Optional.empty(), Optional.of(input),
                Optional.empty()));
    }

    private String create(String definition, MachineType type) {
        return engine.machines().create(new StateMachines.CreateRequest("000000000000", "us-east-1",
                "hostile-" + type + "-" + System.nanoTime(), definition, "arn:aws:iam::000000000000:role/r", type,
                Optional.empty(), Optional.empty(), false, Optional.empty(), Map.of())).arn();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
