package io.portico.functions.engine.mappings;

import static io.portico.functions.engine.mappings.PollerHarness.ok;
import static io.portico.functions.engine.mappings.PollerHarness.unhandled;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.core.time.ManualClock;
import io.portico.functions.engine.ChangeStreams.ChangeRecord;
import io.portico.functions.engine.FunctionsException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ParallelizationFactor over the in-memory stream and a real store, on a manual clock: a shard's records are
 * split by item key into lanes whose batches are in flight together; each item's changes stay in order in
 * one lane; each lane keeps its own cursor, so a failure or a restart holds back only its own lane and
 * skips nothing; a changed factor re-partitions the shard without skipping; children wait for every lane
 * of their parent.
 */
class ParallelizationFactorTest {
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

    private String put(String shard, String id, int version) {
        return streams.insert(shard, "{\"id\":{\"S\":\"" + id + "\"},\"v\":{\"N\":\"" + version + "\"}}");
    }

    /** The lane an item of key {@code id} goes to under {@code lanes} lanes. */
    private static int laneOf(String id, int lanes) {
        try {
            JsonNode event = Json.mapper().readTree("{\"dynamodb\":{\"Keys\":{\"id\":{\"S\":\"" + id + "\"}}}}");
            return Lanes.of(new ChangeRecord("1", Instant.EPOCH, (com.fasterxml.jackson.databind.node.ObjectNode) event),
                    lanes);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Two keys that go to different lanes under {@code lanes} lanes. */
    private static List<String> keysInTwoLanes(int lanes) {
        String first = "key-0";
        String second = IntStream.range(1, 100).mapToObj(i -> "key-" + i)
                .filter(k -> laneOf(k, lanes) != laneOf(first, lanes)).findFirst().orElseThrow();
        return List.of(first, second);
    }

    /** Each key's versions in the order the function received them. */
    private Map<String, List<Integer>> versionsByKey() {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        harness.invocations.forEach(batch -> batch.forEach(r -> byKey.computeIfAbsent(
                r.path("dynamodb").path("NewImage").path("id").path("S").asText(), k -> new ArrayList<>())
                .add(r.path("dynamodb").path("NewImage").path("v").path("N").asInt())));
        return byKey;
    }

    @Test
    void differentKeys_areInFlightTogether() throws Exception {
        List<String> keys = keysInTwoLanes(2);
        put(SHARD, keys.get(0), 1);
        put(SHARD, keys.get(1), 1);
        CyclicBarrier bothInFlight = new CyclicBarrier(2);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        harness.function = records -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                bothInFlight.await(10, TimeUnit.SECONDS);   // returns only once the other lane's batch is in flight too
                return ok("null");
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                return unhandled();
            } finally {
                inFlight.decrementAndGet();
            }
        };
        harness.create(MappingSettings.streamDefaults().withParallelizationFactor(2));

        harness.drain();

        assertThat(most.get()).isEqualTo(2);
        assertThat(harness.invocations).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(1));
        assertThat(versionsByKey()).containsOnlyKeys(keys);
    }

    @Test
    void eachItemsChanges_stayInOrder_inOneLane_andArriveOnce() throws Exception {
        for (int version = 0; version < 40; version++) {
            put(SHARD, "item-" + (version % 7), version);
        }
        harness.create(MappingSettings.streamDefaults().withParallelizationFactor(4).withBatchSize(3));

        harness.drain();

        Map<String, List<Integer>> versions = versionsByKey();
        assertThat(versions).hasSize(7);
        versions.forEach((key, seen) -> assertThat(seen).as(key).isSorted().doesNotHaveDuplicates()
                .containsExactlyElementsOf(IntStream.range(0, 40).filter(v -> ("item-" + (v % 7)).equals(key))
                        .boxed().toList()));
        assertThat(harness.invocations).allSatisfy(batch -> {
            assertThat(batch).hasSizeLessThanOrEqualTo(3);
            assertThat(batch).extracting(r -> laneOf(r.path("dynamodb").path("Keys").path("id").path("S").asText(), 4))
                    .as("one lane per batch").containsOnly(laneOf(batch.get(0).path("dynamodb").path("Keys").path("id")
                            .path("S").asText(), 4));
        });
    }

    @Test
    void aFailingLane_holdsBackOnlyItself_andARestartResumesEachLane_skippingNothing() throws Exception {
        List<String> keys = keysInTwoLanes(2);
        String failing = keys.get(0);
        String healthy = keys.get(1);
        for (int version = 1; version <= 3; version++) {
            put(SHARD, failing, version);
            put(SHARD, healthy, version);
        }
        harness.function = records -> records.stream().anyMatch(r -> r.path("dynamodb").path("Keys").path("id")
                .path("S").asText().equals(failing)) ? unhandled() : ok("null");
        harness.create(MappingSettings.streamDefaults().withParallelizationFactor(2).withBatchSize(2));
        harness.drainAcross(3);
        assertThat(versionsByKey().get(healthy)).containsExactly(1, 2, 3);

        harness.restart();   // a new Portico on the same store: each lane from its own cursor
        harness.function = records -> ok("null");
        put(SHARD, healthy, 4);
        harness.drainAcross(5);

        assertThat(versionsByKey().get(healthy)).as("the healthy lane is not delivered again")
                .containsExactly(1, 2, 3, 4);
        List<Integer> failed = versionsByKey().get(failing);
        assertThat(failed.subList(failed.size() - 3, failed.size())).containsExactly(1, 2, 3);
        assertThat(failed.subList(0, failed.size() - 3)).as("the failed batch, retried before the restart")
                .isNotEmpty().containsOnly(1, 2);
    }

    @Test
    void aFailingLane_backsOffAsItsRetriesSay_whileAnotherLaneKeepsMoving() throws Exception {
        List<String> keys = keysInTwoLanes(2);
        String failing = keys.get(0);
        String busy = keys.get(1);
        put(SHARD, failing, 1);
        for (int version = 1; version <= 10; version++) {
            put(SHARD, busy, version);
        }
        harness.function = records -> records.stream().anyMatch(r -> r.path("dynamodb").path("Keys").path("id")
                .path("S").asText().equals(failing)) ? unhandled() : ok("null");
        harness.create(MappingSettings.streamDefaults().withParallelizationFactor(2).withBatchSize(1)
                .withMaximumRetryAttempts(3).withOnFailure(Optional.of(PollerHarness.FAILURES)));

        harness.drain();   // the busy lane's ten batches, one per step, all due now

        assertThat(versionsByKey().get(busy)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(versionsByKey().get(failing)).as("attempts at the failing batch at one instant: its first, "
                + "then a back-off of a second").containsExactly(1);
        assertThat(harness.failureRecords).isEmpty();

        Instant before = harness.clock.instant();
        harness.drainAcross(40);   // 1 s, 2 s and 4 s of back-off (the idle lane polls each 250 ms), then on-failure
        assertThat(versionsByKey().get(failing)).containsExactly(1, 1, 1, 1);
        assertThat(harness.failureRecords).hasSize(1);
        assertThat(harness.clock.instant()).isAfterOrEqualTo(before.plusSeconds(7));
    }

    @Test
    void bisection_halvesTheLanesOwnRecords_soAPoisonRecordAfterAnotherLanesGoesOnFailureAfterItsRetries()
            throws Exception {
        List<String> keys = keysInTwoLanes(2);
        String poison = keys.get(0);
        String healthy = keys.get(1);
        put(SHARD, healthy, 1);   // read with the poison record by its lane, and passed over
        String poisonRecord = put(SHARD, poison, 1);
        put(SHARD, healthy, 2);
        put(SHARD, healthy, 3);
        harness.function = records -> records.stream().anyMatch(r -> r.path("dynamodb").path("Keys").path("id")
                .path("S").asText().equals(poison)) ? unhandled() : ok("null");
        harness.create(MappingSettings.streamDefaults().withParallelizationFactor(2).withBatchSize(1)
                .withBisectOnError(true).withMaximumRetryAttempts(2).withOnFailure(Optional.of(PollerHarness.FAILURES)));

        harness.drainAcross(40);   // before the fix the poison lane bisected for ever: the poller never waited

        assertThat(versionsByKey().get(healthy)).containsExactly(1, 2, 3);
        assertThat(versionsByKey().get(poison)).as("its first attempt and two retries").containsExactly(1, 1, 1);
        assertThat(harness.failureRecords).singleElement().satisfies(f -> {
            assertThat(f.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
            assertThat(f.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
            assertThat(f.path("DDBStreamBatchInfo").path("startSequenceNumber").asText()).isEqualTo(poisonRecord);
            assertThat(f.path("DDBStreamBatchInfo").path("endSequenceNumber").asText()).isEqualTo(poisonRecord);
            assertThat(f.path("DDBStreamBatchInfo").path("batchSize").asInt()).isEqualTo(1);
        });
    }

    @Test
    void aThrottledLane_waitsItsDelay_whileAnotherLaneKeepsMoving() throws Exception {
        List<String> keys = keysInTwoLanes(2);
        String throttled = keys.get(0);
        String busy = keys.get(1);
        put(SHARD, throttled, 1);
        for (int version = 1; version <= 5; version++) {
            put(SHARD, busy, version);
        }
        harness.function = records -> {
            if (records.stream().anyMatch(r -> r.path("dynamodb").path("Keys").path("id").path("S").asText()
                    .equals(throttled)) && harness.clock.instant().isBefore(Instant.parse("2025-01-01T00:00:01Z"))) {
                throw FunctionsException.of(FunctionsException.Kind.THROTTLED, "Rate Exceeded.");
            }
            return ok("null");
        };
        harness.create(MappingSettings.streamDefaults().withParallelizationFactor(2).withBatchSize(1));

        harness.drain();   // the busy lane's five batches, one per step, all at one instant

        assertThat(versionsByKey().get(busy)).containsExactly(1, 2, 3, 4, 5);
        assertThat(versionsByKey().get(throttled)).as("tried once, then not before its second has passed")
                .containsExactly(1);
        harness.drainAcross(8);   // the idle lane polls each 250 ms; the throttled one waits its second
        assertThat(versionsByKey().get(throttled)).containsExactly(1, 1);
    }

    @Test
    void theCursorsOfShardsTrimmedAway_go_soThePollReadsOnlyTheLineageThatIsLeft() throws Exception {
        EventSourceMapping mapping = harness.create(MappingSettings.streamDefaults().withParallelizationFactor(3));
        String parent = SHARD;
        for (int rollover = 2; rollover <= 4; rollover++) {   // a rollover every four hours, each shard read
            put(parent, "item-" + rollover, rollover);
            String child = "shard-" + rollover;
            streams.addShard(child, Optional.of(parent));
            streams.close(parent);
            harness.drainAcross(3);
            parent = child;
        }
        assertThat(harness.repository.cursors(mapping.uuid())).hasSize(3 * 3);   // the open shard-4's lanes: none yet

        streams.trim(SHARD);   // 24 hours on: the first two shards' records aged out
        streams.trim("shard-2");
        harness.drainAcross(2);

        assertThat(harness.repository.cursors(mapping.uuid())).extracting(ShardCursor::shardId)
                .containsExactly("shard-3#0/3", "shard-3#1/3", "shard-3#2/3");
        assertThat(versionsByKey().values().stream().mapToInt(List::size).sum()).isEqualTo(3);
    }

    @Test
    void changingTheFactor_repartitionsFromTheSlowestLane_skippingNothing() throws Exception {
        EventSourceMapping mapping = harness.create(MappingSettings.streamDefaults().withBatchSize(2));
        for (int version = 0; version < 6; version++) {
            put(SHARD, "item-" + (version % 3), version);
        }
        harness.drain();
        harness.update(mapping, s -> s.withParallelizationFactor(3));
        for (int version = 6; version < 12; version++) {
            put(SHARD, "item-" + (version % 3), version);
        }
        harness.drain();
        harness.update(mapping, s -> s.withParallelizationFactor(1));
        for (int version = 12; version < 15; version++) {
            put(SHARD, "item-" + (version % 3), version);
        }
        harness.drain();

        List<Integer> all = versionsByKey().values().stream().flatMap(List::stream).sorted().toList();
        assertThat(all).containsExactlyElementsOf(IntStream.range(0, 15).boxed().toList());
        versionsByKey().values().forEach(seen -> assertThat(seen).isSorted());
        assertThat(harness.repository.cursors(mapping.uuid())).extracting(ShardCursor::shardId).containsExactly(SHARD);
    }

    @Test
    void childShard_waitsForEveryLaneOfItsParent() throws Exception {
        List<String> keys = keysInTwoLanes(2);
        put(SHARD, keys.get(0), 1);
        put(SHARD, keys.get(1), 1);
        streams.addShard("shard-2", Optional.of(SHARD));
        put("shard-2", keys.get(0), 2);
        harness.create(MappingSettings.streamDefaults().withParallelizationFactor(2));

        harness.drain();
        assertThat(versionsByKey().get(keys.get(0))).containsExactly(1);

        streams.close(SHARD);
        harness.drain();
        assertThat(versionsByKey().get(keys.get(0))).containsExactly(1, 2);
        assertThat(versionsByKey().get(keys.get(1))).containsExactly(1);
    }
}
