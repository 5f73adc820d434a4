package io.portico.states.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.StatesError;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Where an execution's history goes. The interpreter calls {@link #record} for every event and gets the
 * event's id back; details are supplied lazily so that a journal that only counts (EXPRESS executions,
 * whose history AWS does not serve) never builds them.
 *
 * <p>Thread safe: Parallel branches and Map iterations record concurrently; ids stay unique and
 * increasing.
 */
public interface Journal {
    /** AWS's hard quota on one execution's history; reaching it fails the execution. */
    long MAX_HISTORY_EVENTS = 25_000;

    long record(EventType type, long previousEventId, Supplier<ObjectNode> details);

    /**
     * Records an event together with the checkpoint of its frame that the event makes true ({@code mark},
     * given the event's id): a journal that writes events durably writes the mark in the same
     * transaction, so that after a crash the frame's checkpoint never claims less or more than its
     * history holds. Journals that keep nothing durable ignore the mark.
     */
    default long record(EventType type, long previousEventId, Supplier<ObjectNode> details, LongFunction<Mark> mark) {
        return record(type, previousEventId, details);
    }

    /** A frame checkpoint to write with the next events (without an event of its own). */
    default void mark(Mark mark) {
    }

    /** A frame's checkpoint, written with the events recorded before it. */
    record Mark(String frameKey, Checkpointer.FrameCheckpoint position) {
    }

    /** The events kept so far, in id order (empty for a counting journal). */
    List<HistoryEvent> events();

    /** The id the next event will get minus one. */
    long lastEventId();

    /**
     * How many events the history may hold: AWS's quota for a history it keeps and serves, none for
     * a journal that only counts (EXPRESS, whose executions are bounded by time instead).
     */
    default long maxEvents() {
        return MAX_HISTORY_EVENTS;
    }

    /**
     * Refuses an event that would take the history to its quota unless it ends the execution, so
     * that the execution's end (ExecutionFailed for this very refusal) is the last event the quota
     * allows. Journals call it where they assign the id, so concurrent branches cannot overshoot.
     *
     * @throws StatesError {@code States.Runtime}, which no Retry or Catch handles
     */
    static void checkQuota(long lastId, long maxEvents, EventType type) {
        if (lastId >= maxEvents - 1 && !type.endsExecution()) {
            throw new StatesError(StatesError.RUNTIME, "The execution reached the maximum number of history events ("
                    + maxEvents + ").");
        }
    }
}
