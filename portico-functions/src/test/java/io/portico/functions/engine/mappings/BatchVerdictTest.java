package io.portico.functions.engine.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * How a function's answer with ReportBatchItemFailures reads: the recorded
 * {@code test_dynamodb_report_batch_item_success_scenarios[...]} and {@code _failure_scenarios[...]}
 * (../shared/conformance/dynamodb), each response as the recorded test's function returned it.
 */
class BatchVerdictTest {
    private static final List<String> BATCH = List.of("100", "101", "102");

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "{}", "{\"batchItemFailures\": []}", "{\"batchItemFailures\": null}"})
    void recordedSuccessScenarios_areSuccess(String response) {
        assertThat(BatchVerdict.of(PollerHarness.ok(response), true, BATCH)).isEqualTo(new BatchVerdict.Success());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"batchItemFailures\": [{\"itemIdentifier\": \"\"}]}",             // empty_string_item_identifier_failure
        "{\"batchItemFailures\": [{\"itemIdentifier\": null}]}",             // null_item_identifier_failure
        "{\"batchItemFailures\": [{\"foo\": \"101\"}]}",                     // invalid_key_foo_failure
        "{\"batchItemFailures\": [{\"foo\": null}]}",                        // invalid_key_foo_null_value_failure
        "{\"batchItemFailures\": [{}]}",                                  // item_identifier_not_present_failure
        "{\"batchItemFailures\": [{\"itemIdentifier\": \"not-in-batch\"}]}" // an identifier not in the batch
    })
    void recordedFailureScenarios_failTheWholeBatch(String response) {
        assertThat(BatchVerdict.of(PollerHarness.ok(response), true, BATCH)).isEqualTo(new BatchVerdict.Failure());
    }

    @Test
    void unhandledException_failsTheWholeBatch() {
        assertThat(BatchVerdict.of(PollerHarness.unhandled(), true, BATCH)).isEqualTo(new BatchVerdict.Failure());
    }

    @Test
    void listedFailures_failFromTheEarliest() {
        String response = "{\"batchItemFailures\": [{\"itemIdentifier\": \"102\"}, {\"itemIdentifier\": \"101\"}]}";

        assertThat(BatchVerdict.of(PollerHarness.ok(response), true, BATCH)).isEqualTo(new BatchVerdict.FailedFrom(1));
    }

    @Test
    void withoutReportBatchItemFailures_anAnswerIsSuccess() {
        String response = "{\"batchItemFailures\": [{\"itemIdentifier\": \"101\"}]}";

        assertThat(BatchVerdict.of(PollerHarness.ok(response), false, BATCH)).isEqualTo(new BatchVerdict.Success());
    }
}
