package io.portico.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timers on a manual clock fire when the test advances it, never before; on the system clock they wait for real. */
class TimersTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final ManualClock clock = ManualClock.at(START);
    private final Timers timers = Timers.create(clock, "test");

    @AfterEach
    void close() {
        timers.close();
    }

    @Test
    void schedule_runsTheActionOnlyOnceTheClockReachesItsInstant() {
        AtomicBoolean ran = new AtomicBoolean();
        timers.schedule(Duration.ofSeconds(10), () -> ran.set(true));

        clock.advance(Duration.ofSeconds(9));
        assertThat(timers.pending()).isEqualTo(1); // still queued, so not fired, however long we looked
        assertThat(ran).isFalse();

        clock.advance(Duration.ofSeconds(1));
        await().untilTrue(ran);
        assertThat(timers.pending()).isZero();
    }

    @Test
    void schedule_atAnInstantAlreadyPassed_runsAtOnce() {
        AtomicBoolean ran = new AtomicBoolean();
        timers.schedule(START.minusSeconds(1), () -> ran.set(true));
        await().untilTrue(ran);
    }

    @Test
    void schedule_actionsFireInTheOrderOfTheirInstants() {
        List<String> fired = new CopyOnWriteArrayList<>();
        timers.schedule(Duration.ofSeconds(30), () -> fired.add("thirty"));
        timers.schedule(Duration.ofSeconds(10), () -> fired.add("ten"));
        timers.schedule(Duration.ofSeconds(20), () -> fired.add("twenty"));

        clock.advance(Duration.ofSeconds(15));
        await().until(() -> fired.size() == 1);
        assertThat(timers.nextDue()).contains(START.plusSeconds(20));
        clock.advance(Duration.ofSeconds(15));
        await().until(() -> fired.size() == 3);

        assertThat(fired.get(0)).isEqualTo("ten");
        assertThat(fired).containsExactlyInAnyOrder("ten", "twenty", "thirty");
    }

    @Test
    void cancel_beforeTheInstant_meansTheActionNeverRuns() {
        AtomicBoolean cancelledRan = new AtomicBoolean();
        AtomicBoolean laterRan = new AtomicBoolean();
        Timers.Scheduled cancelled = timers.schedule(Duration.ofSeconds(5), () -> cancelledRan.set(true));
        timers.schedule(Duration.ofSeconds(6), () -> laterRan.set(true));

        assertThat(cancelled.cancel()).isTrue();
        assertThat(cancelled.cancel()).isFalse();
        clock.advance(Duration.ofSeconds(10));

        await().untilTrue(laterRan);
        assertThat(cancelledRan).isFalse();
    }

    @Test
    void sleepUntil_blocksTheThreadUntilTheClockIsAdvancedThatFar() throws Exception {
        AtomicReference<Instant> wokeAt = new AtomicReference<>();
        Thread sleeper = Thread.ofVirtual().start(() -> {
            try {
                timers.sleepUntil(START.plusSeconds(60));
                wokeAt.set(clock.instant());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().until(() -> timers.pending() == 1);

        clock.advance(Duration.ofSeconds(59));
        assertThat(timers.pending()).isEqualTo(1);
        assertThat(sleeper.isAlive()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        sleeper.join(Duration.ofSeconds(10));
        assertThat(wokeAt).hasValue(START.plusSeconds(60));
    }

    @Test
    void sleepUntil_anInstantAlreadyPassed_returnsAtOnce() throws InterruptedException {
        timers.sleepUntil(START);
        timers.sleep(Duration.ZERO);
        assertThat(timers.pending()).isZero();
    }

    @Test
    void sleepUntil_interrupted_throwsAndLeavesNoTimerBehind() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sleeper = Thread.ofVirtual().start(() -> {
            try {
                timers.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                thrown.set(e);
            }
        });
        await().until(() -> timers.pending() == 1);

        sleeper.interrupt();
        sleeper.join(Duration.ofSeconds(10));

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(timers.pending()).isZero();
    }

    @Test
    void awaitUntil_futureCompletingFirst_givesItsValue() throws Exception {
        CompletableFuture<String> future = new CompletableFuture<>();
        AtomicReference<Optional<String>> result = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                result.set(timers.awaitUntil(future, START.plusSeconds(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().until(() -> timers.pending() == 1);

        future.complete("done");
        waiter.join(Duration.ofSeconds(10));

        assertThat(result.get()).contains("done");
        assertThat(timers.pending()).isZero();
    }

    @Test
    void awaitUntil_deadlineFirst_isEmpty() throws Exception {
        AtomicReference<Optional<String>> result = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                result.set(timers.awaitUntil(new CompletableFuture<>(), START.plusSeconds(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().until(() -> timers.pending() == 1);

        clock.advance(Duration.ofSeconds(30));
        waiter.join(Duration.ofSeconds(10));

        assertThat(result.get()).isEmpty();
    }

    @Test
    void awaitUntil_failedFuture_throwsItsException() {
        CompletableFuture<String> failed = CompletableFuture.failedFuture(new IllegalArgumentException("no"));
        assertThatThrownBy(() -> timers.awaitUntil(failed, START.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no");
    }

    @Test
    void close_wakesWaitersWithAnError_andRefusesNewTimers() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sleeper = Thread.ofVirtual().start(() -> {
            try {
                timers.sleep(Duration.ofHours(1));
            } catch (InterruptedException | RuntimeException e) {
                thrown.set(e);
            }
        });
        await().until(() -> timers.pending() == 1);

        timers.close();
        sleeper.join(Duration.ofSeconds(10));

        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> timers.schedule(Duration.ofSeconds(1), () -> { }))
                .isInstanceOf(IllegalStateException.class);
        timers.close(); // idempotent
    }

    @Test
    void scope_closing_dropsOnlyItsOwnTimersAndFailsItsWaiters() throws Exception {
        Timers states = timers.scope("states");
        Timers lambda = timers.scope("lambda");
        AtomicBoolean statesRan = new AtomicBoolean();
        AtomicBoolean lambdaRan = new AtomicBoolean();
        states.schedule(Duration.ofSeconds(5), () -> statesRan.set(true));
        lambda.schedule(Duration.ofSeconds(5), () -> lambdaRan.set(true));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sleeper = Thread.ofVirtual().start(() -> {
            try {
                states.sleep(Duration.ofHours(1));
            } catch (InterruptedException | RuntimeException e) {
                thrown.set(e);
            }
        });
        await().until(() -> states.pending() == 2);
        assertThat(lambda.pending()).isEqualTo(1);
        assertThat(timers.pending()).isEqualTo(3); // the created timers see every scope's

        states.close();
        sleeper.join(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(5));
        await().untilTrue(lambdaRan);

        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
        assertThat(statesRan).isFalse();
        assertThat(states.pending()).isZero();
        assertThatThrownBy(() -> states.schedule(Duration.ofSeconds(1), () -> { }))
                .isInstanceOf(IllegalStateException.class);
        lambda.schedule(Duration.ofSeconds(1), () -> { }); // the other scope keeps going
    }

    @Test
    void scope_ofAScope_isRefused() {
        Timers scope = timers.scope("scope");
        assertThatThrownBy(() -> scope.scope("inner")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("take scopes from the created timers");
    }

    @Test
    void close_ofTheCreatedTimers_closesEveryScope() {
        Timers scope = timers.scope("scope");
        scope.schedule(Duration.ofSeconds(5), () -> { });

        timers.close();

        assertThat(scope.pending()).isZero();
        assertThatThrownBy(() -> scope.schedule(Duration.ofSeconds(1), () -> { }))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> timers.scope("late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void systemClock_aTimerBehindTheEarliest_firesWithoutWakingTheDispatcherEarly() {
        try (Timers real = Timers.create(Clock.systemUTC(), "real")) {
            List<String> fired = new CopyOnWriteArrayList<>();
            real.schedule(Duration.ofMillis(40), () -> fired.add("first"));
            real.schedule(Duration.ofMillis(80), () -> fired.add("behind")); // not the earliest: no wake-up
            await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 2);
            assertThat(fired).containsExactlyInAnyOrder("first", "behind");
        }
    }

    @Test
    void systemClock_timersWaitForRealTime() throws Exception {
        try (Timers real = Timers.create(Clock.systemUTC(), "real")) {
            AtomicBoolean ran = new AtomicBoolean();
            Instant scheduled = Instant.now();
            real.schedule(Duration.ofMillis(50), () -> ran.set(true));
            await().atMost(Duration.ofSeconds(10)).untilTrue(ran);
            real.sleep(Duration.ofMillis(20));
            assertThat(Instant.now()).isAfterOrEqualTo(scheduled.plusMillis(50));
        }
    }
}
