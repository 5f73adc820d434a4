package io.portico.states.asl.jsonpath;

import static io.portico.states.asl.jsonpath.TestJson.ctx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.states.asl.StatesError;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Messages come from the AWS recordings in the conformance corpus (base/, scenarios/, logs/). */
class PathFieldsTest {

    private static void assertRuntime(Runnable call, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatesError.class, e -> {
            assertThat(e.error()).isEqualTo("States.Runtime");
            assertThat(e.detail()).isEqualTo(detail);
        });
    }

    @Test
    void seconds_acceptsNonNegativeIntegers() {
        assertThat(PathFields.seconds("$.input.waitSeconds", ctx("{'input':{'waitSeconds':1}}"))).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-1.5|The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == -1.5",
        "1.5|The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5",
        "-1|The SecondsPath parameter references a negative value: $.input.waitSeconds == -1"})
    void seconds_rejectsAsAws(String value, String detail) {
        assertRuntime(() -> PathFields.seconds("$.input.waitSeconds", ctx("{'input':{'waitSeconds':" + value + "}}")), detail);
    }

    @Test
    void seconds_missingPath() {
        assertRuntime(() -> PathFields.seconds("$.input.waitSeconds", ctx("{}")),
                "The SecondsPath parameter does not reference an input value: $.input.waitSeconds");
    }

    @Test
    void timestamp_parsesNanosecondsAndRejectsMissingOffset() {
        assertThat(PathFields.timestamp("$.t", ctx("{'t':'2016-03-05T21:29:29.243167252Z'}")))
                .isEqualTo(Instant.parse("2016-03-05T21:29:29.243167252Z"));
        for (String bad : new String[] {"2016-12-05T21:29:29", "2016-12-05 21:29:29Z", "2016-12-05T25:29:29Z"}) {
            assertRuntime(() -> PathFields.timestamp("$.t", ctx("{'t':'" + bad + "'}")),
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time "
                            + "format string: $.t == " + bad);
        }
    }

    @Test
    void mapFields_rejectAsAws() {
        assertRuntime(() -> PathFields.maxConcurrency("$.MaxConcurrencyValue", ctx("{'MaxConcurrencyValue':'NoNumber'}")),
                "The MaxConcurrencyPath field refers to value \"NoNumber\" which is not a valid integer: $.MaxConcurrencyValue");
        assertRuntime(() -> PathFields.maxConcurrency("$.MaxConcurrencyValue", ctx("{'MaxConcurrencyValue':{}}")),
                "The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: $.MaxConcurrencyValue");
        assertRuntime(() -> PathFields.toleratedFailurePercentage("$.P", ctx("{'P':{}}")),
                "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid float: $.P");
        assertRuntime(() -> PathFields.toleratedFailurePercentage("$.P", ctx("{'P':-1.1}")),
                "ToleratedFailurePercentage must be between 0 and 100.");
        assertRuntime(() -> PathFields.toleratedFailureCount("$.C", ctx("{'C':-1}")),
                "ToleratedFailureCount cannot be negative.");
        assertThat(PathFields.toleratedFailurePercentage("$.P", ctx("{'P':100}"))).isEqualTo(100.0);
        assertThat(PathFields.maxConcurrency("$.M", ctx("{'M':1}"))).isEqualTo(1);
    }
}
