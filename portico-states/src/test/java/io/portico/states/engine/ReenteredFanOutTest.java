package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A STANDARD execution whose Map or Parallel state is entered a second time (a loop through a Choice)
 * runs its iterations and branches afresh on the second visit. Regression: their checkpoints were keyed
 * by the state's name and index only, so the second visit found the first visit's finished iterations
 * and answered their outputs again.
 */
class ReenteredFanOutTest {
    @TempDir
    Path dataDir;

    @Test
    void mapInALoop_secondVisitRunsItsIterationsAfresh() throws Exception {
        JsonNode output = run("""
                {"StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.results",
                    "ItemSelector": {"item.$": "$$.Map.Item.Value", "round.$": "$.round"},
                    "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
                    "Next": "Again?"},
                  "Again?": {"Type": "Choice", "Choices": [{"Variable": "$.round", "NumericEquals": 1, "Next": "Round2"}],
                    "Default": "Done"},
                  "Round2": {"Type": "Pass", "Result": 2, "ResultPath": "$.round", "Next": "Each"},
                  "Done": {"Type": "Pass", "End": true}}}""", "{\"round\": 1, \"items\": [\"a\", \"b\"]}");

        assertThat(output.path("results").toString())
                .isEqualTo("[{\"item\":\"a\",\"round\":2},{\"item\":\"b\",\"round\":2}]");
    }

    @Test
    void parallelInALoop_secondVisitRunsItsBranchesAfresh() throws Exception {
        JsonNode output = run("""
                {"StartAt": "Both", "States": {
                  "Both": {"Type": "Parallel", "ResultPath": "$.results", "Next": "Again?", "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.round", "End": true}}}]},
                  "Again?": {"Type": "Choice", "Choices": [{"Variable": "$.round", "NumericEquals": 1, "Next": "Round2"}],
                    "Default": "Done"},
                  "Round2": {"Type": "Pass", "Result": 2, "ResultPath": "$.round", "Next": "Both"},
                  "Done": {"Type": "Pass", "End": true}}}""", "{\"round\": 1}");

        assertThat(output.path("results").toString()).isEqualTo("[2]");
    }

    private JsonNode run(String definition, String input) throws Exception {
        try (CrashWorld world = new CrashWorld(dataDir)) {
            String machine = world.createMachine("loop", definition);
            String execution = world.engine().executions().start(new Executions.StartRequest(machine, Optional.empty(),
                    Optional.of(input), Optional.empty())).executionArn();
            ExecutionRecord end = world.engine().executions().awaitEnd(execution);
            assertThat(end.status()).isEqualTo("SUCCEEDED");
            return Executions.parseStored(end.output().orElseThrow());
        }
    }
}
