package io.portico.functions.engine.mappings;

import static io.portico.functions.engine.mappings.PollerHarness.ok;
import static io.portico.functions.engine.mappings.PollerHarness.unhandled;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.time.ManualClock;
import io.portico.core.work.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream consumer over the in-memory stream (the port's test double) and a real store, on a manual
 * clock: batches in order, the batching window, retries, bisection, batch item failures, the record age,
 * the on-failure record, parent shards first, and resuming from the stored cursor after a restart.
 */
class StreamPollerTest {
    private static final String SHARD = "shard-1";

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private InMemoryChangeStreams streams;
    private PollerHarness harness;

    @BeforeEach
    void open() {
        streams = new InMemoryChangeStreams(clock);
        harness = new PollerHarness(dir, clock, streams);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private String insert(int id) {
        return streams.insert(SHARD, "{\"id\":{\"S\":\"" + id + "\"}}");
    }

    @Test
    void batches_takeBatchSizeRecordsInOrder_asDynamodbEvent() throws Exception {
        List<String> seq = List.of(insert(1), insert(2), insert(3), insert(4), insert(5));
        harness.create(MappingSettings.streamDefaults().withBatchSize(2));

        harness.drain();

        assertThat(harness.batches()).containsExactly(seq.subList(0, 2), seq.subList(2, 4), seq.subList(4, 5));
        JsonNode record = harness.invocations.get(0).get(0);
        assertThat(record.path("eventName").asText()).isEqualTo("INSERT");
        assertThat(record.path("eventVersion").asText()).isEqualTo("1.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo(InMemoryChangeStreams.STREAM);
        assertThat(harness.repository.get(harness.latestPoller().uuid()).orElseThrow().lastProcessingResult())
                .isEqualTo("OK");
    }

    @Test
    void idleStream_pollsAgainAfterThePollInterval() throws Exception {
        harness.create(MappingSettings.streamDefaults());

        Outcome outcome = harness.drain();

        assertThat(outcome).isEqualTo(Outcome.postpone(clock.instant().plus(StreamPoller.POLL_INTERVAL)));
        assertThat(harness.invocations).isEmpty();
    }

    @Test
    void batchingWindow_waitsForAFullBatchUntilTheWindowEnds() throws Exception {
        harness.create(MappingSettings.streamDefaults().withBatchSize(3).withBatchingWindow(10));
        insert(1);
        clock.advance(Duration.ofSeconds(4));
        insert(2);

        Outcome waiting = harness.drain();

        assertThat(harness.invocations).isEmpty();
        assertThat(waiting).isEqualTo(Outcome.postpone(Instant.parse("2025-01-01T00:00:10Z")));
        clock.advanceTo(Instant.parse("2025-01-01T00:00:10Z"));
        harness.drain();
        assertThat(harness.batches()).hasSize(1).first().asList().hasSize(2);
    }

    @Test
    void batchingWindow_fullBatchGoesAtOnce() throws Exception {
        harness.create(MappingSettings.streamDefaults().withBatchSize(2).withBatchingWindow(300));
        insert(1);
        insert(2);

        harness.drain();

        assertThat(harness.batches()).hasSize(1);
    }

    @Test
    void functionError_retriedThenSentOnFailure_andTheShardGoesOnInOrder() throws Exception {
        String first = insert(1);
        String poison = insert(2);
        String after = insert(3);
        harness.function = records -> records.get(0).path("dynamodb").path("SequenceNumber").asText().equals(poison)
                ? unhandled() : ok("null");
        harness.create(MappingSettings.streamDefaults().withBatchSize(1).withMaximumRetryAttempts(1)
                .withOnFailure(Optional.of(PollerHarness.FAILURES)));

        Outcome backingOff = harness.drain();
        assertThat(backingOff).isEqualTo(Outcome.postpone(clock.instant().plusSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        harness.drain();

        assertThat(harness.batches()).containsExactly(List.of(first), List.of(poison), List.of(poison), List.of(after));
        assertThat(harness.failureRecords).hasSize(1);
        JsonNode failure = harness.failureRecords.get(0);
        assertThat(failure.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(failure.path("requestContext").path("functionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:consumer");
        assertThat(failure.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(failure.path("version").asText()).isEqualTo("1.0");
        JsonNode info = failure.path("DDBStreamBatchInfo");
        assertThat(info.path("shardId").asText()).isEqualTo(SHARD);
        assertThat(info.path("startSequenceNumber").asText()).isEqualTo(poison);
        assertThat(info.path("endSequenceNumber").asText()).isEqualTo(poison);
        assertThat(info.path("batchSize").asInt()).isEqualTo(1);
        assertThat(info.path("streamArn").asText()).isEqualTo(InMemoryChangeStreams.STREAM);
        assertThat(failure.has("payload")).as("queues and topics get no records").isFalse();
    }

    @Test
    void bisect_splitsTheFailedBatchUntilThePoisonRecordIsAlone() throws Exception {
        List<String> seq = List.of(insert(1), insert(2), insert(3), insert(4));
        String poison = seq.get(2);
        harness.function = records -> records.stream()
                .anyMatch(r -> r.path("dynamodb").path("SequenceNumber").asText().equals(poison)) ? unhandled() : ok("null");
        harness.create(MappingSettings.streamDefaults().withBatchSize(4).withBisectOnError(true)
                .withMaximumRetryAttempts(0).withOnFailure(Optional.of(PollerHarness.FAILURES)));
        insert(5);

        harness.drain();

        assertThat(harness.batches()).containsExactly(seq, seq.subList(0, 2), seq.subList(2, 4), List.of(poison),
                List.of(seq.get(3)), List.of(streams.latestSequenceNumber(InMemoryChangeStreams.STREAM, SHARD).orElseThrow()));
        assertThat(harness.failureRecords).singleElement()
                .satisfies(f -> assertThat(f.path("DDBStreamBatchInfo").path("startSequenceNumber").asText()).isEqualTo(poison));
    }

    @Test
    void bisect_withFilters_halvesOnlyTheDeliveredRecords_soALoneMatchingRecordIsNotInvokedAgainForNothing()
            throws Exception {
        insert(1);
        insert(2);
        String match = streams.insert(SHARD, "{\"id\":{\"S\":\"3\"},\"kind\":{\"S\":\"poison\"}}");
        insert(4);
        harness.function = records -> unhandled();
        harness.create(MappingSettings.streamDefaults().withBatchSize(4).withBisectOnError(true)
                .withMaximumRetryAttempts(0).withOnFailure(Optional.of(PollerHarness.FAILURES))
                .withFilterPatterns(List.of("{\"dynamodb\": {\"NewImage\": {\"kind\": {\"S\": [\"poison\"]}}}}")));

        harness.drain();

        assertThat(harness.batches()).as("one delivered record: nothing to bisect").containsExactly(List.of(match));
        assertThat(harness.failureRecords).singleElement().satisfies(f -> {
            JsonNode info = f.path("DDBStreamBatchInfo");
            assertThat(info.path("startSequenceNumber").asText()).isEqualTo(match);
            assertThat(info.path("endSequenceNumber").asText()).isEqualTo(match);
            assertThat(info.path("batchSize").asInt()).isEqualTo(1);
        });
    }

    @Test
    void reportBatchItemFailures_resumesFromTheEarliestFailedRecord() throws Exception {
        List<String> seq = List.of(insert(1), insert(2), insert(3), insert(4));
        harness.function = records -> harness.invocations.size() == 1
                ? ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + seq.get(3) + "\"},{\"itemIdentifier\":\""
                        + seq.get(2) + "\"}]}")
                : ok("{\"batchItemFailures\":[]}");
        harness.create(MappingSettings.streamDefaults().withReportBatchItemFailures(true));

        harness.drainAcross(2);

        assertThat(harness.batches()).containsExactly(seq, seq.subList(2, 4));
    }

    @Test
    void reportBatchItemFailures_unknownIdentifierFailsTheWholeBatch() throws Exception {
        List<String> seq = List.of(insert(1), insert(2));
        harness.function = records -> harness.invocations.size() == 1
                ? ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"foo\"}]}") : ok("{}");
        harness.create(MappingSettings.streamDefaults().withReportBatchItemFailures(true));

        harness.drainAcross(2);

        assertThat(harness.batches()).containsExactly(seq, seq);
    }

    @Test
    void recordsOlderThanMaximumRecordAge_goOnFailureUnprocessed() throws Exception {
        String old = insert(1);
        clock.advance(Duration.ofSeconds(120));
        String fresh = insert(2);
        harness.create(MappingSettings.streamDefaults().withMaximumRecordAge(60)
                .withOnFailure(Optional.of(PollerHarness.FAILURES)));

        harness.drain();

        assertThat(harness.batches()).containsExactly(List.of(fresh));
        assertThat(harness.failureRecords).singleElement().satisfies(f -> {
            assertThat(f.path("requestContext").path("condition").asText()).isEqualTo("RecordAgeExceeded");
            assertThat(f.path("DDBStreamBatchInfo").path("startSequenceNumber").asText()).isEqualTo(old);
            assertThat(f.has("responseContext")).isFalse();
        });
    }

    @Test
    void childShard_waitsUntilItsParentIsReadToTheEnd() throws Exception {
        String parentRecord = insert(1);
        streams.addShard("shard-2", Optional.of(SHARD));
        String childRecord = streams.insert("shard-2", "{\"id\":{\"S\":\"2\"}}");
        harness.create(MappingSettings.streamDefaults());

        harness.drain();
        assertThat(harness.batches()).containsExactly(List.of(parentRecord));

        streams.close(SHARD);
        harness.drain();
        assertThat(harness.batches()).containsExactly(List.of(parentRecord), List.of(childRecord));
    }

    @Test
    void restart_resumesFromTheStoredCursor_noRecordSkippedOrRepeated() throws Exception {
        harness.create(MappingSettings.streamDefaults().withBatchSize(2));
        List<String> before = List.of(insert(1), insert(2));
        harness.drain();
        EventSourceMapping oldPoller = harness.latestPoller();
        List<String> after = List.of(insert(3), insert(4));

        harness.restart();

        assertThat(harness.poller.step(oldPoller.uuid(), oldPoller.pollerToken()))
                .as("the poller from before the restart stops").isEqualTo(Outcome.done());
        harness.drain();
        assertThat(harness.batches()).containsExactly(before, after);
    }

    @Test
    void disabledOrDeletedMapping_pollerStops() throws Exception {
        EventSourceMapping mapping = harness.create(MappingSettings.streamDefaults());
        harness.mappings.update("000000000000", "us-east-1", mapping.uuid(), Optional.empty(), Optional.of(false),
                s -> s, false);

        assertThat(harness.poller.step(mapping.uuid(), mapping.pollerToken())).isEqualTo(Outcome.done());
        harness.mappings.update("000000000000", "us-east-1", mapping.uuid(), Optional.empty(), Optional.of(true),
                s -> s, false);
        assertThat(harness.started).hasSize(2);
        harness.mappings.delete("000000000000", "us-east-1", mapping.uuid());
        assertThat(harness.drain()).isEqualTo(Outcome.done());
    }

    @Test
    void batchOverSixMegabytes_isSplitToFitTheSynchronousPayload() throws Exception {
        String big = "x".repeat(400_000); // DynamoDB's item limit: 16 such records pass 6 MB
        for (int i = 0; i < 20; i++) {
            streams.insert(SHARD, "{\"id\":{\"S\":\"" + i + "\"},\"blob\":{\"S\":\"" + big + "\"}}");
        }
        harness.create(MappingSettings.streamDefaults());

        harness.drain();

        assertThat(harness.batches()).hasSize(2);
        assertThat(harness.batches().get(0).size() + harness.batches().get(1).size()).isEqualTo(20);
        assertThat(harness.batches().get(0).size()).isLessThanOrEqualTo(15);
    }

    @Test
    void deletedFunction_theBatchWaitsInOrder_andGoesOnceItIsBack() throws Exception {
        String record = insert(1);
        boolean[] gone = {true};
        harness.function = records -> {
            if (gone[0]) {
                throw io.portico.functions.engine.FunctionsException.notFound("Function not found: consumer");
            }
            return ok("null");
        };
        EventSourceMapping mapping = harness.create(MappingSettings.streamDefaults());

        Outcome waiting = harness.drain();

        assertThat(waiting).isEqualTo(Outcome.postpone(clock.instant().plus(Duration.ofMinutes(1))));
        assertThat(harness.repository.get(mapping.uuid()).orElseThrow().lastProcessingResult())
                .isEqualTo("PROBLEM: Function not found: consumer");
        gone[0] = false;
        clock.advance(Duration.ofMinutes(1));
        harness.drain();
        assertThat(harness.batches()).containsExactly(List.of(record), List.of(record));
    }

    @Test
    void aGoneFunctionsDelay_isKeptInTheCursor_soAWakeUpBeforeItHasPassed_doesNotInvokeAgain() throws Exception {
        insert(1);
        harness.function = records -> {
            throw io.portico.functions.engine.FunctionsException.notFound("Function not found: consumer");
        };
        EventSourceMapping mapping = harness.create(MappingSettings.streamDefaults());
        Instant retryAt = clock.instant().plus(Duration.ofMinutes(1));
        harness.drain();

        insert(2);   // a commit to the table wakes the mapping at once
        clock.advance(Duration.ofSeconds(30));
        Outcome woken = harness.poller.step(mapping.uuid(), harness.latestPoller().pollerToken());

        assertThat(harness.invocations).as("the function is tried once a minute, not on every write").hasSize(1);
        assertThat(woken).isEqualTo(Outcome.postpone(retryAt));
        assertThat(harness.repository.cursors(mapping.uuid())).singleElement().satisfies(c -> {
            assertThat(c.retryAt()).contains(retryAt);
            assertThat(c.attempts()).as("no attempt counted: the batch did not fail").isZero();
        });
    }

    @Test
    void compiledFilters_keepOnlyThePatternListsUsedLast() {
        Map<List<String>, RecordFilter> filters = LaneStep.filterCache();
        List<String> inUse = List.of("{\"eventName\": [\"INSERT\"]}");
        for (int i = 0; i < LaneStep.MAX_CACHED_FILTERS + 10; i++) {
            filters.computeIfAbsent(List.of("{\"eventName\": [\"E" + i + "\"]}"), RecordFilter::of);
            filters.computeIfAbsent(inUse, RecordFilter::of);
        }

        assertThat(filters).hasSize(LaneStep.MAX_CACHED_FILTERS).containsKey(inUse)
                .doesNotContainKey(List.of("{\"eventName\": [\"E0\"]}"));
    }

    @Test
    void startingPositionLatest_skipsRecordsWrittenBefore() throws Exception {
        insert(1);
        harness.mappings.create(PollerHarness.FUNCTION, Optional.of(InMemoryChangeStreams.STREAM), true,
                Optional.of("LATEST"), MappingSettings.streamDefaults(), false);
        String later = insert(2);

        harness.drain();

        assertThat(harness.batches()).containsExactly(List.of(later));
    }
}
