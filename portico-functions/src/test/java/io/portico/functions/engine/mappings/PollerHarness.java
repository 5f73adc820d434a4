package io.portico.functions.engine.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.core.time.ManualClock;
import io.portico.core.work.Outcome;
import io.portico.functions.engine.Destinations;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.InvokeResult;
import io.portico.functions.store.MappingStore;
import io.portico.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A mapping engine and its poller over a real store, the in-memory stream and a scripted function, on a
 * manual clock; the poller is stepped by hand as the work queue would run it.
 */
final class PollerHarness implements AutoCloseable {
    static final FunctionRef FUNCTION = new FunctionRef("000000000000", "us-east-1", "consumer", Optional.empty());
    static final String FAILURES = "arn:aws:sqs:us-east-1:000000000000:failures";

    final ManualClock clock;
    final InMemoryChangeStreams streams;
    final List<List<JsonNode>> invocations = new CopyOnWriteArrayList<>();
    final List<JsonNode> failureRecords = new CopyOnWriteArrayList<>();
    final List<EventSourceMapping> started = new CopyOnWriteArrayList<>();
    private final Path dataDir;
    private SqliteStore store;
    MappingStore repository;
    EventSourceMappings mappings;
    StreamPoller poller;
    /** Every event the function received, whole (a tumbling window's members included). */
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    /** What the function answers for a batch of records (each a DynamodbEvent Records entry). */
    Function<List<JsonNode>, InvokeResult> function = records -> ok("null");
    /** When set, what the function answers for the whole event, instead of {@link #function}. */
    Function<JsonNode, InvokeResult> handler;

    PollerHarness(Path dataDir, ManualClock clock, InMemoryChangeStreams streams) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.streams = streams;
        open();
    }

    /** A new engine and poller on the same store: what a restart of Portico builds. */
    void restart() {
        store.close();
        open();
        mappings.start();
    }

    private void open() {
        store = SqliteStore.open(dataDir);
        repository = new MappingStore(store);
        Destinations destinations = new Destinations() {
            @Override
            public boolean supports(String arn) {
                return arn.startsWith("arn:aws:sqs:") || arn.startsWith("arn:aws:s3:");
            }

            @Override
            public void deliver(String arn, byte[] record) {
                failureRecords.add(parse(record));
            }
        };
        mappings = new EventSourceMappings(repository, streams, destinations, FunctionRef::qualifiedArn, clock,
                started::add);
        poller = StreamPoller.create(repository, streams, (arn, payload, requestId) -> {
            if (payload.length > Functions.MAX_SYNC_PAYLOAD) { // as Functions.invoke refuses it
                throw FunctionsException.of(FunctionsException.Kind.TOO_LARGE, "Request must be smaller than "
                        + Functions.MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation");
            }
            List<JsonNode> records = new ArrayList<>();
            JsonNode event = parse(payload);
            event.path("Records").forEach(records::add);
            invocations.add(records);
            events.add(event);
            return handler != null ? handler.apply(event) : function.apply(records);
        }, destinations, clock);
    }

    EventSourceMapping create(MappingSettings settings) {
        return mappings.create(FUNCTION, Optional.of(InMemoryChangeStreams.STREAM), true, Optional.of("TRIM_HORIZON"),
                settings, false).mapping();
    }

    /** UpdateEventSourceMapping of {@code mapping}'s settings, as the API applies it. */
    void update(EventSourceMapping mapping, UnaryOperator<MappingSettings> change) {
        mappings.update(FUNCTION.accountId(), FUNCTION.region(), mapping.uuid(), Optional.empty(), Optional.empty(),
                change, false);
    }

    EventSourceMapping latestPoller() {
        return started.get(started.size() - 1);
    }

    /** Steps the latest poller while it has work due now; answers the outcome that waits (or ends). */
    Outcome drain() throws InterruptedException {
        EventSourceMapping mapping = latestPoller();
        for (int i = 0; i < 1000; i++) {
            Outcome outcome = poller.step(mapping.uuid(), mapping.pollerToken());
            if (!(outcome instanceof Outcome.Retry retry) || retry.at().isAfter(clock.instant())) {
                return outcome;
            }
        }
        throw new AssertionError("the poller never waits");
    }

    /** Drains, then advances the clock to each wake-up, {@code rounds} times. */
    void drainAcross(int rounds) throws InterruptedException {
        for (int i = 0; i < rounds; i++) {
            Outcome outcome = drain();
            if (outcome instanceof Outcome.Retry retry) {
                clock.advanceTo(retry.at());
            }
        }
    }

    /** The sequence numbers of each invocation's batch. */
    List<List<String>> batches() {
        return invocations.stream().map(records -> records.stream()
                .map(r -> r.path("dynamodb").path("SequenceNumber").asText()).toList()).toList();
    }

    static InvokeResult ok(String response) {
        return new InvokeResult(response.getBytes(StandardCharsets.UTF_8), Optional.empty(), "", "$LATEST", "req");
    }

    static InvokeResult unhandled() {
        return new InvokeResult("{\"errorType\":\"RuntimeException\",\"errorMessage\":\"poison\"}"
                .getBytes(StandardCharsets.UTF_8), Optional.of("Unhandled"), "", "$LATEST", "req");
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static JsonNode parse(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
