package io.portico.functions.engine.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import io.portico.core.work.NodeId;
import io.portico.core.work.WorkQueue;
import io.portico.functions.engine.Destinations;
import io.portico.functions.store.MappingStore;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller as the server runs it: an item of the platform's durable work queue on a manual clock, over a
 * real store. After a restart (a new store, queue and engine on the same data directory) the mapping goes on
 * from its stored cursor, the item of before ends, and no record is skipped or delivered twice.
 */
class StreamPollerOnWorkQueueTest {
    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final InMemoryChangeStreams streams = new InMemoryChangeStreams(clock);
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    /** While set, the invoker throws: a fault of the platform, not the function's error, so the step throws. */
    private volatile boolean broken;
    private StreamPoller poller;
    private SqliteStore store;
    private Timers timers;
    private WorkQueue work;
    private EventSourceMappings mappings;

    @AfterEach
    void close() {
        stop();
    }

    private void start() {
        store = SqliteStore.open(dir.resolve("data"));
        timers = Timers.create(clock, "test");
        work = WorkQueue.create(store, timers.scope("work"), NodeId.of("node"));
        MappingStore repository = new MappingStore(store);
        poller = StreamPoller.on(work, repository, streams, (arn, payload, requestId) -> {
            if (broken) {
                throw new IllegalStateException("the runtime broke");
            }
            PollerHarness.parse(payload).path("Records").forEach(r ->
                    delivered.add(r.path("dynamodb").path("SequenceNumber").asText()));
            return PollerHarness.ok("null");
        }, Destinations.NONE);
        mappings = new EventSourceMappings(repository, streams, Destinations.NONE, ref -> ref.qualifiedArn(), clock,
                mapping -> StreamPoller.start(work, mapping));
        mappings.start();
        work.start();
    }

    private void stop() {
        if (work != null) {
            work.close();
            timers.close();
            store.close();
            work = null;
        }
    }

    /** Waits until everything in the stream is delivered, moving the clock on by a poll at a time. */
    private void awaitDelivered(List<String> expected) {
        await().until(() -> {
            if (delivered.size() < expected.size()) {
                clock.advance(StreamPoller.POLL_INTERVAL);
            }
            return delivered.size() >= expected.size();
        });
        assertThat(delivered).containsExactlyElementsOf(expected);
    }

    @Test
    void recordCommitted_wakesTheIdlePoller_withoutWaitingForItsNextPoll() {
        start();
        Instant start = clock.instant();
        mappings.create(PollerHarness.FUNCTION, Optional.of(InMemoryChangeStreams.STREAM), true,
                Optional.of("TRIM_HORIZON"), MappingSettings.streamDefaults().withBatchSize(1), false);
        awaitPollerWaitingUntil(start.plus(StreamPoller.POLL_INTERVAL)); // read the empty stream, waits to poll

        String first = streams.insert("shard-1", "{\"id\":{\"S\":\"a\"}}");
        await().until(() -> delivered.equals(List.of(first)));
        awaitPollerWaitingUntil(start.plus(StreamPoller.POLL_INTERVAL));
        String second = streams.insert("shard-1", "{\"id\":{\"S\":\"b\"}}");
        await().until(() -> delivered.equals(List.of(first, second)));

        assertThat(clock.instant()).isEqualTo(start); // no poll came: each commit woke the poller
    }

    /** Waits until the poller's work item waits on the clock for {@code due}, and for nothing earlier. */
    private void awaitPollerWaitingUntil(Instant due) {
        await().until(() -> timers.nextDue().filter(due::equals).isPresent());
    }

    @Test
    void aStepThatThrows_isNoReaderUntilItRunsAgain_soCommitsDoNotHurryItsBackOff() {
        start();
        Instant start = clock.instant();
        mappings.create(PollerHarness.FUNCTION, Optional.of(InMemoryChangeStreams.STREAM), true,
                Optional.of("TRIM_HORIZON"), MappingSettings.streamDefaults().withBatchSize(1), false);
        awaitPollerWaitingUntil(start.plus(StreamPoller.POLL_INTERVAL));
        assertThat(poller.readers()).hasSize(1);

        broken = true;
        String record = streams.insert("shard-1", "{\"id\":{\"S\":\"a\"}}");
        await().until(() -> poller.readers().isEmpty());   // before the fix, a reader stayed until the item ended
        awaitPollerWaitingUntil(start.plusSeconds(1));   // the queue's back-off after a failure
        broken = false;
        clock.advance(Duration.ofSeconds(1));

        await().until(() -> delivered.equals(List.of(record)));
        await().until(() -> poller.readers().size() == 1);   // running again, it reads again
    }

    @Test
    void pollerOnTheWorkQueue_deliversInOrder_andResumesAfterARestart() {
        start();
        mappings.create(PollerHarness.FUNCTION, Optional.of(InMemoryChangeStreams.STREAM), true,
                Optional.of("TRIM_HORIZON"), MappingSettings.streamDefaults().withBatchSize(2), false);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.add(streams.insert("shard-1", "{\"id\":{\"S\":\"" + i + "\"}}"));
        }
        awaitDelivered(expected);

        stop();
        for (int i = 3; i < 6; i++) {
            expected.add(streams.insert("shard-1", "{\"id\":{\"S\":\"" + i + "\"}}"));
        }
        start();

        awaitDelivered(expected);
        await().until(() -> {
            clock.advance(StreamPoller.POLL_INTERVAL);
            return work.size(StreamPoller.QUEUE) == 1; // the item of before ended: one poller per mapping
        });
        assertThat(delivered).doesNotHaveDuplicates();
    }
}
