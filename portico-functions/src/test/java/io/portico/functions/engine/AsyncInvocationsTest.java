package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.core.store.Migration;
import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import io.portico.core.work.DeadLetter;
import io.portico.core.work.NodeId;
import io.portico.core.work.WorkQueue;
import io.portico.functions.store.AsyncQueue;
import io.portico.functions.store.FunctionStore;
import io.portico.functions.store.FunctionsSchema;
import io.portico.store.sqlite.SqliteStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda's asynchronous invocations over a real store, the platform's work queue and the in-process
 * Java runtime, on a manual clock: retries after Lambda's delays, throttles that do not count, the
 * maximum event age, destinations, Portico-side failures retried with backoff, dead letters, and events
 * an older Portico accepted. Time passes only when a test advances the clock, once the queue waits for
 * exactly the instant the test expects.
 */
class AsyncInvocationsTest {
    private static final NodeId NODE = NodeId.of("test-node");
    private static final Duration RETRY_DELAY = Duration.ofMinutes(1);
    private static final String FAILURES = "arn:aws:sqs:us-east-1:" + Fixtures.ACCOUNT + ":failures";
    private static final String SUCCESSES = "arn:aws:sqs:us-east-1:" + Fixtures.ACCOUNT + ":successes";

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final CapturingDestinations destinations = new CapturingDestinations();
    private SqliteStore store;
    private Timers timers;
    /** The work queue's scope of {@link #timers}: what it waits for, apart from the invoker's sweep. */
    private Timers queueTimers;
    private WorkQueue work;
    private Functions functions;
    private AsyncInvocations async;

    @AfterEach
    void close() {
        if (work != null) {
            work.close();
            work = null;
        }
        if (timers != null) {
            timers.close();
            timers = null;
        }
        if (functions != null) {
            functions.close();
            functions = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Test
    void eventQueuedBeforeARestartRunsOnceThePlatformFailureHasPassed() throws IOException {
        open(() -> URI.create("http://127.0.0.1:4566"));
        FunctionRef ref = create("counter", "example.CounterHandler");
        async.enqueue(ref, "{}".getBytes()); // accepted, not run: the work queue has not started
        close();

        AtomicInteger endpointCalls = new AtomicInteger();
        open(() -> {
            if (endpointCalls.incrementAndGet() <= 2) {
                throw new IllegalStateException("not started");
            }
            return URI.create("http://127.0.0.1:4566");
        });
        work.start();

        await().until(() -> endpointCalls.get() == 1);
        awaitQueueWaiting(Duration.ofSeconds(1)); // backoff after a Portico-side failure: 1 s, then 2 s
        await().until(() -> endpointCalls.get() == 2);
        awaitQueueWaiting(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> !functions.logs().entries(ref.arn()).isEmpty());
        assertThat(endpointCalls.get()).isEqualTo(3);
        assertThat(functions.logs().entries(ref.arn())).hasSize(1);
        await().until(() -> work.size(AsyncQueue.QUEUE) == 0);
    }

    @Test
    void failingEvent_isRetriedAfterOneThenTwoRetryDelays_thenOnFailureGetsRetriesExhausted() throws IOException {
        openAndStart();
        FunctionRef ref = create("thrower", "example.ThrowingHandler");
        functions.putEventInvokeConfig(ref, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Optional.of(FAILURES)), true);

        async.enqueue(ref, "{\"reason\": \"no disk\"}".getBytes(StandardCharsets.UTF_8));

        await().until(() -> functions.logs().entries(ref.arn()).size() == 1);
        awaitQueueWaiting(RETRY_DELAY);
        await().until(() -> functions.logs().entries(ref.arn()).size() == 2);
        awaitQueueWaiting(RETRY_DELAY.multipliedBy(2));
        await().until(() -> destinations.records(FAILURES).size() == 1);

        JsonNode record = destinations.records(FAILURES).get(0);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.path("requestPayload").path("reason").asText()).isEqualTo("no disk");
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(functions.logs().entries(ref.arn())).hasSize(3);
        await().until(() -> work.size(AsyncQueue.QUEUE) == 0);
    }

    @Test
    void throttledEvent_isPostponedWithoutCountingAnAttempt() throws IOException {
        open(() -> URI.create("http://127.0.0.1:4566"));
        FunctionRef ref = create("counter", "example.CounterHandler");
        functions.putEventInvokeConfig(ref, Optional.empty(), Optional.empty(), Optional.of(Optional.of(SUCCESSES)),
                Optional.empty(), true);
        async.enqueue(ref, "{}".getBytes(StandardCharsets.UTF_8));
        functions.putReservedConcurrency(ref, 0); // after acceptance: every run is throttled

        work.start();
        awaitQueueWaiting(Duration.ofSeconds(1), false); // throttled: looks again in a second
        functions.deleteReservedConcurrency(ref);
        clock.advance(Duration.ofSeconds(1));

        await().until(() -> destinations.records(SUCCESSES).size() == 1);
        JsonNode record = destinations.records(SUCCESSES).get(0);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("Success");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
    }

    @Test
    void eventOlderThanItsMaximumAge_goesToOnFailureWithoutRunning() throws IOException {
        open(() -> URI.create("http://127.0.0.1:4566"));
        FunctionRef ref = create("counter", "example.CounterHandler");
        functions.putEventInvokeConfig(ref, Optional.empty(), Optional.of(60), Optional.empty(),
                Optional.of(Optional.of(FAILURES)), true);
        async.enqueue(ref, "{}".getBytes(StandardCharsets.UTF_8));

        clock.advance(Duration.ofSeconds(61));
        work.start();

        await().until(() -> destinations.records(FAILURES).size() == 1);
        JsonNode record = destinations.records(FAILURES).get(0);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isZero();
        assertThat(functions.logs().entries(ref.arn())).isEmpty();
        await().until(() -> work.size(AsyncQueue.QUEUE) == 0);
    }

