package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Map state, inline and distributed. The items come from ItemsPath (JSONPath) or Items (JSONata),
 * else the effective input, which must then be an array; each item, shaped by ItemSelector, runs the
 * ItemProcessor, at most MaxConcurrency at a time. The output is the array of outputs in item order.
 *
 * <p>Inline iterations run in frames of the execution and record their events in its history, as AWS
 * does, at most 40 at a time whatever MaxConcurrency says (AWS's bound), on that many worker threads
 * ({@link Branches}); a finished iteration leaves only its output behind. Results that will be the
 * Map's output whole fail it with States.DataLimitExceeded as soon as they pass the 256 KiB quota
 * ({@link MapOutputQuota}), rather than after every item ran. A distributed Map hands its (optionally batched, see {@link ItemBatches}) items to a
 * {@link DistributedMap}: a Map Run of child executions whose events stay out of the parent's history.
 * A distributed Map may read its items from the object store instead ({@link ItemReader}) and shape or
 * export its results ({@link ResultWriter}).
 */
final class MapRunner {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Interpreter interpreter;

    MapRunner(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    Interpreter.Step run(State.Map map, StateVisit visit) {
        Frame frame = visit.frame();
        boolean distributed = map.mode() == State.Map.ProcessorMode.DISTRIBUTED;
        JsonNode effective = StateIo.effectiveInput(visit);
        ArrayNode items = distributed && map.itemReader().isPresent()
                ? ItemReader.read(map, visit, effective, interpreter.objectStore())
                : items(map, visit, effective);
        int maxConcurrency = MapLimits.maxConcurrency(map, visit, effective);
        frame.recordOnce(EventType.MapStateStarted, () -> NODES.objectNode().put("length", items.size()));
        MapLimits limits = MapLimits.of(map, visit, effective, maxConcurrency);
        JsonNode results = distributed ? distributed(map, visit, effective, items, limits)
                : inline(map, visit, effective, items, limits);
        frame.recordOnce(EventType.MapStateSucceeded, () -> null);
        return new Interpreter.Step(map.transition().next(),
                StateIo.output(visit, results, Optional.empty(), Optional.empty()));
    }

    private JsonNode inline(State.Map map, StateVisit visit, JsonNode effective, ArrayNode items, MapLimits limits) {
        MapOutputQuota quota = MapOutputQuota.of(map);
        Branches branches = new Branches(visit.frame().run(), items.size(), limits.inlineConcurrency(), i -> {
            JsonNode output = iteration(map, visit, effective, items.get(i), i);
            quota.add(output);
            return output;
        });
        Branches.Outcome outcome = branches.run(0);
        StatesError failure = firstFailure(outcome);
        if (failure != null) {
            throw failure;
        }
        ArrayNode results = NODES.arrayNode(items.size());
        for (JsonNode result : outcome.results()) {
            results.add(result == null ? NODES.nullNode() : result);
        }
        return results;
    }

    private JsonNode distributed(State.Map map, StateVisit visit, JsonNode effective, ArrayNode items, MapLimits limits) {
        ResultWriter writer = ResultWriter.of(map, visit, effective, interpreter.objectStore());
        Frame frame = visit.frame();
        List<JsonNode> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Frame itemFrame = frame.branch(map.name() + "[" + i + "]", frame.variables().child(),
                    Optional.of(new Frame.MapItem(i, items.get(i))));
            inputs.add(itemInput(map, visit, itemFrame, effective, items.get(i)));
        }
        List<ItemBatches.Batch> batches = ItemBatches.of(map, visit, effective, inputs);
        return new DistributedMap(interpreter, map, visit).run(batches, limits, items.size(), writer);
    }

    private static StatesError firstFailure(Branches.Outcome outcome) {
        int failed = 0;
        StatesError first = null;
        for (StatesError f : outcome.failures()) {
            if (f != null) {
                failed++;
                if (first == null || StatesError.RUNTIME.equals(f.error())) {
                    first = first == null || !StatesError.RUNTIME.equals(first.error()) ? f : first;
                }
            }
        }
        return failed == 0 ? null : first;
    }

    /**
     * One inline iteration in a frame of its own, between its MapIterationStarted and its
     * MapIterationSucceeded or MapIterationFailed. Each of those is recorded with the iteration's
     * checkpoint that it makes true, so an iteration resumed after a crash records neither again: one
     * whose start is recorded has a checkpoint, one whose end is recorded has a closed one.
     */
    private JsonNode iteration(State.Map map, StateVisit visit, JsonNode effective, JsonNode item, int index) {
        Frame parent = visit.frame();
        Frame.MapItem mapItem = new Frame.MapItem(index, item);
        Frame child = parent.branch(visit.childKey(map.name() + "[" + index + "]"), parent.variables().child(),
                Optional.of(mapItem));
        Checkpointer checkpointer = parent.run().checkpointer();
        Optional<Checkpointer.FrameCheckpoint> stored = checkpointer.load(child.key());
        if (stored.filter(Checkpointer.FrameCheckpoint::closed).isPresent()) {
            if (stored.get().failure().isPresent()) {
                throw stored.get().failure().get();
            }
            return stored.get().output().orElseThrow();
        }
        JsonNode input = itemInput(map, visit, child, effective, item);
        if (stored.isEmpty()) {
            String start = map.itemProcessor().startAt();
            child.record(EventType.MapIterationStarted, () -> iterationDetails(map, index),
                    id -> Checkpointer.FrameCheckpoint.at(start, input, child.variables().own(), Optional.empty(), id));
        }
        try {
            JsonNode output = interpreter.runGraph(map.itemProcessor(), input, child, stored);
            // Durable with the next write of any frame: what must be, the output, already is.
            child.record(EventType.MapIterationSucceeded, () -> iterationDetails(map, index),
                    id -> Checkpointer.FrameCheckpoint.done(output, true, id));
            return output;
        } catch (StatesError e) {
            child.record(EventType.MapIterationFailed, () -> iterationDetails(map, index),
                    id -> Checkpointer.FrameCheckpoint.failed(e, id));
            throw e;
        } catch (ExecutionInterrupted e) {
            child.record(EventType.MapIterationAborted, () -> iterationDetails(map, index));
            throw e;
        }
    }

    private static ObjectNode iterationDetails(State.Map map, int index) {
        return NODES.objectNode().put("name", map.name()).put("index", index);
    }

    /** The input of one iteration: the item, or what ItemSelector makes of it, held to the nesting bound. */
    private static JsonNode itemInput(State.Map map, StateVisit visit, Frame child, JsonNode effective, JsonNode item) {
        if (map.itemSelector().isEmpty()) {
            return item;
        }
        StateVisit itemVisit = visit.forItem(child);
        JsonNode selector = map.itemSelector().get();
        JsonNode input = map.queryLanguage() == QueryLanguage.JSONATA
                ? StateIo.jsonata(itemVisit, selector, "ItemSelector", Optional.empty(), Optional.empty())
                : StateIo.guard(itemVisit, () -> DataLanguage.template(selector,
                        StateIo.jsonPathContext(itemVisit, effective)));
        PayloadSize.requireNestable(input, map.name(), "made an item input");
        return input;
    }

    private static ArrayNode items(State.Map map, StateVisit visit, JsonNode effective) {
        if (map.queryLanguage() == QueryLanguage.JSONATA) {
            if (map.items().isPresent()) {
                JsonNode value = StateIo.jsonata(visit, map.items().get(), "Items", Optional.empty(), Optional.empty());
                if (!value.isArray()) {
                    throw StateIo.evaluationFailed(visit, StatesError.query("The JSONata expression '"
                            + DataLanguage.expressionText(map.items().get())
                            + "' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '"
                            + DataLanguage.typeName(value) + "' for value: " + value));
                }
                return (ArrayNode) value;
            }
            if (!effective.isArray()) {
                throw StateIo.evaluationFailed(visit, StatesError.query("Map state input must be an array but was: " + effective));
            }
            return (ArrayNode) effective;
        }
        String path = map.itemsPath().orElse("$");
        JsonNode value = StateIo.pathValue(visit, effective, path, "ItemsPath");
        if (!value.isArray()) {
            throw visit.qualify(StatesError.runtime("Map state input must be an array but was: " + value));
        }
        return (ArrayNode) value;
    }
}
