package io.portico.states.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The journal of a STANDARD execution: events are numbered and held as pending until the next
 * checkpoint writes them, in the same transaction, to the store. The checkpointer drains them, so
 * nothing the execution did after its last durable checkpoint is visible to readers before it is
 * durable.
 *
 * <p>Frame marks: events of every frame (Parallel branches, Map iterations) share one numbering, so any
 * frame's checkpoint writes every frame's pending events, with no gap in the ids. An event that changes
 * what a frame must not do again after a restart (a state entered, a Parallel started, a Map iteration
 * closed) therefore carries the frame's new checkpoint as a mark, pending beside it and drained with it,
 * whoever drains: the history and each frame's checkpoint can never disagree after a crash. Only a
 * frame's latest mark is kept, and encoded only when drained (most are replaced before that: a state's
 * entered mark by its exited one); what a mark holds does not change later (variables are copied on
 * write, state inputs and outputs are not modified once passed on). Thread safe.
 */
final class DurableJournal implements Journal {
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<HistoryEvent> pending = new ArrayList<>(); // guarded by lock
    private final Map<String, Checkpointer.FrameCheckpoint> marks = new LinkedHashMap<>(); // guarded by lock
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
            return append(type, previousEventId, body);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long record(EventType type, long previousEventId, Supplier<ObjectNode> details, LongFunction<Mark> mark) {
        ObjectNode body = details.get();
        lock.lock();
        try {
            long id = append(type, previousEventId, body);
            put(mark.apply(id));
            return id;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void mark(Mark mark) {
        lock.lock();
        try {
            put(mark);
        } finally {
            lock.unlock();
        }
    }

    private long append(EventType type, long previousEventId, ObjectNode body) {
        Journal.checkQuota(lastId, maxEvents(), type);
        long id = ++lastId;
        pending.add(new HistoryEvent(id, previousEventId, clock.instant(), type, body));
        return id;
    }

    private void put(Mark mark) {
        marks.remove(mark.frameKey()); // re-inserted last: a frame's latest mark is written after older ones
        marks.put(mark.frameKey(), mark.position());
    }

    /**
     * Takes the events and marks not yet written, with {@code position} (the caller's own checkpoint,
     * if any) after them. Called by the store as it runs the write (see
     * {@link ExecutionRepository#checkpoint}), so that drains and commits happen in one order.
     */
    ExecutionRepository.Batch drain(Optional<Mark> position) {
        List<HistoryEvent> events;
        List<Mark> frames = new ArrayList<>();
        lock.lock();
        try {
            events = List.copyOf(pending);
            marks.forEach((key, mark) -> frames.add(new Mark(key, mark)));
            pending.clear();
            marks.clear();
        } finally {
            lock.unlock();
        }
        position.ifPresent(frames::add);
        List<ExecutionRepository.FrameRow> rows = new ArrayList<>(frames.size());
        for (Mark mark : frames) {
            rows.add(DurableCheckpointer.row(mark.frameKey(), mark.position()));
        }
        return new ExecutionRepository.Batch(events, rows);
    }

    /** Takes the events not yet written, for a write that carries no checkpoint (a start, a close, a redrive). */
    List<HistoryEvent> drainEvents() {
        return drain(Optional.empty()).events();
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