    @Test
    void eventForAFunctionDeletedMeanwhile_isDeadLetteredWithTheReason() throws IOException {
        open(() -> URI.create("http://127.0.0.1:4566"));
        FunctionRef ref = create("counter", "example.CounterHandler");
        String requestId = async.enqueue(ref, "{}".getBytes(StandardCharsets.UTF_8));
        functions.delete(ref);

        work.start();

        await().until(() -> !work.deadLetters(AsyncQueue.QUEUE).isEmpty());
        DeadLetter dead = work.deadLetters(AsyncQueue.QUEUE).get(0);
        assertThat(dead.id()).isEqualTo(requestId);
        assertThat(dead.reason()).startsWith("NOT_FOUND: Function not found");
        assertThat(work.size(AsyncQueue.QUEUE)).isZero();
    }

    @Test
    void eventsAcceptedByAnOlderPortico_areCarriedOverAndRunWithTheirRequestIds() throws IOException {
        Path data = dir.resolve("data");
        try (SqliteStore older = SqliteStore.open(data)) { // the schema before the work queue, two events in it
            older.migrate(FunctionsSchema.MODULE, List.<Migration>of(FunctionsSchema.migrations().get(0)));
            String arn = "arn:aws:lambda:" + Fixtures.REGION + ":" + Fixtures.ACCOUNT + ":function:counter";
            long accepted = clock.instant().minusSeconds(30).toEpochMilli();
            older.write(tx -> tx.update("INSERT INTO lambda_async_queue (id, function_arn, qualifier, payload, attempts, "
                    + "due_ms, enqueued_ms, claimed) VALUES ('waiting-1', ?, NULL, ?, 0, ?, ?, 0), "
                    + "('claimed-2', ?, '$LATEST', ?, 1, ?, ?, 1)", arn, "{}".getBytes(StandardCharsets.UTF_8),
                    accepted, accepted, arn, "{}".getBytes(StandardCharsets.UTF_8), accepted + 960_000, accepted));
        }
        open(() -> URI.create("http://127.0.0.1:4566"));
        FunctionRef ref = create("counter", "example.CounterHandler");

        work.start();

        await().until(() -> functions.logs().entries(ref.arn()).size() == 2);
        assertThat(functions.logs().entries(ref.arn())).extracting(FunctionLogs.Entry::requestId)
                .containsExactlyInAnyOrder("waiting-1", "claimed-2");
        await().until(() -> work.size(AsyncQueue.QUEUE) == 0);
        boolean oldTableGone = store.read(tx -> tx.query("SELECT name FROM sqlite_master WHERE name = 'lambda_async_queue'",
                row -> row.string("name"))).isEmpty();
        assertThat(oldTableGone).isTrue();
    }

    /**
     * Waits until the queue sleeps until {@code delay} from now and nothing earlier (a backoff or a
     * retry), then moves the clock there.
     */
    private void awaitQueueWaiting(Duration delay) {
        awaitQueueWaiting(delay, true);
    }

    private void awaitQueueWaiting(Duration delay, boolean advance) {
        Instant due = clock.instant().plus(delay);
        await().until(() -> queueTimers.nextDue().filter(due::equals).isPresent());
        if (advance) {
            clock.advanceTo(due);
        }
    }

    private void openAndStart() {
        open(() -> URI.create("http://127.0.0.1:4566"));
        work.start();
    }

    private void open(Supplier<URI> endpoint) {
        store = SqliteStore.open(dir.resolve("data"));
        timers = Timers.create(clock, "test");
        queueTimers = timers.scope("work");
        work = WorkQueue.create(store, queueTimers, NODE);
        functions = new Functions(new FunctionStore(store, clock), dir.resolve("data"),
                List.of(JavaRuntime.create(clock)), timers, endpoint);
        functions.start();
        async = new AsyncInvocations(functions, work, destinations, RETRY_DELAY);
    }

    private FunctionRef create(String name, String handlerClass) throws IOException {
        byte[] zip = Files.readAllBytes(Fixtures.directory().resolve("portico-functions-fixtures-lambda.zip"));
        FunctionSettings settings = new FunctionSettings("java21", handlerClass + "::handleRequest",
                "arn:aws:iam::" + Fixtures.ACCOUNT + ":role/test", "", 10, 512, Map.of(), Optional.empty(),
                List.of("x86_64"), 512, "PassThrough");
        FunctionVersion created = functions.create(new NewFunction(Fixtures.ACCOUNT, Fixtures.REGION, name,
                settings, zip, false, Map.of()));
        FunctionRef ref = new FunctionRef(Fixtures.ACCOUNT, Fixtures.REGION, name, Optional.empty());
        await().atMost(Duration.ofSeconds(20)).until(() -> functions.get(ref).state().ready());
        assertThat(created.functionArn()).isEqualTo(ref.arn());
        return ref;
    }

    /** Destinations of another service (queues, here), capturing each record delivered. */
    private static final class CapturingDestinations implements Destinations {
        private final List<Map.Entry<String, JsonNode>> delivered = new CopyOnWriteArrayList<>();

        @Override
        public boolean supports(String arn) {
            return arn.startsWith("arn:aws:sqs:");
        }

        @Override
        public void deliver(String arn, byte[] record) {
            delivered.add(Map.entry(arn, Json.read(record, JsonNode.class)));
        }

        List<JsonNode> records(String arn) {
            return delivered.stream().filter(e -> e.getKey().equals(arn)).map(Map.Entry::getValue).toList();
        }
    }
}
