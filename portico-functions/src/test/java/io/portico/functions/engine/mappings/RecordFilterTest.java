package io.portico.functions.engine.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.FunctionsException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FilterCriteria as Lambda applies them to DynamoDB stream records. Each case is a recorded
 * {@code test_dynamodb_event_filter[...]} (../shared/conformance/dynamodb): its pattern, a record AWS
 * delivered (from the recorded function log) and a record it did not (the test's other writes, which the
 * recording leaves out, built to differ only in what the pattern tests).
 */
class RecordFilterTest {

    static Stream<Arguments> recordedFilters() {
        return Stream.of(
                Arguments.of("insert_same_entry_twice", "{\"eventName\": [\"INSERT\"]}",
                        record("INSERT", "{\"id\":{\"S\":\"id_value\"},\"id2\":{\"S\":\"id2_value\"}}"),
                        record("MODIFY", "{\"id\":{\"S\":\"id_value\"},\"id2\":{\"S\":\"id2_new_value\"}}")),
                Arguments.of("content_or_filter", "{\"eventName\": [\"INSERT\", \"MODIFY\"]}",
                        record("MODIFY", "{\"id\":{\"S\":\"id_value\"},\"id2\":{\"S\":\"id2_new_value\"}}"),
                        record("REMOVE", null)),
                Arguments.of("content_multiple_filters", "{\"eventName\": [\"INSERT\"], \"eventSource\": [\"aws:dynamodb\"]}",
                        record("INSERT", "{\"id\":{\"S\":\"id_value\"}}"),
                        record("REMOVE", null)),
                Arguments.of("content_filter_type", "{\"dynamodb\": {\"NewImage\": {\"presentKey\": {\"S\": [\"presentValue\"]}}}}",
                        record("INSERT", "{\"id\":{\"S\":\"id_value_1\"},\"presentKey\":{\"S\":\"presentValue\"}}"),
                        record("INSERT", "{\"id\":{\"S\":\"id_value_2\"},\"presentKey\":{\"S\":\"otherValue\"}}")),
                Arguments.of("exists_filter_type", "{\"dynamodb\": {\"NewImage\": {\"presentKey\": {\"S\": [{\"exists\": true}]}}}}",
                        record("INSERT", "{\"id\":{\"S\":\"id_value_1\"},\"presentKey\":{\"S\":\"presentValue\"}}"),
                        record("INSERT", "{\"id\":{\"S\":\"id_value_2\"}}")),
                // AWS delivered a record WITH presentKey too: the pattern's leaf is presentKey, whose value
                // is an object ({"S": ...}), and a leaf that is an object does not exist for the matcher.
                Arguments.of("exists_false_filter", "{\"dynamodb\": {\"NewImage\": {\"presentKey\": [{\"exists\": false}]}}}",
                        record("INSERT", "{\"id\":{\"S\":\"id_value_2\"},\"presentKey\":{\"S\":\"presentValue\"}}"),
                        record("INSERT", "{\"id\":{\"S\":\"id_value_3\"},\"presentKey\":\"plain\"}")),
                // "42" is a string (DynamoDB JSON), so numeric never matches, but anything-but "101" does.
                Arguments.of("numeric_filter",
                        "{\"dynamodb\": {\"NewImage\": {\"numericFilter\": {\"N\": [{\"numeric\": [\">\", 100]}, {\"anything-but\": \"101\"}]}}}}",
                        record("INSERT", "{\"id\":{\"S\":\"id_value_1\"},\"numericFilter\":{\"N\":\"42\"}}"),
                        record("INSERT", "{\"id\":{\"S\":\"id_value_2\"},\"numericFilter\":{\"N\":\"101\"}}")),
                Arguments.of("prefix_filter", "{\"dynamodb\": {\"NewImage\": {\"prefix\": {\"S\": [{\"prefix\": \"us-1\"}]}}}}",
                        record("INSERT", "{\"id\":{\"S\":\"id_value_1\"},\"prefix\":{\"S\":\"us-1-other-suffix\"}}"),
                        record("INSERT", "{\"id\":{\"S\":\"id_value_2\"},\"prefix\":{\"S\":\"us-2-other-suffix\"}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedFilters")
    void recordedFilter_deliversWhatAwsDelivered(String name, String pattern, JsonNode delivered, JsonNode skipped) {
        RecordFilter filter = RecordFilter.of(List.of(pattern));

        assertThat(filter.matches(delivered)).as("delivered").isTrue();
        assertThat(filter.matches(skipped)).as("skipped").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"single-string\"", "[{\"eventName\": [\"INSERT\"=123}]", "{\"eventName\": \"INSERT\"}", "42"})
    void invalidPattern_isRefusedAsLambdaRefusesIt(String pattern) {
        assertThatThrownBy(() -> RecordFilter.of(List.of(pattern)))
                .isInstanceOfSatisfying(FunctionsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FunctionsException.Kind.INVALID_PARAMETER);
                    assertThat(e.getMessage()).isEqualTo("Invalid filter pattern definition.");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"eventName\": [\"INSERT\"]}"})
    void severalPatterns_matchWhenAnyMatches(String insert) {
        RecordFilter filter = RecordFilter.of(List.of(insert, "{\"eventName\": [\"REMOVE\"]}"));

        assertThat(filter.matches(record("REMOVE", null))).isTrue();
        assertThat(filter.matches(record("MODIFY", "{\"id\":{\"S\":\"1\"}}"))).isFalse();
    }

    private static JsonNode record(String eventName, String newImage) {
        var event = Json.object().put("eventID", "1").put("eventName", eventName).put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb").put("awsRegion", "us-east-1");
        var dynamodb = event.putObject("dynamodb").put("ApproximateCreationDateTime", 1_700_000_000)
                .put("SequenceNumber", "100").put("SizeBytes", 50).put("StreamViewType", "NEW_IMAGE");
        if (newImage != null) {
            try {
                dynamodb.set("NewImage", Json.mapper().readTree(newImage));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return event;
    }
}
