package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.states.asl.EvaluationLimits;
import io.portico.states.asl.TickingClock;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's evaluation limits are a setting, and they reach every evaluation of its executions and TestState. */
class EvaluationSettingsTest {
    private static final String PAD = """
            {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $pad('', 100, 'x') %}", "End": true}""";
    private static final String LOOP = """
            {"Type": "Pass", "Parameters": {"n.$": "$..a"}, "End": true}""";

    @TempDir
    Path dataDir;

    @Test
    void execution_evaluatesUnderTheEnginesSizeLimit() throws InterruptedException {
        try (SqliteStore store = SqliteStore.open(dataDir);
             StepFunctions engine = StepFunctions.create(StatesStores.over(store, Clock.systemUTC()), EngineTimers.kit(),
                     TaskResources.NONE, StepFunctions.Settings.defaults()
                             .withEvaluation(EvaluationLimits.defaults().withSize(10)))) {
            engine.start();
            String machine = engine.machines().create(new StateMachines.CreateRequest("000000000000", "us-east-1",
                    "small", "{\"StartAt\": \"P\", \"States\": {\"P\": " + PAD + "}}", "arn:aws:iam::000000000000:role/r",
                    MachineType.STANDARD, Optional.empty(), Optional.empty(), false, Optional.empty(), Map.of())).arn();
            String execution = engine.executions().start(new Executions.StartRequest(machine, Optional.empty(),
                    Optional.of("{}"), Optional.empty())).executionArn();

            ExecutionRecord end = engine.executions().awaitEnd(execution);

            assertThat(end.status()).isEqualTo("FAILED");
            assertThat(end.cause().orElseThrow()).endsWith("Expression evaluation memory limit exceeded");
        }
    }

    @Test
    void testState_evaluatesJsonPathUnderTheTestersTimeLimit() {
        StateTester tester = StateTester.create(Clock.systemUTC(), TaskResources.NONE, EngineTimers.tokens(),
                EngineTimers.waiting(), TickingClock.limitsAfterChecks(3));

        TestStateResult result = tester.test(TestStateRequest.of(LOOP).withInput(
                io.portico.core.json.Json.mapper().valueToTree(Map.of("x", Map.of("a", 1), "y", Map.of("a", 2)))));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.FAILED);
        assertThat(result.error()).contains("States.Runtime");
        assertThat(result.cause().orElseThrow()).endsWith("The JSONPath '$..a' was stopped: the evaluation ran longer "
                + "than 3000 ms");
    }
}
