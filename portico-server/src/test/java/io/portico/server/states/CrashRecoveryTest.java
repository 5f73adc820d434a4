package io.portico.server.states;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portico.server.testing.PorticoProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Kills a real Portico process with SIGKILL while STANDARD executions are in flight and shows that,
 * after a restart, every acknowledged execution completes exactly once: one ExecutionSucceeded, every
 * state entered and exited once, the right output.
 */
class CrashRecoveryTest {
    private static final String DEFINITION = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$.n", "doubled.$": "States.MathAdd($.n, $.n)"}, "Next": "Pause"},
              "Pause": {"Type": "Wait", "Seconds": 3, "Next": "Check"},
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$.doubled", "NumericGreaterThanEquals": 0, "Next": "Tally"}]},
              "Tally": {"Type": "Pass", "Parameters": {"result.$": "$.doubled"}, "End": true}}}""";
    private static final int EXECUTIONS = 20;

    @TempDir
    Path dataDir;

    @Test
    void kill9_midExecution_everyExecutionCompletesExactlyOnceAfterRestart() {
        try (PorticoProcess portico = PorticoProcess.start(dataDir.resolve("data"))) {
            SfnClient sfn = portico.clients().sfn();
            String machine = sfn.createStateMachine(b -> b.name("crash").definition(DEFINITION)
                    .roleArn("arn:aws:iam::000000000000:role/crash")).stateMachineArn();
            List<String> executions = new ArrayList<>();
            for (int i = 0; i < EXECUTIONS; i++) {
                int n = i;
                executions.add(sfn.startExecution(b -> b.stateMachineArn(machine).name("run-" + n)
                        .input("{\"n\": " + n + "}")).executionArn());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> executions.stream()
                    .allMatch(arn -> types(sfn, arn).contains(HistoryEventType.WAIT_STATE_ENTERED)));

            portico.kill9();
            SfnClient restarted = portico.restart().clients().sfn();

            await().atMost(Duration.ofSeconds(30)).until(() -> executions.stream().allMatch(arn ->
                    restarted.describeExecution(b -> b.executionArn(arn)).status() == ExecutionStatus.SUCCEEDED));
            for (int i = 0; i < EXECUTIONS; i++) {
                String arn = executions.get(i);
                assertThat(restarted.describeExecution(b -> b.executionArn(arn)).output())
                        .isEqualTo("{\"result\":" + (2 * i) + "}");
                Map<HistoryEventType, Long> counts = types(restarted, arn).stream()
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(counts).as(arn).containsEntry(HistoryEventType.EXECUTION_STARTED, 1L)
                        .containsEntry(HistoryEventType.EXECUTION_SUCCEEDED, 1L)
                        .containsEntry(HistoryEventType.PASS_STATE_ENTERED, 2L)
                        .containsEntry(HistoryEventType.PASS_STATE_EXITED, 2L)
                        .containsEntry(HistoryEventType.WAIT_STATE_ENTERED, 1L)
                        .containsEntry(HistoryEventType.WAIT_STATE_EXITED, 1L)
                        .containsEntry(HistoryEventType.CHOICE_STATE_ENTERED, 1L)
                        .containsEntry(HistoryEventType.CHOICE_STATE_EXITED, 1L)
                        .doesNotContainKey(HistoryEventType.EXECUTION_FAILED);
            }
        }
    }

    @Test
    void kill9_afterAcknowledgedCreateAndStart_bothSurvive() {
        try (PorticoProcess portico = PorticoProcess.start(dataDir.resolve("data"))) {
            SfnClient sfn = portico.clients().sfn();
            String machine = sfn.createStateMachine(b -> b.name("durable").definition(DEFINITION)
                    .roleArn("arn:aws:iam::000000000000:role/crash")).stateMachineArn();
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\": 21}")).executionArn();

            portico.kill9();
            SfnClient restarted = portico.restart().clients().sfn();

            assertThat(restarted.describeStateMachine(b -> b.stateMachineArn(machine)).definition()).isEqualTo(DEFINITION);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    restarted.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.SUCCEEDED);
            assertThat(restarted.describeExecution(b -> b.executionArn(execution)).output()).isEqualTo("{\"result\":42}");
        }
    }

    private static List<HistoryEventType> types(SfnClient sfn, String executionArn) {
        return sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)).events().stream()
                .map(HistoryEvent::type).toList();
    }
}
