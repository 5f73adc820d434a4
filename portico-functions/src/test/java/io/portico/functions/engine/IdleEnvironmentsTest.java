package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The invoker reclaims environments idle past its timeout, as Lambda reclaims idle sandboxes. Time is
 * a {@link ManualClock}, which also drives the invoker's own background sweep (every 30 s of that
 * clock). A test may sweep directly with {@link Invoker#reclaimIdle()} too; since a background sweep
 * at the same clock reading may get there first, the tests assert on what is left, not on who closed
 * it, and wait for a close the other sweep may still be finishing.
 */
class IdleEnvironmentsTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final Timers timers = Timers.create(clock, "idle-test");
    private final FakeRuntime fake = new FakeRuntime();
    private final List<Invoker> invokers = new ArrayList<>();

    @AfterEach
    void closeInvokers() {
        invokers.forEach(Invoker::close);
        timers.close();
    }

    @Test
    void reclaimIdle_closesEnvironmentsIdlePastTheTimeout_andKeepsRecentlyUsedOnes() throws Exception {
        Invoker invoker = invoker(fake, TIMEOUT);
        // Two environments: one held busy by a call while a second call starts the other.
        Thread held = Thread.ofVirtual().start(() -> invoke(invoker, "hold"));
        fake.entered.await();
        invoke(invoker, "quick");
        fake.release.countDown();
        held.join();
        FakeEnvironment first = fake.environments.get(0);
        FakeEnvironment second = fake.environments.get(1);
        assertThat(invoker.environmentCount()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(6));
        invoke(invoker, "quick"); // the most recently used environment, the first, serves it
        clock.advance(Duration.ofMinutes(5));

        invoker.reclaimIdle();
        await().until(() -> second.closed && invoker.environmentCount() == 1);
        assertThat(first.closed).isFalse();
        assertThat(invoke(invoker, "quick").log()).doesNotContain("Init Duration");
        assertThat(fake.environments).hasSize(2);
    }

    @Test
    void reclaimIdle_keepsAnEnvironmentUntilItHasBeenIdleForTheWholeTimeout() {
        Invoker invoker = invoker(fake, TIMEOUT);
        invoke(invoker, "quick");

        clock.advance(TIMEOUT.minusMillis(1));
        assertThat(invoker.reclaimIdle()).isZero();
        assertThat(invoker.environmentCount()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        invoker.reclaimIdle();
        await().until(() -> fake.environments.get(0).closed && invoker.environmentCount() == 0);
    }

    @Test
    void backgroundSweep_drivenByTheClock_reclaimsWithoutADirectCall() {
        Invoker invoker = invoker(fake, TIMEOUT);
        invoke(invoker, "quick");

        clock.advance(TIMEOUT); // past the first sweep, due 30 s after the invoker started

        await().until(() -> invoker.environmentCount() == 0);
        assertThat(fake.environments.get(0).closed).isTrue();
    }

    @Test
    void invoke_afterItsEnvironmentWasReclaimed_coldStartsANewOne() {
        Invoker invoker = invoker(JavaRuntime.create(clock), TIMEOUT);
        VersionSpec spec = Fixtures.spec("example.CounterHandler");
        InvokeResult cold = invoke(invoker, spec, "{}");
        clock.advance(Duration.ofMinutes(9));
        invoker.reclaimIdle();
        InvokeResult warm = invoke(invoker, spec, "{}");

        clock.advance(TIMEOUT);
        invoker.reclaimIdle();
        await().until(() -> invoker.environmentCount() == 0);
        InvokeResult again = invoke(invoker, spec, "{}");

        assertThat(cold.log()).contains("Init Duration: ");
        assertThat(warm.log()).doesNotContain("Init Duration");
        assertThat(text(warm)).startsWith("\"2@");
        assertThat(again.log()).contains("Init Duration: ");
        assertThat(text(again)).startsWith("\"1@").isNotEqualTo(text(cold)); // a fresh static initialisation
        assertThat(invoker.environmentCount()).isEqualTo(1);
    }

    @Test
    void reclaimIdle_duringConcurrentInvocations_neverClosesABusyEnvironment() throws Exception {
        // Every sweep moves the clock past the timeout, so whatever is idle at that moment is closed; a
        // nanosecond a sweep keeps the invocations' 30 s deadlines far away however often it sweeps
        // (and the background sweep, due every millisecond of this clock, rare).
        Duration timeout = Duration.ofNanos(1);
        Invoker invoker = invoker(fake, timeout);
        AtomicBoolean calling = new AtomicBoolean(true);
        Thread sweeper = Thread.ofVirtual().start(() -> {
            while (calling.get()) {
                clock.advance(timeout);
                invoker.reclaimIdle();
                Thread.yield();
            }
        });
        List<Future<List<InvokeResult>>> callers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                callers.add(threads.submit(() -> {
                    List<InvokeResult> results = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        results.add(invoke(invoker, "quick"));
                    }
                    return results;
                }));
            }
            for (Future<List<InvokeResult>> caller : callers) {
                assertThat(caller.get(60, TimeUnit.SECONDS)).filteredOn(InvokeResult::failed).isEmpty();
            }
        } finally {
            calling.set(false);
            sweeper.join();
        }

        assertThat(fake.misuses).hasValue(0);
        assertThat(fake.environments).filteredOn(environment -> environment.closed).isNotEmpty();
        await().until(() -> invoker.environmentCount() == fake.open());
        clock.advance(timeout);
        invoker.reclaimIdle();
        await().until(() -> invoker.environmentCount() == 0 && fake.open() == 0);
    }

    @Test
    void invoke_runningPastItsTimeoutOnTheClock_isSandboxTimedOut() throws Exception {
        Invoker invoker = invoker(fake, TIMEOUT);
        java.util.concurrent.CompletableFuture<InvokeResult> result = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> result.complete(invoke(invoker, "hold")));
        fake.entered.await();

        clock.advance(Duration.ofSeconds(29));
        assertThat(result).isNotDone();
        clock.advance(Duration.ofSeconds(1)); // the spec's Timeout is 30 s of the invoker's clock

        InvokeResult timedOut = result.get(30, TimeUnit.SECONDS);
        assertThat(timedOut.errorType()).contains("Sandbox.Timedout");
        assertThat(timedOut.log()).contains("Task timed out after 30.00 seconds");
        assertThat(invoker.environmentCount()).isZero();
    }

    @Test
    void invoker_withoutAPositiveIdleTimeout_isRejected() {
        assertThatThrownBy(() -> new Invoker(List.of(fake), new FunctionLogs(), timers, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
    }

    @Test
    void close_leavesNoTimerOfTheInvokerOnThePlatformsTimers() {
        Invoker invoker = new Invoker(List.of(fake), new FunctionLogs(), timers, TIMEOUT);
        assertThat(timers.pending()).isEqualTo(1); // the sweep, on the invoker's scope

        invoker.close();

        assertThat(timers.pending()).isZero();
    }

    private Invoker invoker(FunctionRuntime runtime, Duration idleTimeout) {
        Invoker invoker = new Invoker(List.of(runtime), new FunctionLogs(), timers, idleTimeout);
        invokers.add(invoker);
        return invoker;
    }

    private static InvokeResult invoke(Invoker invoker, String payload) {
        return invoke(invoker, Fixtures.spec("fake.Handler"), payload);
    }

    private static InvokeResult invoke(Invoker invoker, VersionSpec spec, String payload) {
        try {
            return invoker.invoke(spec, "revision-1", payload.getBytes(StandardCharsets.UTF_8),
                    InvokeOptions.of(UUID.randomUUID().toString(), spec.qualifiedArn()), 1000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(InvokeResult result) {
        return new String(result.payload(), StandardCharsets.UTF_8);
    }

    /**
     * Starts {@link FakeEnvironment}s and counts misuse: an invocation of a closed environment, two
     * invocations at once, or a close during an invocation. A {@code hold} payload waits for
     * {@link #release}, after counting down {@link #entered}.
     */
    private static final class FakeRuntime implements FunctionRuntime {
        final List<FakeEnvironment> environments = new CopyOnWriteArrayList<>();
        final AtomicInteger misuses = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public boolean supports(String runtime) {
            return true;
        }

        @Override
        public ExecutionEnvironment start(VersionSpec spec, InvocationLog initLog) {
            FakeEnvironment environment = new FakeEnvironment(this);
            environments.add(environment);
            return environment;
        }

        long open() {
            return environments.stream().filter(e -> !e.closed).count();
        }
    }

    private static final class FakeEnvironment implements ExecutionEnvironment {
        private final FakeRuntime runtime;
        private final AtomicBoolean busy = new AtomicBoolean();
        volatile boolean closed;

        FakeEnvironment(FakeRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public long initDurationMillis() {
            return 0;
        }

        @Override
        public InvocationOutcome invoke(InvocationRequest request) throws InterruptedException {
            if (closed || !busy.compareAndSet(false, true)) {
                runtime.misuses.incrementAndGet();
                throw new IllegalStateException("closed or busy");
            }
            try {
                if (new String(request.payload(), StandardCharsets.UTF_8).equals("hold")) {
                    runtime.entered.countDown();
                    runtime.release.await();
                }
                return new InvocationOutcome.Success(request.payload());
            } finally {
                busy.set(false);
            }
        }

        @Override
        public void close() {
            if (busy.get()) {
                runtime.misuses.incrementAndGet();
            }
            closed = true;
        }
    }
}
