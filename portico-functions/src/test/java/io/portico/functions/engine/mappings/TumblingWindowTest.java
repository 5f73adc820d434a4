package io.portico.functions.engine.mappings;

import static io.portico.functions.engine.mappings.PollerHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.time.ManualClock;
import io.portico.functions.engine.InvokeResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TumblingWindowInSeconds over the in-memory stream and a real store, on a manual clock, with a handler that
 * counts records in its state as a Java function using {@code DynamodbTimeWindowEvent} and
 * {@code TimeWindowEventResponse} would: the state it returns comes back with the window's next batch, the
 * window ends with a final invocation carrying the last state, a later window starts afresh, an answer
 * without a state is retried, and the window's state survives a restart.
 */
class TumblingWindowTest {
    private static final String SHARD = "shard-1";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.at(START);
    private InMemoryChangeStreams streams;
    private PollerHarness harness;

    @BeforeEach
    void open() {
        streams = new InMemoryChangeStreams(clock);
        harness = new PollerHarness(dir, clock, streams);
        harness.handler = TumblingWindowTest::countRecords;
    }

    @AfterEach
    void close() {
        harness.close();
    }

    /** The handler: adds the batch's records to {@code state.count} and returns the new state. */
    private static InvokeResult countRecords(JsonNode event) {
        int count = event.path("state").path("count").asInt(0) + event.path("Records").size();
        return ok("{\"state\": {\"count\": \"" + count + "\"}, \"batchItemFailures\": []}");
    }

    private String insert(int id) {
        return streams.insert(SHARD, "{\"id\":{\"S\":\"" + id + "\"}}");
    }

    private MappingSettings windowed(int seconds) {
        return MappingSettings.streamDefaults().withTumblingWindow(seconds).withBatchSize(2);
    }

