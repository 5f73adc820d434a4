package io.portico.states.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A journal held in memory: either keeping every event (for tests, TestState and STANDARD executions
 * before they are flushed to the store) or only counting them (EXPRESS, the fast path).
 */
public final class MemoryJournal implements Journal {
    private final AtomicLong lastId;
    private final boolean keepEvents;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<HistoryEvent> events; // guarded by lock

    private MemoryJournal(Clock clock, boolean keepEvents, long startId) {
        this.clock = clock;
        this.keepEvents = keepEvents;
        this.lastId = new AtomicLong(startId);
        this.events = keepEvents ? new ArrayList<>() : List.of();
    }

    public static MemoryJournal keeping(Clock clock) {
        return new MemoryJournal(clock, true, 0);
    }

    public static MemoryJournal counting(Clock clock) {
        return new MemoryJournal(clock, false, 0);
    }

    @Override
    public long record(EventType type, long previousEventId, Supplier<ObjectNode> details) {
        if (!keepEvents) {
            return lastId.incrementAndGet();
        }
        ObjectNode body = details.get();
        lock.lock();
        try {
            Journal.checkQuota(lastId.get(), MAX_HISTORY_EVENTS, type);
            long id = lastId.incrementAndGet();
            events.add(new HistoryEvent(id, previousEventId, clock.instant(), type, body));
            return id;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<HistoryEvent> events() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long maxEvents() {
        return keepEvents ? MAX_HISTORY_EVENTS : Long.MAX_VALUE;
    }

    @Override
    public long lastEventId() {
        return lastId.get();
    }
}
