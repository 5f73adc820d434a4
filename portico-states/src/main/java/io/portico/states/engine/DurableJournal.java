package io.portico.states.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The journal of a STANDARD execution: events are numbered and held as pending until the next
 * checkpoint writes them, in the same transaction, to the store. The checkpointer drains them, so
 * nothing the execution did after its last durable checkpoint is visible to readers before it is
 * durable. Thread safe.
 */
final class DurableJournal implements Journal {
    private final Clock clock;
    private final List<HistoryEvent> pending = new ArrayList<>();
    private long lastId;

    DurableJournal(Clock clock, long lastId) {
        this.clock = clock;
        this.lastId = lastId;
    }

    @Override
    public synchronized long record(EventType type, long previousEventId, Supplier<ObjectNode> details) {
        Journal.checkQuota(lastId, maxEvents(), type);
        long id = ++lastId;
        pending.add(new HistoryEvent(id, previousEventId, clock.instant(), type, details.get()));
        return id;
    }

    /** Takes the events not yet written. */
    synchronized List<HistoryEvent> drain() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<HistoryEvent> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    @Override
    public synchronized List<HistoryEvent> events() {
        return List.copyOf(pending);
    }

    @Override
    public synchronized long lastEventId() {
        return lastId;
    }
}
