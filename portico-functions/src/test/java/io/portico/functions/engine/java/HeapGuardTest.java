package io.portico.functions.engine.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard's decisions after a collection, on figures the test sets: what the heap holds and what
 * each invocation's thread has allocated. The JVM's own figures come from {@link JvmMemory}.
 */
class HeapGuardTest {
    private static final long MB = 1024 * 1024;

    /** A heap of 1,000 MB, 100 MB in use at the start, and threads whose allocations the test sets. */
    private static final class Figures implements HeapGuard.Memory {
        final Map<Thread, Long> allocated = new HashMap<>();
        LongConsumer listener;
        int subscriptions;

        @Override
        public long maxHeap() {
            return 1000 * MB;
        }

        @Override
        public long heapAfterLatestGc() {
            return 100 * MB;
        }

        @Override
        public long allocatedBy(Thread thread) {
            return allocated.getOrDefault(thread, 0L);
        }

        @Override
        public Runnable subscribe(LongConsumer afterGc) {
            subscriptions++;
            listener = afterGc;
            return () -> listener = null;
        }

        void collected(long heapMb) {
            listener.accept(heapMb * MB);
        }
    }

    /** An invocation under the guard: its own thread, whose allocations the test sets, and whether it was stopped. */
    private final class Invocation {
        final Thread thread = Thread.ofVirtual().unstarted(() -> { });
        final AtomicBoolean stopped = new AtomicBoolean();

        Invocation(int memorySizeMb) {
            guard.watch(() -> "test", thread, memorySizeMb, () -> stopped.set(true));
        }

        Invocation allocated(long mb) {
            figures.allocated.put(thread, mb * MB);
            return this;
        }
    }

    private final Figures figures = new Figures();
    private final HeapGuard guard = HeapGuard.over(figures, 90);
    private final AtomicInteger shed = new AtomicInteger();
    private final HeapGuard.Sheddable environment = shed::incrementAndGet;

    @BeforeEach
    void anEnvironmentExists() {
        guard.register(environment);
    }

    @Test
    void invocationThatKeepsMoreThanItsMemory_isStopped() {
        Invocation hog = new Invocation(128).allocated(200);

        figures.collected(100 + 150);

        assertThat(hog.stopped).isTrue();
    }

    @Test
    void garbageTheHeapHeldWhenTheInvocationStarted_doesNotHideWhatItKeeps() {
        figures.collected(400); // a young collection: old garbage still counted
        Invocation hog = new Invocation(128).allocated(60);
        figures.collected(100 + 50); // a full collection clears the garbage; the hog keeps 50 MB

        hog.allocated(260);
        figures.collected(100 + 250);

        assertThat(hog.stopped).isTrue();
    }

    @Test
    void invocationThatKeepsAllItAllocates_isStopped_evenWhenSomethingElseKeptALittleMeanwhile() {
        Invocation hog = new Invocation(128).allocated(200);

        figures.collected(100 + 200 + 3); // 3 MB kept by the server's own threads

        assertThat(hog.stopped).isTrue();
    }

    @Test
    void invocationThatAllocatesFarMoreThanItsMemory_butKeepsLittle_runsOn() {
        Invocation parser = new Invocation(128).allocated(5000);

        figures.collected(100 + 20);

        assertThat(parser.stopped).isFalse();
    }

    @Test
    void heapGrowthAnInvocationDidNotAllocate_isNotBlamedOnIt() {
        Invocation small = new Invocation(128).allocated(50);

        figures.collected(100 + 300);

        assertThat(small.stopped).isFalse();
    }

    @Test
    void ofTwoThatCouldHaveKeptTheGrowth_theOneThatAllocatedLeast_isStopped() {
        Invocation hog = new Invocation(128).allocated(160);
        Invocation parser = new Invocation(128).allocated(3000);

        figures.collected(100 + 150);

        assertThat(hog.stopped).isTrue();
        assertThat(parser.stopped).isFalse();
    }

    @Test
    void heapPastTheCeiling_stopsTheInvocationThatAllocatedMost_whateverItsMemory() {
        Invocation big = new Invocation(10240).allocated(900);
        Invocation small = new Invocation(10240).allocated(10);

        figures.collected(950);

        assertThat(big.stopped).isTrue();
        assertThat(small.stopped).isFalse();
        assertThat(shed).hasValue(0);
    }

    @Test
    void heapPastTheCeiling_withNothingRunning_idleEnvironmentsDropTheirCode() {
        figures.collected(950);

        assertThat(shed).hasValue(1);
    }

    @Test
    void finishedInvocation_isNoLongerWatched() {
        Thread thread = Thread.ofVirtual().unstarted(() -> { });
        AtomicBoolean stopped = new AtomicBoolean();
        guard.watch(() -> "done", thread, 128, () -> stopped.set(true)).close();

        figures.allocated.put(thread, 300 * MB);
        figures.collected(100 + 200);

        assertThat(stopped).isFalse();
    }

    @Test
    void guardListensToCollections_onlyWhileEnvironmentsExist() {
        HeapGuard.Sheddable second = () -> { };
        guard.register(second);
        guard.unregister(second);
        assertThat(figures.listener).isNotNull();

        guard.unregister(environment);
        assertThat(figures.listener).isNull();

        guard.register(environment);
        assertThat(figures.subscriptions).isEqualTo(2);
    }
}