    @Test
    void stateGoesWithTheWindowsBatches_andTheWindowEndsWithAFinalInvoke() throws Exception {
        insert(1);
        insert(2);
        insert(3);
        harness.create(windowed(60));

        harness.drain();
        assertThat(harness.events).hasSize(2);
        clock.advance(Duration.ofSeconds(60));
        harness.drain();
        clock.advance(Duration.ofSeconds(5));
        insert(4);
        harness.drain();

        List<JsonNode> events = harness.events;
        assertThat(events).hasSize(4);
        JsonNode first = events.get(0);
        assertThat(first.path("Records")).hasSize(2);
        assertThat(first.path("window").path("start").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(first.path("window").path("end").asText()).isEqualTo("2025-01-01T00:01:00Z");
        assertThat(first.path("state").toString()).isEqualTo("{}");
        assertThat(first.path("shardId").asText()).isEqualTo(SHARD);
        assertThat(first.path("eventSourceARN").asText()).isEqualTo(InMemoryChangeStreams.STREAM);
        assertThat(first.path("isFinalInvokeForWindow").asBoolean()).isFalse();
        assertThat(first.path("isWindowTerminatedEarly").asBoolean()).isFalse();
        assertThat(events.get(1).path("Records")).hasSize(1);
        assertThat(events.get(1).path("state").path("count").asText()).isEqualTo("2");
        JsonNode last = events.get(2);
        assertThat(last.path("Records")).isEmpty();
        assertThat(last.path("isFinalInvokeForWindow").asBoolean()).isTrue();
        assertThat(last.path("state").path("count").asText()).isEqualTo("3");
        assertThat(last.path("window").path("end").asText()).isEqualTo("2025-01-01T00:01:00Z");
        JsonNode next = events.get(3);
        assertThat(next.path("window").path("start").asText()).isEqualTo("2025-01-01T00:01:00Z");
        assertThat(next.path("state").toString()).isEqualTo("{}");
        assertThat(next.path("Records")).hasSize(1);
    }

    @Test
    void aRecordOfALaterWindow_closesTheOpenWindowFirst() throws Exception {
        insert(1);
        clock.advance(Duration.ofSeconds(90));
        insert(2);
        harness.create(windowed(60));

        harness.drain();

        assertThat(harness.events).extracting(e -> e.path("Records").size() + "@"
                + e.path("window").path("start").asText() + (e.path("isFinalInvokeForWindow").asBoolean() ? " final" : ""))
                .containsExactly("1@2025-01-01T00:00:00Z", "0@2025-01-01T00:00:00Z final", "1@2025-01-01T00:01:00Z");
    }

    @Test
    void anAnswerWithoutState_isAFailedInvocation_andTheBatchIsRetriedWithTheSameState() throws Exception {
        insert(1);
        AtomicInteger calls = new AtomicInteger();
        harness.handler = event -> calls.incrementAndGet() == 1 ? ok("{\"batchItemFailures\": []}") : countRecords(event);
        harness.create(windowed(60));

        harness.drainAcross(2);

        assertThat(harness.events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(harness.events.get(1).path("Records")).hasSize(1);
        assertThat(harness.events.get(1).path("state").toString()).isEqualTo("{}");
        assertThat(harness.repository.cursors(harness.latestPoller().uuid())).singleElement()
                .satisfies(c -> assertThat(c.window().orElseThrow().state()).isEqualTo("{\"count\":\"1\"}"));
    }

    @Test
    void theStateOfABatchWithItemFailures_isNotKept_soTheRecordsRetriedAreNotCountedTwice() throws Exception {
        List<String> seq = List.of(insert(1), insert(2));
        AtomicInteger calls = new AtomicInteger();
        harness.handler = event -> calls.incrementAndGet() == 1
                ? ok("{\"state\": {\"count\": \"2\"}, \"batchItemFailures\": [{\"itemIdentifier\": \"" + seq.get(1)
                        + "\"}]}")
                : countRecords(event);
        harness.create(windowed(60).withReportBatchItemFailures(true));

        harness.drainAcross(2);

        assertThat(harness.events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(harness.events.get(1).path("Records")).singleElement()
                .satisfies(r -> assertThat(r.path("dynamodb").path("SequenceNumber").asText()).isEqualTo(seq.get(1)));
        assertThat(harness.events.get(1).path("state").toString()).as("the state from before the failed batch")
                .isEqualTo("{}");
    }

    @Test
    void theWindowsState_survivesARestart() throws Exception {
        harness.create(windowed(60));
        insert(1);
        harness.drain();

        harness.restart();
        insert(2);
        harness.drain();
        clock.advance(Duration.ofSeconds(60));
        harness.drain();

        assertThat(harness.events).extracting(e -> e.path("state").path("count").asText("-"))
                .containsExactly("-", "1", "2");
        assertThat(harness.events.get(2).path("isFinalInvokeForWindow").asBoolean()).isTrue();
        assertThat(harness.repository.cursors(harness.latestPoller().uuid())).singleElement()
                .satisfies(c -> assertThat(c.window()).isEmpty());
    }

    @Test
    void aStateOverOneMegabyte_endsTheWindowEarly_andTheWindowGoesOnWithAFreshState() throws Exception {
        insert(1);
        insert(2);
        insert(3);
        String big = "x".repeat(TumblingWindows.MAX_STATE_BYTES);
        AtomicInteger calls = new AtomicInteger();
        harness.handler = event -> calls.incrementAndGet() == 1
                ? ok("{\"state\": {\"big\": \"" + big + "\"}}") : countRecords(event);
        harness.create(windowed(60));

        harness.drain();

        assertThat(harness.events).extracting(e -> e.path("Records").size() + " "
                + e.path("isFinalInvokeForWindow").asBoolean() + " " + e.path("isWindowTerminatedEarly").asBoolean()
                + " " + (e.path("state").has("big") ? "big" : e.path("state").toString()))
                .containsExactly("2 false false {}", "0 true true big", "1 false false {}");
        assertThat(harness.events.get(2).path("window").path("start").asText()).isEqualTo("2025-01-01T00:00:00Z");
    }

    @Test
    void aFailedFinalInvoke_isRetriedUntilItSucceeds() throws Exception {
        insert(1);
        harness.create(windowed(60));
        harness.drain();
        AtomicInteger finals = new AtomicInteger();
        harness.handler = event -> event.path("isFinalInvokeForWindow").asBoolean() && finals.incrementAndGet() < 3
                ? PollerHarness.unhandled() : countRecords(event);
        clock.advance(Duration.ofSeconds(60));

        harness.drainAcross(4);

        assertThat(finals.get()).isEqualTo(3);
        assertThat(harness.events).filteredOn(e -> e.path("isFinalInvokeForWindow").asBoolean()).hasSize(3)
                .allSatisfy(e -> assertThat(e.path("state").path("count").asText()).isEqualTo("1"));
        assertThat(harness.repository.cursors(harness.latestPoller().uuid())).singleElement()
                .satisfies(c -> assertThat(c.window()).isEmpty());
    }

    /** A mapping with 60-second windows, whose window [00:00, 00:01) holds the state {@code {"count": "1"}}. */
    private EventSourceMapping windowOpenWithOneRecord() throws InterruptedException {
        EventSourceMapping mapping = harness.create(windowed(60));
        insert(1);
        harness.drain();
        return mapping;
    }

    @Test
    void aWindowsStateCountsInTheSixMegabytePayload_theRecordsThatDoNotFitGoInTheNextBatch() throws Exception {
        String big = "x".repeat(TumblingWindows.MAX_STATE_BYTES - 100);   // a state just under the limit
        String image = "y".repeat(400_000);
        harness.handler = event -> ok("{\"state\": {\"count\": \"" + (event.path("state").path("count").asInt(0)
                + event.path("Records").size()) + "\", \"pad\": \"" + big + "\"}}");
        for (int id = 0; id < 32; id++) {
            streams.insert(SHARD, "{\"id\":{\"S\":\"" + id + "\"},\"pad\":{\"S\":\"" + image + "\"}}");
        }
        harness.create(windowed(60).withBatchSize(100));

        harness.drainAcross(3);

        assertThat(harness.repository.get(harness.latestPoller().uuid()).orElseThrow().lastProcessingResult())
                .isEqualTo("OK");
        assertThat(harness.events).extracting(e -> e.path("Records").size()).asList()
                .satisfies(sizes -> assertThat(sizes.stream().mapToInt(n -> (Integer) n).sum()).isEqualTo(32));
    }

    @Test
    void aChangedParallelizationFactor_endsTheOpenWindowWithItsState_beforeTheLanesAreRedrawn() throws Exception {
        EventSourceMapping mapping = windowOpenWithOneRecord();

        harness.update(mapping, s -> s.withParallelizationFactor(2));
        harness.drain();
        clock.advance(Duration.ofSeconds(60));
        harness.drain();

        assertThat(harness.events).extracting(e -> e.path("Records").size() + " "
                + e.path("isFinalInvokeForWindow").asBoolean() + " " + e.path("state").path("count").asText("-"))
                .startsWith("1 false -", "0 true 1");
        assertThat(harness.events.get(1).path("isWindowTerminatedEarly").asBoolean()).isTrue();
        assertThat(harness.repository.cursors(mapping.uuid())).allSatisfy(c -> assertThat(c.window()).isEmpty());
    }

    @Test
    void aChangedTumblingWindow_endsTheOpenWindowWithItsState_andTheNextRecordsFollowTheNewSetting() throws Exception {
        EventSourceMapping mapping = windowOpenWithOneRecord();

        harness.update(mapping, s -> s.withTumblingWindow(0));
        insert(2);
        harness.drain();

        assertThat(harness.events).extracting(e -> e.path("Records").size() + " "
                + e.path("isFinalInvokeForWindow").asBoolean() + " " + e.path("state").path("count").asText("-")
                + " " + e.has("window"))
                .containsExactly("1 false - true", "0 true 1 true", "1 false - false");
        assertThat(harness.events.get(1).path("window").path("end").asText()).isEqualTo("2025-01-01T00:01:00Z");
        assertThat(harness.repository.cursors(mapping.uuid())).singleElement()
                .satisfies(c -> assertThat(c.window()).isEmpty());
    }

    @Test
    void aLongerTumblingWindow_endsTheOpenWindowEarly_withItsOwnBounds() throws Exception {
        EventSourceMapping mapping = windowOpenWithOneRecord();

        harness.update(mapping, s -> s.withTumblingWindow(300));
        clock.advance(Duration.ofSeconds(30));
        insert(2);
        harness.drain();

        assertThat(harness.events).extracting(e -> e.path("Records").size() + " "
                + e.path("isFinalInvokeForWindow").asBoolean() + " " + e.path("window").path("end").asText())
                .containsExactly("1 false 2025-01-01T00:01:00Z", "0 true 2025-01-01T00:01:00Z",
                        "1 false 2025-01-01T00:05:00Z");
    }
}
