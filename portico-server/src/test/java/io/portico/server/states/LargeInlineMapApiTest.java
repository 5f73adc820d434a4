package io.portico.server.states;

import static io.portico.server.states.StateMachineApiTest.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * Regression (issue 8): an EXPRESS inline Map of 100,000 small items, through StartSyncExecution and
 * the official SfnClient. Its input, 100,000 zeros, is 200,001 bytes: within the 256 KiB quota, so AWS
 * would run it. It succeeds when its results fit the quota too, and fails with
 * States.DataLimitExceeded when they do not. How many iterations run at once is the engine's
 * {@code InlineMapLimitsTest}.
 */
@PorticoTest
class LargeInlineMapApiTest {
    private static final int ITEMS = 100_000;
    private static final String INPUT = zeros(ITEMS);

    private final SfnClient sfn;

    LargeInlineMapApiTest(PorticoClients clients) {
        this.sfn = clients.sfn();
    }

    @Test
    void startSyncExecution_inlineMapOf100000Items_succeedsWithEveryResult() throws Exception {
        StartSyncExecutionResponse end = startSync("zeros", """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
                  "End": true}}}""");

        assertThat(end.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        JsonNode output = Json.mapper().readTree(end.output());
        assertThat(output.size()).isEqualTo(ITEMS);
        assertThat(end.output()).isEqualTo(INPUT);
    }

    @Test
    void startSyncExecution_jsonataInlineMapOf100000Items_succeedsWithEveryResult() {
        // Each ItemSelector sees $states.input and $states.context, 100,000 elements each: it must read
        // what it uses, not convert them whole per item.
        StartSyncExecutionResponse end = startSync("jsonata", """
                {"QueryLanguage": "JSONata", "StartAt": "Each", "States": {"Each": {"Type": "Map",
                  "Items": "{% $states.input %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "Work", "States": {"Work": {"Type": "Pass", "Output": "{% $states.input.v %}", "End": true}}},
                  "End": true}}}""");

        assertThat(end.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(end.output()).isEqualTo(INPUT);
    }

    @Test
    void startSyncExecution_inlineMapWhoseResultsPass256KiB_failsWithDataLimitExceeded() {
        StartSyncExecutionResponse end = startSync("indexed", """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map",
                  "ItemSelector": {"i.$": "$$.Map.Item.Index"},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
                  "End": true}}}""");

        assertThat(end.status()).isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(end.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(end.cause()).isEqualTo("The state/task 'Each' returned a result with a size exceeding the maximum "
                + "number of bytes service limit.");
    }

    private StartSyncExecutionResponse startSync(String name, String definition) {
        String machine = sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
        return sfn.startSyncExecution(b -> b.stateMachineArn(machine).input(INPUT));
    }

    private static String zeros(int count) {
        StringBuilder text = new StringBuilder(2 * count + 1).append('[');
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "0" : ",0");
        }
        return text.append(']').toString();
    }
}
