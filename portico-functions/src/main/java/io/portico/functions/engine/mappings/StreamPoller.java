package io.portico.functions.engine.mappings;

import io.portico.core.work.Outcome;
import io.portico.core.work.QueueOptions;
import io.portico.core.work.WorkItem;
import io.portico.core.work.WorkQueue;
import io.portico.functions.engine.ChangeStreams;
import io.portico.functions.engine.ChangeStreams.Shard;
import io.portico.functions.engine.Destinations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * of a batching window, a retry's back-off, the next poll {@link #POLL_INTERVAL} on). A stream that says when
 * records were committed to it ({@link ChangeStreams#onAppend}) wakes its mappings' items at once
 * ({@link WorkQueue#wake}): a record then reaches the function milliseconds after its write, not up to a
 * poll interval later (Lambda's own pollers, at four reads a second, take that long); the poll stays for
 * what no signal announces. The shard cursors ({@link ShardCursor}: position, attempts and back-off,
 * bisection, open window) are rows written before the next step, so a new
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
 * <p>What one lane does with its batch (filters, batching window, retries, bisection, windows) is
 * {@link LaneStep}'s. A child shard waits until its parent is read to its end, in every lane.
 * Thread safe; the work queue runs one step of a mapping at a time.
 */
public final class StreamPoller {
    /** The work queue's name. */
    public static final String QUEUE = "lambda.esm";
    /** How often an idle stream is read again (Lambda polls DynamoDB streams four times a second). */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final QueueOptions OPTIONS = QueueOptions.defaults().withConcurrency(64)
            .withBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5)).withMaxFailures(1000);

    private final MappingRepository repository;
    private final ChangeStreams streams;
    private final LaneStep.Services services;
    private final Clock clock;
    /** The stream each running mapping's work item reads, by item id: whom a commit to a stream wakes. */
    private final Map<String, String> readers = new ConcurrentHashMap<>();

    private StreamPoller(MappingRepository repository, ChangeStreams streams, StreamInvoker invoker,
            Destinations destinations, Clock clock) {
        this.repository = repository;
        this.streams = streams;
        this.services = new LaneStep.Services(repository, streams, invoker, destinations, LaneStep.filterCache());
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
        work.register(QUEUE, OPTIONS, poller::step);
        streams.onAppend(streamArn -> poller.readers.forEach((item, read) -> {
            if (read.equals(streamArn)) {
                work.wake(QUEUE, item);
            }
        }));
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
        Optional<EventSourceMapping> mapping = polled(uuid, token);
        return mapping.isEmpty() ? Outcome.done() : step(mapping.get());
    }

    /**
     * {@link #step(String, String)} as the work queue runs it, noting which stream the item reads while it
     * runs. An item that ends, or whose step threw (the queue backs it off, and dead-letters it in the end), is
     * no reader any more: a commit would otherwise wake a failing item before its back-off, and the readers of
     * items that ended would pile up. Its next run notes it again.
     */
    private Outcome step(WorkItem item) throws InterruptedException {
        boolean reads = false;
        try {
            PollerTicket ticket = PollerTicket.decode(item.payload());
            Optional<EventSourceMapping> mapping = polled(ticket.uuid(), ticket.token());
            if (mapping.isEmpty()) {
                return Outcome.done();
            }
            readers.put(item.id(), mapping.get().eventSourceArn());
            Outcome outcome = step(mapping.get());
            reads = outcome instanceof Outcome.Retry;
            return outcome;
        } finally {
            if (!reads) {
                readers.remove(item.id());
            }
        }
    }

    /** The ids of the work items a commit to their stream wakes, as they stand. */
    Set<String> readers() {
        return Set.copyOf(readers.keySet());
    }

    /** The mapping, if it is enabled and polled with {@code token}. */
    private Optional<EventSourceMapping> polled(String uuid, String token) {
        return repository.get(uuid).filter(m -> m.enabled() && m.pollerToken().equals(token));
    }

    private Outcome step(EventSourceMapping mapping) throws InterruptedException {
        String uuid = mapping.uuid();
        int lanes = mapping.settings().parallelizationFactor();
        Map<String, ShardCursor> cursors = new HashMap<>();
        repository.cursors(uuid).forEach(c -> cursors.put(c.shardId(), c));
        List<Shard> shards = streams.shards(mapping.eventSourceArn());
        Instant now = clock.instant();
        Instant next = null; // the earliest wake-up a shard asks for: a window's end, a back-off, the next poll
        boolean moved = false;
        forgetTrimmedShards(uuid, shards, cursors);
        for (Shard shard : shards) {
            if (waitsForParent(shard, shards, cursors, lanes)) {
                continue;
            }
            List<LaneStep> steps = new ArrayList<>();
            List<ShardCursor> redrawn = windowsOfRedrawnLanes(shard.shardId(), lanes, cursors);
            if (!redrawn.isEmpty()) {
                for (ShardCursor old : redrawn) {
                    steps.add(new LaneStep(services, mapping, shard, old, Lanes.lanesOf(old.shardId()), now).endWindowEarly());
                }
            } else {
                for (ShardCursor cursor : laneCursors(uuid, shard.shardId(), lanes, cursors)) {
                    if (!cursor.finished()) {
                        steps.add(new LaneStep(services, mapping, shard, cursor, lanes, now));
                    }
                }
                runTogether(steps);
            }
            for (LaneStep result : steps) {
                cursors.put(result.cursor().shardId(), result.cursor());
                moved |= result.moved();
                if (next == null || result.wakeAt().isBefore(next)) {
                    next = result.wakeAt();
                }
            }
        }
        return Outcome.postpone(moved ? now : next == null ? now.plus(POLL_INTERVAL) : next);
    }

    /**
     * One batch of each lane, at the same time: with ParallelizationFactor N, up to N batches of a shard are
     * in flight together, each on a virtual thread; the step ends when all of them have.
     */
    private static void runTogether(List<LaneStep> steps) throws InterruptedException {
        if (steps.size() == 1) {
            steps.get(0).run();
            return;
        }
        try (ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<LaneStep>> running = new ArrayList<>();
            steps.forEach(step -> running.add(lanes.submit(step::run)));
            for (Future<LaneStep> lane : running) {
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
     * Deletes the cursors of shards the stream no longer lists (their records aged out, and their children
     * no longer wait for them): a stream rolls its shard over every four hours, so without this every step
     * would read a cursor per lane for every shard the mapping ever read. A stream that lists no shard at all
     * leaves the cursors as they are.
     */
    private void forgetTrimmedShards(String uuid, List<Shard> shards, Map<String, ShardCursor> cursors) {
        if (shards.isEmpty()) {
            return;
        }
        List<String> gone = cursors.keySet().stream()
                .filter(key -> shards.stream().noneMatch(shard -> Lanes.ofShard(key, shard.shardId()))).toList();
        if (!gone.isEmpty()) {
            repository.replaceCursors(uuid, gone, List.of());
            gone.forEach(cursors::remove);
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

    static Duration backoff(int attempts) {
        Duration delay = Duration.ofSeconds(1).multipliedBy(1L << Math.min(attempts - 1, 10));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
