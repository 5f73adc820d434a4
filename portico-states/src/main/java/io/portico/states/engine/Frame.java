package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.EvaluationLimits;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One running graph of an execution: the top level, a Parallel branch or a Map iteration. It owns
 * the variables scope of that graph and the id of its last history event, which the next event of the
 * same branch names as its {@code previousEventId}, and carries the engine's evaluation limits to the
 * data processing of its states.
 *
 * <p>Not thread safe: a frame is driven by one thread at a time.
 */
final class Frame {
    private final ExecutionRun run;
    private final String key;
    private final Variables variables;
    private final Optional<MapItem> mapItem;
    private final Journal journal;
    private long lastEventId;
    private Optional<Instant> resumedTimer = Optional.empty();
    private Optional<WaitingTask> resumedTask = Optional.empty();
    private final PayloadSize.Memo payloadSizes = new PayloadSize.Memo();
    private final EvaluationLimits limits;
    /** The state the frame is at, with its input: what a mark of this frame records. */
    private String state;
    private JsonNode input;
    /** How far the frame got in {@link #state}; empty until its entry is recorded. */
    private Optional<Visit> visit = Optional.empty();

    /** The item a Map iteration works on, for {@code $$.Map.Item}. */
    record MapItem(int index, JsonNode value) {
    }

    private Frame(ExecutionRun run, Journal journal, String key, Variables variables, Optional<MapItem> mapItem,
                  long lastEventId, EvaluationLimits limits) {
        this.run = run;
        this.limits = limits;
        this.journal = journal;
        this.key = key;
        this.variables = variables;
        this.mapItem = mapItem;
        this.lastEventId = lastEventId;
    }

    static Frame root(ExecutionRun run, Variables variables, long lastEventId, EvaluationLimits limits) {
        return new Frame(run, run.journal(), "", variables, Optional.empty(), lastEventId, limits);
    }

    Frame branch(String childKey, Variables childVariables, Optional<MapItem> item) {
        return new Frame(run, journal, key + "/" + childKey, childVariables, item, lastEventId, limits);
    }

    /**
     * Records an event of this frame; past the history quota the journal refuses it with a terminal
     * States.Runtime error (see {@link Journal#checkQuota}).
     */
    long record(EventType type, Supplier<ObjectNode> details) {
        lastEventId = journal.record(type, lastEventId, details);
        return lastEventId;
    }

    /**
     * Records an event with the frame's checkpoint that it makes true ({@link Journal#record(EventType,
     * long, Supplier, LongFunction)}), given the event's id.
     */
    long record(EventType type, Supplier<ObjectNode> details, LongFunction<Checkpointer.FrameCheckpoint> mark) {
        lastEventId = journal.record(type, lastEventId, details, id -> new Journal.Mark(key, mark.apply(id)));
        return lastEventId;
    }

    /** The frame is at {@code name} with {@code stateInput}, not yet entered (or resuming a visit). */
    void at(String name, JsonNode stateInput, Optional<Visit> resumed) {
        this.state = name;
        this.input = stateInput;
        this.visit = resumed;
    }

    /** Records the state's entered event, and the visit it begins with it; returns the event's id. */
    long enter(EventType entered, Supplier<ObjectNode> details, Instant now, int retriers) {
        long id = record(entered, details,
                eventId -> positionIn(Optional.of(Visit.entered(eventId, now, retriers)), eventId));
        visit = Optional.of(Visit.entered(id, now, retriers));
        return id;
    }

    /**
     * Records an event that the visit's attempt records once (a Parallel's or Map's Started or Succeeded,
     * a Map Run's start), unless the checkpoint the frame resumed from says it is recorded already.
     */
    void recordOnce(EventType type, Supplier<ObjectNode> details) {
        if (visit.isPresent() && visit.get().hasRecorded(type)) {
            return;
        }
        recordInVisit(type, details, v -> v.withRecorded(type));
    }

    /** Records an event of the visit together with how it changes the visit (its failure made final, say). */
    long recordInVisit(EventType type, Supplier<ObjectNode> details, UnaryOperator<Visit> change) {
        Optional<Visit> next = visit.map(change);
        long id = record(type, details, eventId -> positionIn(next, eventId));
        visit = next;
        return id;
    }

    /** Changes the visit without an event of its own (a retry's count and deadline); written with the next checkpoint. */
    void changeVisit(UnaryOperator<Visit> change) {
        visit = visit.map(change);
        journal.mark(new Journal.Mark(key, position()));
    }

    /** The frame's checkpoint as it stands: at its state, in its visit. */
    Checkpointer.FrameCheckpoint position() {
        return positionIn(visit, lastEventId);
    }

    private Checkpointer.FrameCheckpoint positionIn(Optional<Visit> in, long lastId) {
        return Checkpointer.FrameCheckpoint.at(state, input, variables.own(), in, lastId);
    }

    /** The frame's own last event as its checkpoint recorded it: the branch's history goes on from there. */
    void resumedAfter(long eventId) {
        if (eventId > 0) {
            lastEventId = eventId;
        }
    }

    Optional<Visit> visit() {
        return visit;
    }

    ExecutionRun run() {
        return run;
    }

    /** The bounds every expression evaluated in this frame runs under. */
    EvaluationLimits limits() {
        return limits;
    }

    String key() {
        return key;
    }

    Variables variables() {
        return variables;
    }

    Optional<MapItem> mapItem() {
        return mapItem;
    }

    /** A Wait deadline restored from a checkpoint, used by the first Wait state the frame resumes in. */
    void resumedTimer(Optional<Instant> until) {
        resumedTimer = until;
    }

    Optional<Instant> takeResumedTimer() {
        Optional<Instant> until = resumedTimer;
        resumedTimer = Optional.empty();
        return until;
    }

    /** A Task's wait on its token restored from a checkpoint, resumed by the state the frame resumes in. */
    void resumedTask(Optional<WaitingTask> task) {
        resumedTask = task;
    }

    Optional<WaitingTask> takeResumedTask() {
        Optional<WaitingTask> task = resumedTask;
        resumedTask = Optional.empty();
        return task;
    }

    /** What the frame's last output size check learnt, for the next one. */
    PayloadSize.Memo payloadSizes() {
        return payloadSizes;
    }

    long lastEventId() {
        return lastEventId;
    }
}
