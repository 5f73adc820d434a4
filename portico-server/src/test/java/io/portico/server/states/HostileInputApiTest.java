package io.portico.server.states;

import static io.portico.server.states.StateMachineApiTest.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * Issue 8, hostile input, through the official SfnClient: TestState and StartSyncExecution answer a
 * FAILED status where they answered HTTP 500 (or never answered), a STANDARD execution ends FAILED
 * where it stayed RUNNING, and an input Jackson cannot read is AWS's 400.
 */
@PorticoTest
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputApiTest {
    /** An input nested exactly as deep as Jackson reads and writes: {"a": [[...]]}, 1000 levels. */
    private static final String DEEPEST_INPUT = "{\"a\":" + "[".repeat(999) + "]".repeat(999) + "}";
    private static final String WRAP_INPUT = """
            {"Type": "Pass", "Parameters": {"x": {"y.$": "$"}}, "End": true}""";
    private static final String NESTED_INTRINSICS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"a.$": "%s"}, "End": true}}}"""
            .formatted("States.Array(".repeat(1_200) + "1" + ")".repeat(1_200));

    private final SfnClient sfn;

    HostileInputApiTest(PorticoClients clients) {
        this.sfn = clients.sfn();
    }

    @Test
    void testState_outputNestedPastTheBound_answersFailedInsteadOf500() {
        TestStateResponse response = sfn.testState(b -> b.definition(WRAP_INPUT).roleArn(ROLE).input(DEEPEST_INPUT));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(response.error()).isEqualTo("States.Runtime");
        assertThat(response.cause()).contains("returned a result nested deeper than the maximum of 1000 levels.");
    }

    @Test
    void testState_padOfABillionCharacters_answersQueryEvaluationError() {
        TestStateResponse response = sfn.testState(b -> b.roleArn(ROLE).definition("""
                {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $pad('', 1000000000, 'x') %}", "End": true}"""));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(response.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(response.cause()).endsWith("Expression evaluation memory limit exceeded");
    }

    @Test
    void startSyncExecution_intrinsicsNested1200Deep_answersFailedInsteadOf500() {
        String machine = sfn.createStateMachine(b -> b.name("hostile-sync").definition(NESTED_INTRINSICS).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();

        StartSyncExecutionResponse response = sfn.startSyncExecution(b -> b.stateMachineArn(machine).input("{}"));

        assertThat(response.status()).isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(response.error()).isEqualTo("States.IntrinsicFailure");
        assertThat(response.cause()).contains("More than 10 intrinsic functions nested in one field");
    }

    @Test
    void startSyncExecution_inputNestedPastJacksonsLimit_isInvalidExecutionInput() {
        String machine = sfn.createStateMachine(b -> b.name("hostile-input").roleArn(ROLE).type(StateMachineType.EXPRESS)
                .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
                .stateMachineArn();
        String tooDeep = "[".repeat(1_001) + "]".repeat(1_001);

        assertThatThrownBy(() -> sfn.startSyncExecution(b -> b.stateMachineArn(machine).input(tooDeep)))
                .isInstanceOfSatisfying(InvalidExecutionInputException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("nesting depth (1001) exceeds the maximum allowed (1000");
    }

    @Test
    void startExecution_standardOutputNestedPastTheBound_endsFailedNotRunning() {
        String machine = sfn.createStateMachine(b -> b.name("hostile-standard").roleArn(ROLE)
                .type(StateMachineType.STANDARD)
                .definition("{\"StartAt\": \"P\", \"States\": {\"P\": " + WRAP_INPUT + "}}")).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input(DEEPEST_INPUT)).executionArn();

        await().atMost(Duration.ofSeconds(20)).until(() ->
                sfn.describeExecution(b -> b.executionArn(execution)).status() != ExecutionStatus.RUNNING);
        DescribeExecutionResponse end = sfn.describeExecution(b -> b.executionArn(execution));
        assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(end.error()).isEqualTo("States.Runtime");
    }
}
