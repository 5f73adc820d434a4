package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.arn.Arn;
import io.portico.states.asl.Definition;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distributed Map: a Map Run whose items (or ItemBatcher batches) each run as a child execution.
 *
 * <p>How it works: the Map's thread opens the Map Run, records MapRunStarted, then starts one virtual
 * thread per child, waiting at the Map Run's gate so that at most MaxConcurrency run at once (a gate,
 * not a fixed semaphore, because UpdateMapRun may change the limit while the run goes on). Each child
 * is an {@link ExecutionRun} of its own (its own ARN, {@code $$}, journal and history, linked to the
 * parent so a stop of the parent stops it) run by the same interpreter; its checkpoints go to the
 * parent's checkpointer under a key per child index, so a resumed parent skips finished children.
 * Child events never reach the parent's history. When failed items exceed the tolerated threshold, the
 * children still running are aborted, no more start, and the Map fails with
 * {@code States.ExceedToleratedFailureThreshold}; within it, the Map succeeds.
 *
 * <p>Each child's {@link ChildOutcome} is kept until the run is over; the {@link ResultWriter} then
 * shapes the output (without one, AWS's COMPACT: the children's outputs in order, a child that failed
 * within the tolerance contributing its execution result unchanged) or exports the results and
 * answers where it put them. A run that exceeds the threshold still exports what it has, as AWS does
 * (its failed and never-started children are what a user recovers from), then fails.
 *
 * <p>One instance per Map state visit.
 */
final class DistributedMap {
    static final String EXCEEDED = "States.ExceedToleratedFailureThreshold";
    static final String EXCEEDED_CAUSE = "The specified tolerated failure threshold was exceeded";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Logger LOG = LoggerFactory.getLogger(DistributedMap.class);

    private final Interpreter interpreter;
    private final MapRuns mapRuns;
    private final State.Map map;
    private final StateVisit visit;
    private final ExecutionRun parent;
    private final boolean durable;
    private final AtomicBoolean exceeded = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    DistributedMap(Interpreter interpreter, State.Map map, StateVisit visit) {
        this.interpreter = interpreter;
        this.mapRuns = interpreter.mapRuns();
        this.map = map;
        this.visit = visit;
        this.parent = visit.frame().run();
        this.durable = parent.checkpointer() != Checkpointer.NONE;
    }

