package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * <p>Output as AWS gives it without ResultWriter (Transformation COMPACT): the children's outputs in
 * order; a child that failed within the tolerance contributes its execution result unchanged (its
 * ARN, input, status, Error and Cause), as AWS documents for failed children. ResultWriter is accepted
 * and not written (there is no object store yet); the output is as if it were absent.
 *
 * <p>One instance per Map state visit.
 */
final class DistributedMap {
    static final String EXCEEDED = "States.ExceedToleratedFailureThreshold";
    static final String EXCEEDED_CAUSE = "The specified tolerated failure threshold was exceeded";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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

    /** Fails a Map with an ItemReader: Portico has no object store to read items from yet. */
    static void checkItemReader(State.Map map) {
        if (map.itemReader().isEmpty()) {
            return;
        }
        String resource = map.itemReader().get().path("Resource").asText("");
        throw new StatesError("States.ItemReaderFailed", "ItemReader with Resource '" + resource
                + "' is not supported: Portico has no object store (Amazon S3) to read items from yet. "
                + "Pass the items in the state input (ItemsPath or Items) instead.");
    }

    /** Runs the Map Run over the child inputs and returns the Map's raw result. */
    JsonNode run(List<ItemBatches.Batch> batches, MapLimits limits, long itemCount) {
        String label = map.label().orElse(map.name());
        MapRun mapRun = mapRuns.open(parent, label, limits, itemCount, batches.size(), durable);
        visit.frame().record(EventType.MapRunStarted, () -> NODES.objectNode().put("mapRunArn", mapRun.arn()));
        JsonNode[] outputs = new JsonNode[batches.size()];
        int launched = 0;
        try {
            for (; launched < batches.size() && !exceeded.get(); launched++) {
                mapRun.acquireSlot();
                if (exceeded.get()) {
                    mapRun.releaseSlot();
                    break;
                }
                start(mapRun, label, batches, outputs, launched);
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
            end(mapRun, "FAILED", EventType.MapRunFailed,
                    NODES.objectNode().put("error", EXCEEDED).put("cause", EXCEEDED_CAUSE));
            throw new StatesError(EXCEEDED, EXCEEDED_CAUSE);
        }
        end(mapRun, "SUCCEEDED", EventType.MapRunSucceeded, null);
        ArrayNode results = NODES.arrayNode(outputs.length);
        for (JsonNode output : outputs) {
            results.add(output == null ? NODES.nullNode() : output);
        }
        return results;
    }

    private void start(MapRun mapRun, String label, List<ItemBatches.Batch> batches, JsonNode[] outputs, int index) {
        ItemBatches.Batch batch = batches.get(index);
        Thread thread = Thread.ofVirtual().unstarted(() -> {
            parent.enlist(Thread.currentThread());
            try {
                outputs[index] = runChild(mapRun, label, batch, index);
            } finally {
                parent.dismiss(Thread.currentThread());
                mapRun.releaseSlot();
            }
        });
        threads.add(thread);
        thread.start();
    }

    private JsonNode runChild(MapRun mapRun, String label, ItemBatches.Batch batch, int index) {
        ExecutionInfo info = childInfo(mapRun, label, batch.input(), index);
        boolean express = map.executionType().map("EXPRESS"::equalsIgnoreCase).orElse(false);
        boolean stored = !express && mapRuns.storesChildren(durable);
        Journal journal = stored ? MemoryJournal.keeping(mapRuns.clock()) : MemoryJournal.counting(mapRuns.clock());
        Checkpointer checkpointer = durable
                ? new ChildCheckpointer(parent.checkpointer(), visit.frame().key() + "/" + map.name() + "[" + index + "]")
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
        if (!(result instanceof ExecutionResult.Succeeded s)) {
            if (!(result instanceof ExecutionResult.Aborted) && mapRun.thresholdExceeded() && exceeded.compareAndSet(false, true)) {
                mapRun.abortChildren();
            }
            return ChildRecords.resultEntry(info, result, stop);
        }
        return s.output();
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
                mapRuns.clock().instant(), input, 0);
    }

    private void skip(MapRun mapRun, List<ItemBatches.Batch> batches, int launched) {
        for (int i = launched; i < batches.size(); i++) {
            mapRun.childSkipped(batches.get(i).size());
        }
    }

    private void end(MapRun mapRun, String status, EventType event, ObjectNode details) {
        mapRun.close(status, mapRuns.clock().instant());
        mapRuns.closed(mapRun, durable);
        visit.frame().record(event, () -> details);
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
