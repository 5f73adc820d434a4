package io.portico.functions.engine.java;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps in-process Java functions from taking Portico's heap: it stops an invocation that outgrows its
 * function's memory, and, whatever the functions' sizes, stops the likeliest culprit when the heap
 * itself is nearly full. A stopped invocation answers Lambda's {@code Runtime.OutOfMemory} and its
 * sandbox is discarded, as Lambda's kernel kills a sandbox that goes over its memory.
 *
 * <p>How it decides. Functions share one heap, and the JVM cannot say how much of it one invocation
 * holds; it can say two things cheaply. How much a thread has <em>allocated</em> (HotSpot counts it per
 * thread), which says nothing of what it kept: a function that parses a 1 GB stream in a 128 MB
 * function allocates far more than its memory and keeps little, and Lambda runs it happily. And how
 * much of the heap is <em>live</em>, right after each garbage collection (the GC notifications), which
 * says nothing of whose it is. The guard combines them at every collection, for every invocation under
 * way, with its thread's allocations measured from the invocation's start and the live heap's growth
 * from the least it was since then (a collection that clears old garbage lowers the baseline; garbage
 * the heap held at the start and cleared only later hides as much of what the invocation kept before):
 *
 * <ul>
 *   <li><b>Over its memory:</b> the live heap grew by more than the function's {@code MemorySize}
 *       while the invocation ran, and the invocation allocated more than that, so it could have kept
 *       more than its memory. Both are needed for it to have done so; asking more (that it allocated
 *       all the growth) let a function that keeps all it allocates escape whenever anything else kept
 *       a few bytes meanwhile. Of several such, the one that allocated the least is stopped (it kept
 *       the largest share of what it allocated); one per collection.
 *   <li><b>Heap nearly full:</b> the live heap is past the ceiling (a share of the maximum heap). The
 *       invocation that allocated most since it started is stopped, whatever its size: the server comes
 *       first. With nothing running, idle environments drop their code and statics (a function that
 *       caches in static fields keeps growing between invocations) and start afresh on their next one.
 * </ul>
 *
 * <p>Why not stop an invocation as soon as its allocations pass its memory, which needs no GC: that
 * fails functions that work on Lambda. Why not measure each sandbox's live objects: only a heap walk
 * can, and its roots include the stack frames of running code, which Java cannot read. What the choice
 * costs: the check waits for a collection, so a function is stopped somewhat past its memory (by up to
 * what the young generation holds), and an invocation that allocates more than its memory while
 * another piece of code makes the heap grow as much can be blamed for it. Exact limits per function
 * are what worker processes give ({@code PORTICO_JAVA_RUNTIME=process}: a JVM with Lambda's heap size).
 * Nothing here runs on the invocation path but two reads and a map insert at its start; the rest runs
 * on the JVM's notification thread after each collection, and only while environments exist.
 *
 * <p>Stopping goes through the sandbox's stop signal, so a loop that allocates stops at its next turn.
 * Thread safe.
 */
public final class HeapGuard {
    private static final Logger LOG = LoggerFactory.getLogger(HeapGuard.class);
    private static final long MB = 1024 * 1024;
    /** The default ceiling: the live heap as a percentage of the maximum heap past which the guard acts. */
    public static final int DEFAULT_CEILING_PERCENT = 90;

    /** Where the guard reads the JVM's memory figures: {@link JvmMemory}, or a fake in tests. */
    interface Memory {
        long maxHeap();

        /**
         * The heap in use right after the JVM's latest collection, or now (garbage included) when there
         * was none: where the guard starts when it starts listening.
         */
        long heapAfterLatestGc();

        /** Bytes {@code thread} has allocated since it started, or -1 when the JVM cannot tell. */
        long allocatedBy(Thread thread);

        /** Calls {@code afterGc} with the heap in use right after each collection; returns the unsubscribe. */
        Runnable subscribe(LongConsumer afterGc);
    }

    /** An environment the guard may ask to drop its code when the heap is full and nothing runs. */
    interface Sheddable {
        /** Drops the function's loaded code unless an invocation is under way. */
        void shedIfIdle();
    }

    /** One invocation under the guard, from its start until it is {@link #close closed}. */
    final class Watch implements AutoCloseable {
        private final Supplier<String> name;
        private final Thread thread;
        private final long budget;
        private final long allocatedAtStart;
        private final Runnable stop;
        private long lowestHeap; // guarded by lock after construction: the least live heap seen since the start
        private volatile boolean stopped;

        private Watch(Supplier<String> name, Thread thread, long budget, Runnable stop) {
            this.name = name;
            this.thread = thread;
            this.budget = budget;
            this.stop = stop;
            this.allocatedAtStart = memory.allocatedBy(thread);
            this.lowestHeap = lastHeapAfterGc;
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }

    /** What one collection showed of one invocation. */
    private record Measured(Watch watch, long grown, long allocated) {
    }

    private final Memory memory;
    private final long ceiling;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Set<Sheddable> environments = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock(); // orders (un)subscribing and each collection's decision
    private Runnable unsubscribe; // guarded by lock; non-null while environments exist
    private volatile long lastHeapAfterGc;

    private HeapGuard(Memory memory, int ceilingPercent) {
        if (ceilingPercent < 1 || ceilingPercent > 100) {
            throw new IllegalArgumentException("the heap ceiling is a percentage, 1 to 100: " + ceilingPercent);
        }
        this.memory = memory;
        this.ceiling = memory.maxHeap() / 100 * ceilingPercent;
        this.lastHeapAfterGc = memory.heapAfterLatestGc();
    }

    /** A guard of this JVM's heap acting past {@code ceilingPercent} of its maximum. */
    public static HeapGuard create(int ceilingPercent) {
        return new HeapGuard(JvmMemory.create(), ceilingPercent);
    }

    /** A guard over other figures than the JVM's, for tests. */
    static HeapGuard over(Memory memory, int ceilingPercent) {
        return new HeapGuard(memory, ceilingPercent);
    }

    /** Starts guarding for {@code environment}; the guard listens to collections while any is registered. */
    void register(Sheddable environment) {
        lock.lock();
        try {
            if (environments.add(environment) && unsubscribe == null) {
                lastHeapAfterGc = memory.heapAfterLatestGc();
                unsubscribe = memory.subscribe(this::afterGc);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code environment}, which closed. */
    void unregister(Sheddable environment) {
        lock.lock();
        try {
            if (environments.remove(environment) && environments.isEmpty() && unsubscribe != null) {
                unsubscribe.run();
                unsubscribe = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Watches the invocation that {@code thread} (the caller's) now starts, {@code name} in the log (made
     * only then), with {@code memorySizeMb} as its memory; {@code stop} stops it with Lambda's
     * out-of-memory error.
     */
    Watch watch(Supplier<String> name, Thread thread, int memorySizeMb, Runnable stop) {
        Watch watch = new Watch(name, thread, memorySizeMb * MB, stop);
        watches.add(watch);
        return watch;
    }

    /** What a collection that left {@code heapAfterGc} bytes in use means for the invocations under way. */
    void afterGc(long heapAfterGc) {
        lock.lock();
        try {
            lastHeapAfterGc = heapAfterGc;
            List<Measured> running = new ArrayList<>();
            for (Watch watch : watches) {
                watch.lowestHeap = Math.min(watch.lowestHeap, heapAfterGc);
                running.add(new Measured(watch, heapAfterGc - watch.lowestHeap,
                        memory.allocatedBy(watch.thread) - watch.allocatedAtStart));
            }
            Optional<Measured> overItsMemory = running.stream()
                    .filter(m -> !m.watch.stopped && m.grown > m.watch.budget && m.allocated > m.watch.budget)
                    .min(Comparator.comparingLong(Measured::allocated));
            if (overItsMemory.isPresent()) {
                Measured m = overItsMemory.get();
                stop(m, "the heap grew by " + m.grown / MB + " MB while it ran, over its memory size of "
                        + m.watch.budget / MB + " MB");
            } else if (heapAfterGc > ceiling) {
                relieve(running, heapAfterGc);
            }
        } finally {
            lock.unlock();
        }
    }

    private void relieve(List<Measured> running, long heapAfterGc) {
        String full = "Portico's heap is " + heapAfterGc / MB + " MB of " + memory.maxHeap() / MB + " MB after a collection";
        Optional<Measured> culprit = running.stream().max(Comparator.comparingLong(Measured::allocated));
        if (culprit.isEmpty()) {
            LOG.warn("{}, with no function running: idle Java execution environments drop their code", full);
            environments.forEach(Sheddable::shedIfIdle);
        } else if (!culprit.get().watch.stopped) { // one already stopped is still letting go: give it time
            stop(culprit.get(), full + "; it allocated " + culprit.get().allocated / MB + " MB, the most of those running");
        }
    }

    private void stop(Measured measured, String why) {
        measured.watch.stopped = true;
        LOG.warn("Stopping {}: {}. Functions that need their memory size enforced exactly run in worker processes"
                + " (PORTICO_JAVA_RUNTIME=process)", measured.watch.name.get(), why);
        measured.watch.stop.run();
    }
}