    /** Runs the Map Run over the child inputs and returns the Map's raw result, as {@code writer} shapes it. */
    JsonNode run(List<ItemBatches.Batch> batches, MapLimits limits, long itemCount, ResultWriter writer) {
        String label = map.label().orElse(map.name());
        MapRun mapRun = mapRuns.open(parent, label, limits, itemCount, batches.size(), durable);
        visit.frame().recordOnce(EventType.MapRunStarted, () -> NODES.objectNode().put("mapRunArn", mapRun.arn()));
        ChildOutcome[] outcomes = new ChildOutcome[batches.size()];
        int launched = 0;
        try {
            for (; launched < batches.size() && !exceeded.get(); launched++) {
                mapRun.acquireSlot();
                if (exceeded.get()) {
                    mapRun.releaseSlot();
                    break;
                }
                start(mapRun, label, batches, outcomes, launched);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            mapRun.abortChildren();
            joinQuietly();
            skip(mapRun, batches, launched);
            end(mapRun, "ABORTED", EventType.MapRunAborted, null);
            Thread.currentThread().interrupt();
            throw new ExecutionInterrupted();
        }
        skip(mapRun, batches, launched);
        if (parent.stopResult().isPresent()) {
            end(mapRun, "ABORTED", EventType.MapRunAborted, null);
            throw new ExecutionInterrupted();
        }
        if (exceeded.get() || mapRun.thresholdExceeded()) {
            exportFailedRun(mapRun, writer, batches, outcomes);
            throw fail(mapRun, new StatesError(EXCEEDED, EXCEEDED_CAUSE));
        }
        JsonNode result;
        try {
            result = writer.finish(mapRun.arn(), ended(outcomes));
        } catch (StatesError e) {
            throw fail(mapRun, e);
        }
        end(mapRun, "SUCCEEDED", EventType.MapRunSucceeded, null);
        return result;
    }

    /** The threshold's error stays the Map's error; a failed export of the partial results is only logged. */
    private void exportFailedRun(MapRun mapRun, ResultWriter writer, List<ItemBatches.Batch> batches,
                                 ChildOutcome[] outcomes) {
        List<JsonNode> pending = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                pending.add(batches.get(i).input());
            }
        }
        try {
            writer.exportFailed(mapRun.arn(), ended(outcomes), pending);
        } catch (StatesError e) {
            LOG.warn("Map Run {} failed and its results could not be exported: {}", mapRun.arn(), e.detail());
        }
    }

    private static List<ChildOutcome> ended(ChildOutcome[] outcomes) {
        List<ChildOutcome> ended = new ArrayList<>(outcomes.length);
        for (ChildOutcome outcome : outcomes) {
            if (outcome != null) {
                ended.add(outcome);
            }
        }
        return ended;
    }

    private StatesError fail(MapRun mapRun, StatesError error) {
        end(mapRun, "FAILED", EventType.MapRunFailed,
                NODES.objectNode().put("error", error.error()).put("cause", error.detail()));
        return error;
    }

    private void start(MapRun mapRun, String label, List<ItemBatches.Batch> batches, ChildOutcome[] outcomes, int index) {
        ItemBatches.Batch batch = batches.get(index);
        Thread thread = Thread.ofVirtual().unstarted(() -> {
            parent.enlist(Thread.currentThread());
            try {
                outcomes[index] = runChild(mapRun, label, batch, index);
            } finally {
                parent.dismiss(Thread.currentThread());
                mapRun.releaseSlot();
            }
        });
        threads.add(thread);
        thread.start();
    }

    private ChildOutcome runChild(MapRun mapRun, String label, ItemBatches.Batch batch, int index) {
        ExecutionInfo info = childInfo(mapRun, label, batch.input(), index);
        boolean express = map.executionType().map("EXPRESS"::equalsIgnoreCase).orElse(false);
        boolean stored = !express && mapRuns.storesChildren(durable);
        Journal journal = stored ? MemoryJournal.keeping(mapRuns.clock()) : MemoryJournal.counting(mapRuns.clock());
        Checkpointer checkpointer = durable
                ? new ChildCheckpointer(parent.checkpointer(), visit.frame().key() + "/" + visit.childKey(map.name() + "[" + index + "]"))
                : Checkpointer.NONE;
        Definition definition = new Definition(map.itemProcessor(), Optional.empty(), Optional.empty(), Optional.empty(),
                parent.definition().raw());
        ExecutionRun child = parent.child(info, definition, journal, checkpointer);
        ChildRecords records = new ChildRecords(mapRuns.executionStore().filter(s -> stored), mapRun, parent, info);
        records.started(batch.input());
        mapRun.childStarted(child, batch.size());
        ExecutionResult result = interpreter.run(child);
        Instant stop = mapRuns.clock().instant();
        records.ended(result, stop, journal.events());
        mapRun.childEnded(child, batch.size(), result.status());
        if (!(result instanceof ExecutionResult.Succeeded) && !(result instanceof ExecutionResult.Aborted)
                && mapRun.thresholdExceeded() && exceeded.compareAndSet(false, true)) {
            mapRun.abortChildren();
        }
        return new ChildOutcome(info, result, stop);
    }

    private ExecutionInfo childInfo(MapRun mapRun, String label, JsonNode input, int index) {
        ExecutionInfo parentInfo = parent.info();
        Arn parentArn = Arn.parse(parentInfo.executionArn()).orElseThrow();
        // Stable per Map Run and index, so a resumed parent gives a child the ARN it had before.
        String name = UUID.nameUUIDFromBytes((mapRun.arn() + "#" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        String machineName = parentInfo.stateMachineName() + "/" + label;
        boolean express = map.executionType().map("EXPRESS"::equalsIgnoreCase).orElse(false);
        String resource = express ? "express:" + machineName + ":" + name + ":" + UUID.randomUUID()
                : "execution:" + machineName + ":" + name;
        String arn = Arn.of("states", parentArn.region(), parentArn.account(), resource).toString();
        return new ExecutionInfo(arn, name, mapRun.stateMachineArn(), machineName, parentInfo.roleArn(),
                mapRuns.clock().instant(), input, 0, parentInfo.account(), parentInfo.region());
    }

    private void skip(MapRun mapRun, List<ItemBatches.Batch> batches, int launched) {
        for (int i = launched; i < batches.size(); i++) {
            mapRun.childSkipped(batches.get(i).size());
        }
    }

    private void end(MapRun mapRun, String status, EventType event, ObjectNode details) {
        mapRun.close(status, mapRuns.clock().instant());
        mapRuns.closed(mapRun, durable);
        visit.frame().recordOnce(event, () -> details);
    }

    private void joinQuietly() {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException ignored) {
                // already unwinding a stop
            }
        }
    }
}
