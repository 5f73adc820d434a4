package io.portico.functions.engine.mappings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.ChangeStreams;
import io.portico.functions.engine.ChangeStreams.ChangeRecord;
import io.portico.functions.engine.ChangeStreams.Shard;
import io.portico.functions.engine.Destinations;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.InvokeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of one lane of a shard: at most one batch (or one window's final invocation), and the lane's
 * cursor after it. With one lane every record is the lane's; with more, records of other lanes are passed
 * over as filtered-out records are.
 *
 * <p>A batch: up to BatchSize records after the cursor (fewer while bisecting); records older than
 * MaximumRecordAgeInSeconds go to the OnFailure destination unprocessed; a batch smaller than BatchSize
 * waits until MaximumBatchingWindowInSeconds after its first record's creation; records matching no
 * FilterCriteria pattern are skipped and count as processed. A function error retries the batch
 * (MaximumRetryAttempts, back-off from 1 s doubling to {@link StreamPoller#MAX_BACKOFF}, kept in the cursor so
 * that other lanes or shards moving on do not hurry it); with BisectBatchOnFunctionError the records it
 * delivered are first split in halves (other lanes' and filtered-out records do not count) down to one
 * (splits do not count as attempts); with ReportBatchItemFailures processing resumes at the earliest failed
 * record. When retries are exhausted the description of the records it delivered goes to the OnFailure
 * destination (see {@link FailureRecord}) and the shard goes on.
 *
 * <p>Not thread safe: made for one step of one lane, which the poller runs on a thread of its own.
 */
final class LaneStep {
    /** Logged under the poller's name, whose work this is. */
    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    /** The most records one lane reads in a step, looking for a batch of its own. */
    private static final int MAX_LANE_READ = 10_000;
    private static final Duration THROTTLE_DELAY = Duration.ofSeconds(1);
    private static final Duration FUNCTION_UNAVAILABLE_DELAY = Duration.ofMinutes(1);
    /** How many compiled filters {@link #filterCache()} keeps. */
    static final int MAX_CACHED_FILTERS = 256;

    /**
     * What a lane's step works with, the poller's for all of them: the cursors' store, the stream, the
     * function, the OnFailure destinations, and the compiled filters by pattern list (checked at create and
     * update, they are the same for every batch of a mapping, and compiling event-ruler's machine per batch
     * was the poll's largest cost after reading).
     */
    record Services(MappingRepository repository, ChangeStreams streams, StreamInvoker invoker,
            Destinations destinations, Map<List<String>, RecordFilter> filters) {
    }

    /**
     * A map for {@link Services#filters}: the {@value #MAX_CACHED_FILTERS} pattern lists used last, so that
     * the filters of mappings deleted or updated since do not stay forever. Thread safe (lanes run together);
     * a filter is compiled under the map's lock, once per pattern list while it stays in use.
     */
    static Map<List<String>, RecordFilter> filterCache() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<String>, RecordFilter> eldest) {
                return size() > MAX_CACHED_FILTERS;
            }
        });
    }

    private final MappingRepository repository;
    private final ChangeStreams streams;
    private final StreamInvoker invoker;
    private final Destinations destinations;
    private final Map<List<String>, RecordFilter> filters;
    private final EventSourceMapping mapping;
    private final MappingSettings settings;
    private final Shard shard;
    private final int lane;
    private final int lanes;
    /** TumblingWindowInSeconds; 0: no windows. */
    private final int window;
    private final Instant now;
    private ShardCursor cursor;
    private boolean moved;
    private Instant wakeAt;

    LaneStep(Services services, EventSourceMapping mapping, Shard shard, ShardCursor cursor, int lanes, Instant now) {
        this.repository = services.repository();
        this.streams = services.streams();
        this.invoker = services.invoker();
        this.destinations = services.destinations();
        this.filters = services.filters();
        this.mapping = mapping;
        this.settings = mapping.settings();
        this.shard = shard;
        this.cursor = cursor;
        this.lanes = lanes;
        this.window = settings.tumblingWindowSeconds();
        this.lane = Lanes.laneOf(cursor.shardId());
        this.now = now;
        this.wakeAt = now.plus(StreamPoller.POLL_INTERVAL);
    }

    /** The lane's cursor after the step. */
    ShardCursor cursor() {
        return cursor;
    }

    /** Whether the step moved the lane (saved its cursor), so the poller runs again at once. */
    boolean moved() {
        return moved;
    }

    /** When the lane has something to do next, if it did not move. */
    Instant wakeAt() {
        return wakeAt;
    }

    LaneStep run() throws InterruptedException {
        if (backingOff()) {
            return this;
        }
        int limit = cursor.batchLimit() > 0 ? Math.min(cursor.batchLimit(), settings.batchSize()) : settings.batchSize();
        // A lane reads further, so its batch can hold up to the limit of its own records.
        List<ChangeRecord> records = streams.read(mapping.eventSourceArn(), shard.shardId(), cursor.position(),
                lanes == 1 ? limit : Math.min(limit * lanes, MAX_LANE_READ));
        int mine = 0;
        for (int i = 0; i < records.size() && mine < limit; i++) {
            if (mine(records.get(i)) && ++mine == limit) {
                records = records.subList(0, i + 1);
            }
        }
        if (cursor.window().isPresent() && !cursor.window().get().lasts(window)) {
            return endWindowEarly(); // TumblingWindowInSeconds changed (or went to 0) under the open window
        }
        if (window > 0 && cursor.window().isPresent() && TumblingWindows.overLimit(cursor.window().get())) {
            finalInvoke(cursor.window().get(), true, Optional.of(cursor.window().get()
                    .withState(TumblingWindows.EMPTY_STATE)));
            return this;
        }
        if (window > 0 && cursor.window().isPresent() && windowEnded(records, cursor.window().get())) {
            finalInvoke(cursor.window().get(), false, Optional.empty());
            return this;
        }
        if (records.isEmpty()) {
            if (shard.closed()) {
                save(cursor.finish());
            }
            return this;
        }
        List<ChangeRecord> expired = expired(records);
        if (!expired.isEmpty()) {
            giveUp(expired, expired.stream().filter(this::mine).toList(), "RecordAgeExceeded", cursor.attempts(),
                    Optional.empty());
            return this;
        }
        if (mine == 0) {
            save(cursor.advancedTo(last(records)));
            return this;
        }
        if (mine < limit && cursor.attempts() == 0 && cursor.batchLimit() == 0) {
            Instant ready = records.get(0).approximateCreation().plusSeconds(settings.maximumBatchingWindowSeconds());
            if (ready.isAfter(now)) {
                wakeAt = ready;
                return this;
            }
        }
        RecordFilter filter = filters.computeIfAbsent(settings.filterPatterns(), RecordFilter::of);
        if (window > 0) {
            records = oneWindow(records);
        }
        List<ChangeRecord> delivered = records.stream().filter(r -> mine(r) && filter.matches(r.event())).toList();
        if (delivered.isEmpty()) {
            save(cursor.advancedTo(last(records)));
            return this;
        }
        Optional<WindowState> open = window == 0 ? Optional.empty() : Optional.of(cursor.window().orElse(
                WindowState.of(TumblingWindows.windowOf(delivered.get(0), window), window,
                        TumblingWindows.EMPTY_STATE)));
        // A window's state (up to 1 MB) travels in the same 6 MB payload as the records.
        List<ChangeRecord> fitting = fitting(delivered, open.map(w -> windowEvent(List.of(), w, false, false).length)
                .orElse(EMPTY_EVENT_BYTES));
        if (fitting.size() < delivered.size()) { // the rest goes in the next batch, as Lambda splits
            records = records.subList(0, records.indexOf(fitting.get(fitting.size() - 1)) + 1);
            delivered = fitting;
        }
        invoke(records, delivered, open);
        return this;
    }

    /**
     * Ends the cursor's open window before its time: its final invocation, {@code isWindowTerminatedEarly},
     * with its state; the window is then gone, and the next records open one under the mapping's settings.
     */
    LaneStep endWindowEarly() throws InterruptedException {
        if (backingOff()) {
            return this;
        }
        finalInvoke(cursor.window().orElseThrow(), true, Optional.empty());
        return this;
    }

    /**
     * Whether the open window is over: the next record of this lane belongs to a later window, or there is
     * none and the window's end has passed (or the shard has ended: its window ends with it).
     */
    private boolean windowEnded(List<ChangeRecord> records, WindowState open) {
        Optional<ChangeRecord> next = records.stream().filter(this::mine).findFirst();
        if (next.isPresent()) {
            return TumblingWindows.windowOf(next.get(), window).isAfter(open.start());
        }
        Instant end = open.end();
        if (end.isAfter(now) && !(records.isEmpty() && shard.closed())) {
            wakeAt = end.isBefore(wakeAt) ? end : wakeAt;
            return false;
        }
        return true;
    }

    /** The records up to (not including) this lane's first record of a later window than its first one. */
    private List<ChangeRecord> oneWindow(List<ChangeRecord> records) {
        Instant first = null;
        for (int i = 0; i < records.size(); i++) {
            if (!mine(records.get(i))) {
                continue;
            }
            Instant start = TumblingWindows.windowOf(records.get(i), window);
            if (first == null) {
                first = start;
            } else if (!start.equals(first)) {
                return records.subList(0, i);
            }
        }
        return records;
    }

    /**
     * The window's last invocation: no records, its final state. Retried until it succeeds, as on Lambda.
     * Then the cursor holds {@code after}: nothing, or (a window ended early for its state's size) the same
     * window with a fresh state.
     */
    private void finalInvoke(WindowState open, boolean early, Optional<WindowState> after)
            throws InterruptedException {
        Optional<InvokeResult> result = call(windowEvent(List.of(), open, true, early));
        if (result.isEmpty()) {
            return;
        }
        if (result.get().failed()) {
            note("PROBLEM: Function call failed");
            retryLater();
            return;
        }
        save(cursor.withWindow(after));
        note("OK");
    }

    /** Invokes the function with {@code payload}; empty (and the step told when to retry) when it cannot run. */
    private Optional<InvokeResult> call(byte[] payload) throws InterruptedException {
        try {
            return Optional.of(invoker.invoke(mapping.functionArn(), payload, UUID.randomUUID().toString()));
        } catch (FunctionsException e) {
            // Throttled or still Pending: soon again. Gone or refused: the batch waits (in order) for
            // the function to come back, checked each minute, logged once per problem. The delay is kept
            // in the cursor, as a back-off is, so that neither a write to the table (which wakes the
            // mapping) nor another lane moving on tries the function again before it has passed.
            boolean soon = e.kind() == FunctionsException.Kind.THROTTLED || e.kind() == FunctionsException.Kind.CONFLICT;
            String problem = "PROBLEM: " + e.getMessage();
            if (!problem.equals(mapping.lastProcessingResult())) {
                LOG.info("Event source mapping {} cannot invoke {}: {}", mapping.uuid(), mapping.functionArn(),
                        e.getMessage());
            }
            note(problem);
            waitUntil(now.plus(soon ? THROTTLE_DELAY : FUNCTION_UNAVAILABLE_DELAY));
            return Optional.empty();
        }
    }

    private byte[] windowEvent(List<ChangeRecord> records, WindowState open, boolean finalInvoke, boolean early) {
        return TumblingWindows.event(records, open, shard.shardId(), mapping.eventSourceArn(), finalInvoke, early);
    }

    private void invoke(List<ChangeRecord> records, List<ChangeRecord> delivered, Optional<WindowState> open)
            throws InterruptedException {
        Optional<InvokeResult> called = call(open.map(w -> windowEvent(delivered, w, false, false))
                .orElseGet(() -> event(delivered)));
        if (called.isEmpty()) {
            return;
        }
        InvokeResult result = called.get();
        List<String> sequenceNumbers = delivered.stream().map(ChangeRecord::sequenceNumber).toList();
        BatchVerdict verdict = BatchVerdict.of(result, settings.reportBatchItemFailures(), sequenceNumbers);
        if (open.isPresent()) {
            // The answer's state goes with the window; an answer without one is a failed invocation. Only
            // a successful invocation's state is kept: after a failure, whole or with batchItemFailures,
            // the records retried would be counted into the state a second time.
            Optional<String> state = TumblingWindows.state(result);
            if (state.isEmpty() && !result.failed()) {
                failed(records, delivered, result);
                return;
            }
            if (verdict instanceof BatchVerdict.Success) {
                cursor = cursor.withWindow(Optional.of(open.get().withState(state.orElseThrow())))
                        .withAttempts(cursor.attempts());
            }
        }
        switch (verdict) {
            case BatchVerdict.Success s -> {
                save(cursor.advancedTo(last(records)));
                note("OK");
            }
            case BatchVerdict.FailedFrom f -> failedFrom(records, delivered.subList(f.index(), delivered.size()), result);
            case BatchVerdict.Failure f -> failed(records, delivered, result);
        }
    }

    /** Records before the first failed one are done; the rest is retried, as its own batch. */
    private void failedFrom(List<ChangeRecord> records, List<ChangeRecord> failed, InvokeResult result) {
        int index = records.indexOf(failed.get(0));
        if (index > 0) {
            cursor = new ShardCursor(cursor.shardId(), ChangeStreams.Position.after(
                    records.get(index - 1).sequenceNumber()), cursor.attempts(), cursor.batchLimit(),
                    cursor.bisectUntil(), false, cursor.window(), cursor.retryAt());
        }
        retryOrGiveUp(records.subList(index, records.size()), failed, result);
    }

    /**
     * The batch failed: with BisectBatchOnFunctionError its delivered records are halved (the lane reads on
     * until it holds half as many records of its own, so the next batch delivers at most that many), down to
     * one; then it is retried. Halving what was read instead would count other lanes' and filtered-out
     * records, which never shrink the lane's batch: the same records came back, bisected, for ever.
     */
    private void failed(List<ChangeRecord> records, List<ChangeRecord> delivered, InvokeResult result) {
        if (settings.bisectOnError() && delivered.size() > 1) {
            save(cursor.bisected(delivered.size() / 2, last(records)));
            note("PROBLEM: Function call failed");
            return;
        }
        retryOrGiveUp(records, delivered, result);
    }

    /** Retries the batch ({@code delivered} of {@code records}) after its back-off, or gives it up. */
    private void retryOrGiveUp(List<ChangeRecord> records, List<ChangeRecord> delivered, InvokeResult result) {
        note("PROBLEM: Function call failed");
        int retries = settings.maximumRetryAttempts();
        if (retries != -1 && cursor.attempts() + 1 > retries) {
            giveUp(records, delivered, "RetryAttemptsExhausted", cursor.attempts() + 1, Optional.of(result));
            return;
        }
        retryLater();
    }

    /** Counts a failed attempt and keeps the lane from retrying before its back-off has passed. */
    private void retryLater() {
        Instant retryAt = now.plus(StreamPoller.backoff(cursor.attempts() + 1));
        save(cursor.failedOnce(retryAt));
        moved = false;
        wakeAt = retryAt;
    }

    /** Keeps the lane from trying its batch again before {@code until}, counting no attempt. */
    private void waitUntil(Instant until) {
        save(cursor.waitingUntil(until));
        moved = false;
        wakeAt = until;
    }

    /**
     * Whether the lane's last attempt failed (or could not run) less than its back-off (or delay) ago: then it
     * waits, whatever else moves.
     */
    private boolean backingOff() {
        Optional<Instant> retryAt = cursor.retryAt().filter(now::isBefore);
        retryAt.ifPresent(at -> wakeAt = at);
        return retryAt.isPresent();
    }

    /** Whether {@code record} is this lane's to deliver. */
    private boolean mine(ChangeRecord record) {
        return lanes == 1 || Lanes.of(record, lanes) == lane;
    }

    /**
     * Sends {@code batch} (the records of {@code records} the function was or would have been given) on-failure,
     * or logs it, and moves past all of {@code records}.
     */
    private void giveUp(List<ChangeRecord> records, List<ChangeRecord> batch, String condition, int invokeCount,
            Optional<InvokeResult> result) {
        if (batch.isEmpty()) {
            save(cursor.advancedTo(last(records)));
            return;
        }
        settings.onFailure().ifPresentOrElse(arn -> deliver(arn, FailureRecord.of(arn,
                result.map(InvokeResult::requestId).orElse(UUID.randomUUID().toString()), mapping.functionArn(),
                condition, invokeCount, result, mapping.eventSourceArn(), shard.shardId(), batch, now)),
                () -> LOG.warn("Event source mapping {} skips records {} to {} of shard {} ({}); no OnFailure"
                        + " destination", mapping.uuid(), batch.get(0).sequenceNumber(), last(batch),
                        shard.shardId(), condition));
        save(cursor.advancedTo(last(records)));
    }

    private void deliver(String arn, byte[] record) {
        try {
            destinations.deliver(arn, record);
        } catch (RuntimeException e) {
            LOG.warn("Delivering an event source mapping's failure record to {} failed", arn, e);
        }
    }

    private List<ChangeRecord> expired(List<ChangeRecord> records) {
        int age = settings.maximumRecordAgeSeconds();
        if (age == -1) {
            return List.of();
        }
        Instant oldest = now.minusSeconds(age);
        int count = 0;
        while (count < records.size() && records.get(count).approximateCreation().isBefore(oldest)) {
            count++;
        }
        return records.subList(0, count);
    }

    private void save(ShardCursor next) {
        repository.saveCursor(mapping.uuid(), next);
        cursor = next;
        moved = true;
    }

    private void note(String result) {
        if (!result.equals(mapping.lastProcessingResult())) {
            repository.recordResult(mapping.uuid(), result);
        }
    }

    /** Lambda's DynamodbEvent: the records, as the stream gave them. */
    static byte[] event(List<ChangeRecord> records) {
        ObjectNode event = Json.object();
        ArrayNode array = event.putArray("Records");
        records.forEach(r -> array.add(r.event()));
        return Json.write(event);
    }

    /** The size of a DynamodbEvent with no records: {@code {"Records":[]}}. */
    static final int EMPTY_EVENT_BYTES = "{\"Records\":[]}".length();

    /**
     * The first records whose event, {@code envelopeBytes} without them (a window's state and bounds
     * included), fits Lambda's 6 MB synchronous payload (always at least one: a DynamoDB record is far smaller,
     * and a window's state over 1 MB ends the window before its next batch).
     */
    static List<ChangeRecord> fitting(List<ChangeRecord> records, int envelopeBytes) {
        long size = envelopeBytes;
        for (int i = 0; i < records.size(); i++) {
            size += Json.write(records.get(i).event()).length + 1;
            if (size > Functions.MAX_SYNC_PAYLOAD && i > 0) {
                return records.subList(0, i);
            }
        }
        return records;
    }

    private static String last(List<ChangeRecord> records) {
        return records.get(records.size() - 1).sequenceNumber();
    }
}
