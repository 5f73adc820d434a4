package io.portico.functions.engine.mappings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.work.Outcome;
import io.portico.core.work.QueueOptions;
import io.portico.core.work.WorkQueue;
import io.portico.functions.engine.ChangeStreams;
import io.portico.functions.engine.ChangeStreams.ChangeRecord;
import io.portico.functions.engine.ChangeStreams.Shard;
import io.portico.functions.engine.Destinations;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.InvokeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of an enabled stream mapping: reads each shard in order, invokes the function with
 * Lambda's {@code DynamodbEvent} ({@code {"Records":[...]}}), and moves the shard's cursor on only once
 * the batch is done with. At least once, as Lambda: a batch whose invocation ran but whose cursor was not
 * yet written (a crash in between) is delivered again.
 *
 * <p>How: each enabled mapping has one item on the platform's durable {@link WorkQueue} (queue
 * {@value #QUEUE}), whose payload names the mapping and its poller token. Each run of the item takes one
 * step on every shard: at most one batch each, so one busy shard does not starve the others, then
 * postpones itself: at once when a shard moved, else to the earliest moment something may change (the end
 * of a batching window, a retry's back-off, the next poll {@link #POLL_INTERVAL} on). The shard cursors
 * ({@link ShardCursor}: position, attempts, bisection) are rows written before the next step, so a new
 * Portico on the same store resumes from the last cursor: nothing lives in a sleeping thread. The item
 * ends when its mapping is deleted, disabled, or given another poller.
 *
 * <p>ParallelizationFactor N splits each shard into N lanes by item key ({@link Lanes}), each with its own
 * cursor: a step runs one batch of every lane at once, on virtual threads, and waits for all of them. Per-lane
 * cursors are what make this safe: an item's changes are all in one lane, in order, and a crash or a failing
 * batch holds back only its lane, from its own cursor, so nothing is skipped and only a lane's batch in flight
 * can come twice.
 *
 * <p>TumblingWindowInSeconds ({@link TumblingWindows}) keeps a window open in each cursor: batches of one
 * window carry the state the function last returned, and once the window is over a final invocation with no
 * records hands over the last state before the next window's first batch.
 *
 * <p>A batch: up to BatchSize records after the cursor (fewer while bisecting); records older than
 * MaximumRecordAgeInSeconds go to the OnFailure destination unprocessed; a batch smaller than BatchSize
 * waits until MaximumBatchingWindowInSeconds after its first record's creation; records matching no
 * FilterCriteria pattern are skipped and count as processed. A function error retries the batch
 * (MaximumRetryAttempts, back-off from 1 s doubling to {@link #MAX_BACKOFF}); with
 * BisectBatchOnFunctionError the batch is first split in halves down to single records (splits do not
 * count as attempts); with ReportBatchItemFailures processing resumes at the earliest failed record.
 * When retries are exhausted the batch's description goes to the OnFailure destination (see
 * {@link FailureRecord}) and the shard goes on. A child shard waits until its parent is read to its end.
 * Thread safe; the work queue runs one step of a mapping at a time.
 */
public final class StreamPoller {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    /** The work queue's name. */
    public static final String QUEUE = "lambda.esm";
    /** How often an idle stream is read again (Lambda polls DynamoDB streams four times a second). */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** The most records one lane reads in a step, looking for a batch of its own. */
    private static final int MAX_LANE_READ = 10_000;
    private static final Duration THROTTLE_DELAY = Duration.ofSeconds(1);
    private static final Duration FUNCTION_UNAVAILABLE_DELAY = Duration.ofMinutes(1);
    private static final QueueOptions OPTIONS = QueueOptions.defaults().withConcurrency(64)
            .withBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5)).withMaxFailures(1000);

    private final MappingRepository repository;
    private final ChangeStreams streams;
    private final StreamInvoker invoker;
    private final Destinations destinations;
    private final Clock clock;
    /**
     * Compiled filters by pattern list: checked at create and update, they are the same for every batch of
     * a mapping, and compiling event-ruler's machine per batch was the poll's largest cost after reading.
     */
    private final Map<List<String>, RecordFilter> filters = new ConcurrentHashMap<>();

    private StreamPoller(MappingRepository repository, ChangeStreams streams, StreamInvoker invoker,
            Destinations destinations, Clock clock) {
        this.repository = repository;
        this.streams = streams;
        this.invoker = invoker;
        this.destinations = destinations;
        this.clock = clock;
    }

    /** A poller that tests drive step by step ({@link #step}). */
    public static StreamPoller create(MappingRepository repository, ChangeStreams streams, StreamInvoker invoker,
            Destinations destinations, Clock clock) {
        return new StreamPoller(repository, streams, invoker, destinations, clock);
    }

    /** A poller registered as the handler of {@value #QUEUE} on {@code work}, which runs it once started. */
    public static StreamPoller on(WorkQueue work, MappingRepository repository, ChangeStreams streams,
            StreamInvoker invoker, Destinations destinations) {
        StreamPoller poller = new StreamPoller(repository, streams, invoker, destinations, work.clock());
        work.register(QUEUE, OPTIONS, item -> {
            PollerTicket ticket = PollerTicket.decode(item.payload());
            return poller.step(ticket.uuid(), ticket.token());
        });
        return poller;
    }

    /** Starts polling {@code mapping} with its token: one durable work item. */
    public static void start(WorkQueue work, EventSourceMapping mapping) {
        work.enqueue(QUEUE, new PollerTicket(mapping.uuid(), mapping.pollerToken()).encode(), work.clock().instant());
    }

    /**
     * One step of the mapping's poller holding {@code token}: at most one batch per shard. Says when to run
     * again, or done when the mapping no longer runs with this token.
     */
    public Outcome step(String uuid, String token) throws InterruptedException {
        Optional<EventSourceMapping> found = repository.get(uuid);
        if (found.isEmpty() || !found.get().enabled() || !found.get().pollerToken().equals(token)) {
            return Outcome.done();
        }
        EventSourceMapping mapping = found.get();
        int lanes = mapping.settings().parallelizationFactor();
        Map<String, ShardCursor> cursors = new HashMap<>();
        repository.cursors(uuid).forEach(c -> cursors.put(c.shardId(), c));
        List<Shard> shards = streams.shards(mapping.eventSourceArn());
        Instant now = clock.instant();
        Instant next = null; // the earliest wake-up a shard asks for: a window's end, a back-off, the next poll
        boolean moved = false;
        for (Shard shard : shards) {
            if (waitsForParent(shard, shards, cursors, lanes)) {
                continue;
            }
            List<ShardStep> steps = new ArrayList<>();
            List<ShardCursor> redrawn = windowsOfRedrawnLanes(shard.shardId(), lanes, cursors);
            if (!redrawn.isEmpty()) {
                for (ShardCursor old : redrawn) {
                    steps.add(new ShardStep(mapping, shard, old, Lanes.lanesOf(old.shardId()), now).endWindowEarly());
                }
            } else {
                for (ShardCursor cursor : laneCursors(uuid, shard.shardId(), lanes, cursors)) {
                    if (!cursor.finished()) {
                        steps.add(new ShardStep(mapping, shard, cursor, lanes, now));
                    }
                }
                runTogether(steps);
            }
            for (ShardStep result : steps) {
                cursors.put(result.cursor.shardId(), result.cursor);
                moved |= result.moved;
                if (next == null || result.wakeAt.isBefore(next)) {
                    next = result.wakeAt;
                }
            }
        }
        return Outcome.postpone(moved ? now : next == null ? now.plus(POLL_INTERVAL) : next);
    }

    /**
     * One batch of each lane, at the same time: with ParallelizationFactor N, up to N batches of a shard are
     * in flight together, each on a virtual thread; the step ends when all of them have.
     */
    private static void runTogether(List<ShardStep> steps) throws InterruptedException {
        if (steps.size() == 1) {
            steps.get(0).run();
            return;
        }
        try (ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ShardStep>> running = new ArrayList<>();
            steps.forEach(step -> running.add(lanes.submit(step::run)));
            for (Future<ShardStep> lane : running) {
                try {
                    lane.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
    }

    /**
     * The cursors of lanes of the shard drawn under another ParallelizationFactor that still hold a tumbling
     * window: each is ended early (its final invocation with its state) before the shard's lanes are redrawn,
     * since a window's state belongs to its lane's records and cannot be split among the new lanes.
     */
    private static List<ShardCursor> windowsOfRedrawnLanes(String shardId, int lanes, Map<String, ShardCursor> cursors) {
        return cursors.values().stream().filter(c -> Lanes.ofShard(c.shardId(), shardId)
                && Lanes.lanesOf(c.shardId()) != lanes && c.window().isPresent()).toList();
    }

    /**
     * The cursors of the shard's {@code lanes} lanes. A shard last read under another ParallelizationFactor
     * is re-partitioned first, in one transaction: every new lane starts where the slowest old lane stood
     * (records some old lanes had already done are delivered again, none is skipped).
     */
    private List<ShardCursor> laneCursors(String uuid, String shardId, int lanes, Map<String, ShardCursor> cursors) {
        List<String> keys = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            keys.add(Lanes.key(shardId, lane, lanes));
        }
        List<ShardCursor> old = cursors.values().stream()
                .filter(c -> Lanes.ofShard(c.shardId(), shardId) && !keys.contains(c.shardId())).toList();
        if (old.isEmpty()) {
            return keys.stream().map(key -> cursors.getOrDefault(key,
                    ShardCursor.at(key, ChangeStreams.Position.TRIM_HORIZON))).toList();
        }
        boolean everyOldLane = old.size() == Lanes.lanesOf(old.get(0).shardId());
        boolean finished = everyOldLane && old.stream().allMatch(ShardCursor::finished);
        ChangeStreams.Position start = everyOldLane
                ? Lanes.earliest(old.stream().map(ShardCursor::position).toList()) : ChangeStreams.Position.TRIM_HORIZON;
        List<ShardCursor> fresh = keys.stream().map(key -> finished ? ShardCursor.at(key, start).finish()
                : ShardCursor.at(key, start)).toList();
        repository.replaceCursors(uuid, old.stream().map(ShardCursor::shardId).toList(), fresh);
        old.forEach(c -> cursors.remove(c.shardId()));
        fresh.forEach(c -> cursors.put(c.shardId(), c));
        return fresh;
    }

    /** A child shard is read once its parent, if still listed, is read to its end in every lane. */
    private static boolean waitsForParent(Shard shard, List<Shard> shards, Map<String, ShardCursor> cursors,
            int lanes) {
        if (shard.parentShardId().isEmpty()) {
            return false;
        }
        String parent = shard.parentShardId().get();
        boolean listed = shards.stream().anyMatch(s -> s.shardId().equals(parent));
        if (!listed) {
            return false;
        }
        for (int lane = 0; lane < lanes; lane++) {
            ShardCursor cursor = cursors.get(Lanes.key(parent, lane, lanes));
            if (cursor == null || !cursor.finished()) {
                return true;
            }
        }
        return false;
    }

    /**
     * One batch of one lane of a shard, and the lane's cursor after it. With one lane every record is the
     * lane's; with more, records of other lanes are passed over as filtered-out records are.
     */
    private final class ShardStep {
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

        ShardStep(EventSourceMapping mapping, Shard shard, ShardCursor cursor, int lanes, Instant now) {
            this.mapping = mapping;
            this.settings = mapping.settings();
            this.shard = shard;
            this.cursor = cursor;
            this.lanes = lanes;
            this.window = settings.tumblingWindowSeconds();
            this.lane = Lanes.laneOf(cursor.shardId());
            this.now = now;
            this.wakeAt = now.plus(POLL_INTERVAL);
        }

        ShardStep run() throws InterruptedException {
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
                giveUp(expired, "RecordAgeExceeded", cursor.attempts(), Optional.empty());
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
        ShardStep endWindowEarly() throws InterruptedException {
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
                // the function to come back, checked each minute, logged once per problem.
                boolean soon = e.kind() == FunctionsException.Kind.THROTTLED || e.kind() == FunctionsException.Kind.CONFLICT;
                String problem = "PROBLEM: " + e.getMessage();
                if (!problem.equals(mapping.lastProcessingResult())) {
                    LOG.info("Event source mapping {} cannot invoke {}: {}", mapping.uuid(), mapping.functionArn(),
                            e.getMessage());
                }
                note(problem);
                wakeAt = now.plus(soon ? THROTTLE_DELAY : FUNCTION_UNAVAILABLE_DELAY);
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
            if (open.isPresent()) {
                // The answer's state goes with the window; an answer without one is a failed invocation.
                Optional<String> state = TumblingWindows.state(result);
                if (state.isEmpty() && !result.failed()) {
                    failed(records, result);
                    return;
                }
                if (state.isPresent()) {
                    cursor = cursor.withWindow(Optional.of(open.get().withState(state.get())))
                            .withAttempts(cursor.attempts());
                }
            }
            List<String> sequenceNumbers = delivered.stream().map(ChangeRecord::sequenceNumber).toList();
            switch (BatchVerdict.of(result, settings.reportBatchItemFailures(), sequenceNumbers)) {
                case BatchVerdict.Success s -> {
                    save(cursor.advancedTo(last(records)));
                    note("OK");
                }
                case BatchVerdict.FailedFrom f -> failedFrom(records, delivered.get(f.index()), result);
                case BatchVerdict.Failure f -> failed(records, result);
            }
        }

        /** Records before the first failed one are done; the rest is retried, as its own batch. */
        private void failedFrom(List<ChangeRecord> records, ChangeRecord firstFailed, InvokeResult result) {
            int index = records.indexOf(firstFailed);
            if (index > 0) {
                cursor = new ShardCursor(cursor.shardId(), ChangeStreams.Position.after(
                        records.get(index - 1).sequenceNumber()), cursor.attempts(), cursor.batchLimit(),
                        cursor.bisectUntil(), false, cursor.window(), cursor.retryAt());
            }
            retryOrGiveUp(records.subList(index, records.size()), result);
        }

        private void failed(List<ChangeRecord> records, InvokeResult result) {
            if (settings.bisectOnError() && records.size() > 1) {
                save(cursor.bisected(records.size() / 2, last(records)));
                note("PROBLEM: Function call failed");
                return;
            }
            retryOrGiveUp(records, result);
        }

        private void retryOrGiveUp(List<ChangeRecord> batch, InvokeResult result) {
            note("PROBLEM: Function call failed");
            int retries = settings.maximumRetryAttempts();
            if (retries != -1 && cursor.attempts() + 1 > retries) {
                giveUp(batch, "RetryAttemptsExhausted", cursor.attempts() + 1, Optional.of(result));
                return;
            }
            retryLater();
        }

        /** Counts a failed attempt and keeps the lane from retrying before its back-off has passed. */
        private void retryLater() {
            Instant retryAt = now.plus(backoff(cursor.attempts() + 1));
            save(cursor.failedOnce(retryAt));
            moved = false;
            wakeAt = retryAt;
        }

        /** Whether the lane's last attempt failed less than its back-off ago: then it waits, whatever else moves. */
        private boolean backingOff() {
            Optional<Instant> retryAt = cursor.retryAt().filter(now::isBefore);
            retryAt.ifPresent(at -> wakeAt = at);
            return retryAt.isPresent();
        }

        /** Whether {@code record} is this lane's to deliver. */
        private boolean mine(ChangeRecord record) {
            return lanes == 1 || Lanes.of(record, lanes) == lane;
        }

        /** Sends this lane's records of {@code records} on-failure (or logs them) and moves past them all. */
        private void giveUp(List<ChangeRecord> records, String condition, int invokeCount, Optional<InvokeResult> result) {
            List<ChangeRecord> batch = records.stream().filter(this::mine).toList();
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

    static Duration backoff(int attempts) {
        Duration delay = Duration.ofSeconds(1).multipliedBy(1L << Math.min(attempts - 1, 10));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
