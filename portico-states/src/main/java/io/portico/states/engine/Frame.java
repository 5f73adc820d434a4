package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.EvaluationLimits;
import java.util.Optional;
import java.util.function.Supplier;

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
    private Optional<java.time.Instant> resumedTimer = Optional.empty();
    private Optional<WaitingTask> resumedTask = Optional.empty();
    private final PayloadSize.Memo payloadSizes = new PayloadSize.Memo();
    private final EvaluationLimits limits;

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
    void resumedTimer(Optional<java.time.Instant> until) {
        resumedTimer = until;
    }

    Optional<java.time.Instant> takeResumedTimer() {
        Optional<java.time.Instant> until = resumedTimer;
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
