package io.portico.functions.engine.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.time.ManualClock;
import io.portico.functions.engine.FunctionsException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What CreateEventSourceMapping and UpdateEventSourceMapping refuse, in Lambda's recorded words, and the states they report. */
class EventSourceMappingsTest {
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private PollerHarness harness;

    @BeforeEach
    void open() {
        harness = new PollerHarness(dir, clock, new InMemoryChangeStreams(clock));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private ThrowingCallable create(Optional<String> source, Optional<String> position, MappingSettings settings) {
        return () -> harness.mappings.create(PollerHarness.FUNCTION, source, true, position, settings, false);
    }

    private static void refused(ThrowingCallable call, FunctionsException.Kind kind, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FunctionsException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void create_reportsCreating_thenReadsEnabled() {
        EventSourceMapping.Reported created = harness.mappings.create(PollerHarness.FUNCTION,
                Optional.of(InMemoryChangeStreams.STREAM), true, Optional.of("TRIM_HORIZON"),
                MappingSettings.streamDefaults(), false);

        assertThat(created.state()).isEqualTo("Creating");
        EventSourceMapping read = harness.mappings.get(ACCOUNT, REGION, created.mapping().uuid());
        assertThat(read.reported().state()).isEqualTo("Enabled");
        assertThat(read.lastProcessingResult()).isEqualTo("No records processed");
        assertThat(read.arn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + read.uuid());
    }

    @Test
    void update_reportsDisablingOrEnablingOrUpdating_delete_reportsDeleting() {
        String uuid = harness.create(MappingSettings.streamDefaults()).uuid();

        assertThat(harness.mappings.update(ACCOUNT, REGION, uuid, Optional.empty(), Optional.of(false), s -> s, false)
                .state()).isEqualTo("Disabling");
        assertThat(harness.mappings.get(ACCOUNT, REGION, uuid).reported().state()).isEqualTo("Disabled");
        assertThat(harness.mappings.update(ACCOUNT, REGION, uuid, Optional.empty(), Optional.of(true), s -> s, false)
                .state()).isEqualTo("Enabling");
        assertThat(harness.mappings.update(ACCOUNT, REGION, uuid, Optional.empty(), Optional.empty(),
                s -> s.withBatchSize(5), false).state()).isEqualTo("Updating");
        assertThat(harness.mappings.get(ACCOUNT, REGION, uuid).settings().batchSize()).isEqualTo(5);
        assertThat(harness.mappings.delete(ACCOUNT, REGION, uuid).state()).isEqualTo("Deleting");
        refused(() -> harness.mappings.get(ACCOUNT, REGION, uuid), FunctionsException.Kind.NOT_FOUND,
                "The resource you requested does not exist.");
    }

    @Test
    void create_withoutEventSource_isUnrecognized() {
        refused(create(Optional.empty(), Optional.of("LATEST"), MappingSettings.streamDefaults()),
                FunctionsException.Kind.INVALID_PARAMETER, "Unrecognized event source.");
    }

    @Test
    void create_withoutStartingPosition_isRefusedInLambdasWords() {
        refused(create(Optional.of(InMemoryChangeStreams.STREAM), Optional.empty(), MappingSettings.streamDefaults()),
                FunctionsException.Kind.INVALID_PARAMETER,
                "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
    }

    @Test
    void create_atTimestamp_isUnsupportedForDynamoDb() {
        refused(create(Optional.of(InMemoryChangeStreams.STREAM), Optional.of("AT_TIMESTAMP"),
                MappingSettings.streamDefaults()), FunctionsException.Kind.INVALID_PARAMETER,
                "Unsupported starting position for arn type: " + InMemoryChangeStreams.STREAM);
    }

    @Test
    void create_onAStreamThatDoesNotExist_isStreamNotFound() {
        String missing = "arn:aws:dynamodb:us-east-1:000000000000:table/test-table-4a53f4e8/stream/2025-02-22T03:03:25.490";
        refused(create(Optional.of(missing), Optional.of("LATEST"), MappingSettings.streamDefaults()),
                FunctionsException.Kind.INVALID_PARAMETER, "Stream not found: " + missing);
    }

    @Test
    void create_onAnotherAccountsStream_isStreamNotFound() {
        io.portico.functions.engine.FunctionRef foreign = new io.portico.functions.engine.FunctionRef("111111111111",
                REGION, "consumer", Optional.empty());

        refused(() -> harness.mappings.create(foreign, Optional.of(InMemoryChangeStreams.STREAM), true,
                Optional.of("LATEST"), MappingSettings.streamDefaults(), false),
                FunctionsException.Kind.INVALID_PARAMETER, "Stream not found: " + InMemoryChangeStreams.STREAM);
    }

    @Test
    void create_twice_isTheRecordedConflict() {
        String uuid = harness.create(MappingSettings.streamDefaults()).uuid();

        refused(create(Optional.of(InMemoryChangeStreams.STREAM), Optional.of("TRIM_HORIZON"),
                MappingSettings.streamDefaults()), FunctionsException.Kind.CONFLICT,
                "The event source arn (\" " + InMemoryChangeStreams.STREAM + " \") and function (\" consumer \") provided"
                        + " mapping already exists. Please update or delete the existing mapping with UUID " + uuid);
    }

    @Test
    void update_ontoAFunctionAlreadyMapped_isTheSameConflict() {
        String first = harness.create(MappingSettings.streamDefaults()).uuid();
        io.portico.functions.engine.FunctionRef other = new io.portico.functions.engine.FunctionRef(ACCOUNT, REGION,
                "other", Optional.empty());
        String second = harness.mappings.create(other, Optional.of(InMemoryChangeStreams.STREAM), true,
                Optional.of("LATEST"), MappingSettings.streamDefaults(), false).mapping().uuid();

        refused(() -> harness.mappings.update(ACCOUNT, REGION, second, Optional.of(PollerHarness.FUNCTION),
                Optional.empty(), s -> s, false), FunctionsException.Kind.CONFLICT,
                "The event source arn (\" " + InMemoryChangeStreams.STREAM + " \") and function (\" consumer \") provided"
                        + " mapping already exists. Please update or delete the existing mapping with UUID " + first);
    }

    @Test
    void create_withAnInvalidFilter_isInvalidFilterPatternDefinition() {
        refused(create(Optional.of(InMemoryChangeStreams.STREAM), Optional.of("LATEST"),
                MappingSettings.streamDefaults().withFilterPatterns(List.of("single-string"))),
                FunctionsException.Kind.INVALID_PARAMETER, "Invalid filter pattern definition.");
    }

    @Test
    void create_withADestinationNoServiceServes_isRefused() {
        String topic = "arn:aws:sns:us-east-1:000000000000:failures";
        refused(create(Optional.of(InMemoryChangeStreams.STREAM), Optional.of("LATEST"),
                MappingSettings.streamDefaults().withOnFailure(Optional.of(topic))),
                FunctionsException.Kind.INVALID_PARAMETER, "The provided destination config DestinationConfig(onSuccess=null,"
                        + " onFailure=OnFailure(destination=" + topic + ")) is invalid.");
    }

    @Test
    void create_withARecordAgeUnderAMinute_isRefused() {
        refused(create(Optional.of(InMemoryChangeStreams.STREAM), Optional.of("LATEST"),
                MappingSettings.streamDefaults().withMaximumRecordAge(30)), FunctionsException.Kind.INVALID_PARAMETER,
                "1 validation error detected: Value '30' at 'maximumRecordAgeInSeconds' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 60");
    }
}
