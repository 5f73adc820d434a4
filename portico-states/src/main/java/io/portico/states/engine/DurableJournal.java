package io.portico.states.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The journal of a STANDARD execution: events are numbered and held as pending until the next
 * checkpoint writes them, in the same transaction, to the store. The checkpointer drains them, so
 * nothing the execution did after its last durable checkpoint is visible to readers before it is
 * durable. Thread safe.
 */
final class DurableJournal implements Journal {
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<HistoryEvent> pending = new ArrayList<>(); // guarded by lock
    private long lastId; // guarded by lock

    DurableJournal(Clock clock, long lastId) {
        this.clock = clock;
        this.lastId = lastId;
    }

    @Override
    public long record(EventType type, long previousEventId, Supplier<ObjectNode> details) {
        // Built before an id is taken, so details that fail to build leave no gap in the ids.
        ObjectNode body = details.get();
        lock.lock();
        try {
            Journal.checkQuota(lastId, maxEvents(), type);
            long id = ++lastId;
            pending.add(new HistoryEvent(id, previousEventId, clock.instant(), type, body));
            return id;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the events not yet written. */
    List<HistoryEvent> drain() {
        lock.lock();
        try {
            if (pending.isEmpty()) {
                return List.of();
            }
            List<HistoryEvent> out = List.copyOf(pending);
            pending.clear();
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<HistoryEvent> events() {
        lock.lock();
        try {
            return List.copyOf(pending);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long lastEventId() {
        lock.lock();
        try {
            return lastId;
        } finally {
            lock.unlock();
        }
    }
}
