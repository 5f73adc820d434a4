package io.portico.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.portico.core.store.Store;
import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store's work queue does, on a manual clock: each store module runs this suite against its
 * own {@link Store} by extending it. Nothing here sleeps: the tests advance the clock, and wait (with
 * Awaitility) only for the queue's threads to catch up.
 */
public abstract class WorkQueueContract {
    protected static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String QUEUE = "test.queue";
    private static final Duration LEASE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    protected final ManualClock clock = ManualClock.at(START);
    private final List<WorkQueue> queues = new ArrayList<>();
    private Timers timers;
    private Store store;

    /** A fresh store in {@code dir}; the suite closes it. */
    protected abstract Store openStore(Path dir);

    @BeforeEach
    void open() {
        store = openStore(dir);
        timers = Timers.create(clock, "work-test");
    }

    @AfterEach
    void close() {
        queues.forEach(WorkQueue::close);
        timers.close();
        store.close();
    }

    @Test
    void enqueue_inATransactionThatRollsBack_leavesNothing() {
        WorkQueue work = queue("a");
        Calls calls = new Calls(item -> Outcome.done());
        work.register(QUEUE, options(), calls);

        assertThatThrownBy(() -> store.write(tx -> {
            work.enqueue(tx, QUEUE, bytes("lost"), START);
            throw new IllegalStateException("caller failed");
        })).hasMessage("caller failed");
        work.start();
        work.enqueue(QUEUE, bytes("kept"), START);

        await().until(() -> calls.payloads().contains("kept"));
        assertThat(calls.payloads()).containsExactly("kept");
        await().until(() -> work.size(QUEUE) == 0);
    }

    @Test
    void enqueue_toAnIdleStartedQueue_wakesItsWorkerWithoutTheClockMoving() {
        WorkQueue work = queue("a");
        Calls calls = new Calls(item -> Outcome.done());
        work.register(QUEUE, options(), calls);
        work.start();

        String id = work.enqueue(QUEUE, bytes("now"), START);

        await().until(() -> calls.count() == 1);
        assertThat(calls.items.get(0).id()).isEqualTo(id);
        assertThat(calls.items.get(0).enqueuedAt()).isEqualTo(START);
        await().until(() -> work.size(QUEUE) == 0);
    }

    @Test
    void enqueue_dueLater_runsOnlyOnceTheClockReachesItsDueTime() {
        WorkQueue work = queue("a");
        Calls calls = new Calls(item -> Outcome.done());
        work.register(QUEUE, options(), calls);
        work.start();

        work.enqueue(QUEUE, bytes("later"), START.plusSeconds(30));

        awaitWorkerWaitingUntil(START.plusSeconds(30));
        assertThat(calls.count()).isZero();
        clock.advance(Duration.ofSeconds(30));
        await().until(() -> calls.count() == 1);
    }

    @Test
    void wake_runsAnItemBeforeItsDueTime_withoutTheClockMoving() {
        WorkQueue work = queue("a");
        Calls calls = new Calls(item -> Outcome.postpone(clock.instant().plus(Duration.ofHours(1))));
        work.register(QUEUE, options(), calls);
        work.start();
        String id = work.enqueue(QUEUE, bytes("waits"), START.plusSeconds(30));
        awaitWorkerWaitingUntil(START.plusSeconds(30));

        work.wake(QUEUE, id);

        await().until(() -> calls.count() == 1);
        awaitWorkerWaitingUntil(START.plus(Duration.ofHours(1))); // its own outcome sets its next due time
        work.wake(QUEUE, id);
        await().until(() -> calls.count() == 2);
        assertThat(clock.instant()).isEqualTo(START);
        work.wake(QUEUE, "no-such-item"); // ignored
        awaitWorkerWaitingUntil(START.plus(Duration.ofHours(1)));
        assertThat(calls.count()).isEqualTo(2);
    }

    @Test
    void wake_whileTheItemRuns_runsItAgainOnceItIsDone() throws Exception {
        WorkQueue work = queue("a");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Calls calls = new Calls(item -> {
            running.countDown();
            release.await();
            return Outcome.postpone(clock.instant().plus(Duration.ofHours(1)));
        });
        work.register(QUEUE, options(), calls);
        work.start();
        String id = work.enqueue(QUEUE, bytes("busy"), START);
        running.await();

        work.wake(QUEUE, id); // the change came while the handler looked: it must look again
        release.countDown();

        await().until(() -> calls.count() == 2);
        assertThat(clock.instant()).isEqualTo(START);
        awaitWorkerWaitingUntil(START.plus(Duration.ofHours(1)));
        assertThat(calls.count()).isEqualTo(2);
    }

    @Test
    void wake_ofMoreItemsThanFreeSlots_runsEachOfThem_withoutTheClockMoving() throws Exception {
        WorkQueue work = queue("a");
        CountDownLatch release = new CountDownLatch(1);
        Calls calls = new Calls(item -> {
            if (new String(item.payload(), StandardCharsets.UTF_8).equals("busy")) {
                release.await();
            }
            return Outcome.postpone(clock.instant().plus(Duration.ofHours(1)));
        });
        work.register(QUEUE, options().withConcurrency(1), calls);
        work.start();
        String first = work.enqueue(QUEUE, bytes("first"), START.plusSeconds(30));
        String second = work.enqueue(QUEUE, bytes("second"), START.plusSeconds(30));
        work.enqueue(QUEUE, bytes("busy"), START);
        await().until(() -> calls.count() == 1); // the only slot is taken

        work.wake(QUEUE, first);
        work.wake(QUEUE, second);
        release.countDown(); // the look after claims one of the two; the other must stay woken

        await().until(() -> calls.count() == 3);
        assertThat(calls.payloads()).containsExactlyInAnyOrder("busy", "first", "second");
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void enqueue_binaryPayload_comesBackByteForByte() {
        WorkQueue work = queue("a");
        Calls calls = new Calls(item -> Outcome.done());
        work.register(QUEUE, options(), calls);
        work.start();
        byte[] binary = {0, 1, (byte) 0xff, '\n', 0};

        work.enqueue(QUEUE, bytes("42"), START);
        work.enqueue(QUEUE, binary, START);

        await().until(() -> calls.count() == 2);
        assertThat(calls.items).extracting(WorkItem::payload).containsExactlyInAnyOrder(bytes("42"), binary);
    }

    @Test
    void retry_countsTheAttemptDurably_andPostponeDoesNot() {
        WorkQueue work = queue("a");
        Calls calls = new Calls(item -> switch (item.attempts() + ":" + item.dueAt().getEpochSecond() % 100) {
            case "0:0" -> Outcome.postpone(clock.instant().plusSeconds(10));
            case "0:10" -> Outcome.retry(clock.instant().plusSeconds(60));
            default -> Outcome.done();
        });
        work.register(QUEUE, options(), calls);
        work.start();
        work.enqueue(QUEUE, bytes("x"), START);

        await().until(() -> calls.count() == 1);
        awaitWorkerWaitingUntil(START.plusSeconds(10));
        clock.advanceTo(START.plusSeconds(10));
        await().until(() -> calls.count() == 2);
        awaitWorkerWaitingUntil(START.plusSeconds(70));
        clock.advanceTo(START.plusSeconds(70));
        await().until(() -> calls.count() == 3);

        assertThat(calls.items).extracting(WorkItem::attempts).containsExactly(0, 0, 1);
        assertThat(calls.items).extracting(WorkItem::dueAt)
                .containsExactly(START, START.plusSeconds(10), START.plusSeconds(70));
    }

    @Test
    void handlerThatThrows_isRetriedWithExponentialBackoff_thenSucceeds() {
        WorkQueue work = queue("a");
        Calls calls = new Calls(item -> {
            if (item.failures() < 3) {
                throw new IllegalStateException("platform fault " + item.failures());
            }
            return Outcome.done();
        });
        work.register(QUEUE, options().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(3)), calls);
        work.start();
        work.enqueue(QUEUE, bytes("x"), START);

        await().until(() -> calls.count() == 1);
        for (long delay : new long[] {1, 2, 3}) { // doubling, capped at the maximum backoff
            Instant due = clock.instant().plusSeconds(delay);
            awaitWorkerWaitingUntil(due);
            clock.advanceTo(due);
            int expected = calls.count() + 1;
            await().until(() -> calls.count() == expected);
        }

        assertThat(calls.items).extracting(WorkItem::failures).containsExactly(0, 1, 2, 3);
        assertThat(calls.items).extracting(WorkItem::dueAt).containsExactly(START, START.plusSeconds(1),
                START.plusSeconds(3), START.plusSeconds(6));
        await().until(() -> work.size(QUEUE) == 0);
        assertThat(work.deadLetters(QUEUE)).isEmpty();
    }

    @Test
    void deadLetter_outcome_keepsTheItemAsideWithItsReason() {
        WorkQueue work = queue("a");
        work.register(QUEUE, options(), new Calls(item -> Outcome.deadLetter("cannot ever run")));
        work.start();
        String id = work.enqueue(QUEUE, bytes("poison"), START);

        await().until(() -> !work.deadLetters(QUEUE).isEmpty());

        DeadLetter dead = work.deadLetters(QUEUE).get(0);
        assertThat(dead.id()).isEqualTo(id);
        assertThat(dead.reason()).isEqualTo("cannot ever run");
        assertThat(dead.payload()).isEqualTo(bytes("poison"));
        assertThat(dead.deadAt()).isEqualTo(START);
        assertThat(work.size(QUEUE)).isZero();
        assertThat(work.deleteDeadLetter(id)).isTrue();
        assertThat(work.deadLetters(QUEUE)).isEmpty();
    }

    @Test
    void handlerThatKeepsThrowing_isDeadLetteredAfterMaxFailures() {
        WorkQueue work = queue("a");
        Calls calls = new Calls(item -> {
            throw new IllegalStateException("always broken");
        });
        work.register(QUEUE, options().withMaxFailures(2), calls);
        work.start();
        work.enqueue(QUEUE, bytes("x"), START);

        await().until(() -> calls.count() == 1);
        awaitWorkerWaitingUntil(START.plusSeconds(1));
        clock.advance(Duration.ofSeconds(1));

        await().until(() -> !work.deadLetters(QUEUE).isEmpty());
        DeadLetter dead = work.deadLetters(QUEUE).get(0);
        assertThat(dead.failures()).isEqualTo(2);
        assertThat(dead.reason()).contains("2 times", "always broken");
        assertThat(calls.count()).isEqualTo(2);
        assertThat(work.size(QUEUE)).isZero();
    }

    @Test
    void concurrency_boundsHowManyItemsRunAtOnce() throws Exception {
        WorkQueue work = queue("a");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runningNow = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Calls calls = new Calls(item -> {
            mostAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
            try {
                release.await();
            } finally {
                runningNow.decrementAndGet();
            }
            return Outcome.done();
        });
        work.register(QUEUE, options().withConcurrency(2), calls);
        for (int i = 0; i < 5; i++) {
            work.enqueue(QUEUE, bytes("item " + i), START);
        }
        work.start();

        await().until(() -> runningNow.get() == 2);
        assertThat(calls.count()).isEqualTo(2);
        release.countDown();

        await().until(() -> work.size(QUEUE) == 0);
        assertThat(calls.count()).isEqualTo(5);
        assertThat(mostAtOnce).hasValue(2);
    }

    @Test
    void claimOfADeadNode_isTakenOnlyOnceItsLeaseHasExpired() {
        WorkQueue work = queue("live");
        String id = work.enqueue(QUEUE, bytes("orphan"), START);
        Instant leaseEnd = START.plus(LEASE);
        claimAs("dead", leaseEnd); // a node that claimed the item and died: its lease is never renewed
        Calls calls = new Calls(item -> Outcome.done());
        work.register(QUEUE, options(), calls);
        work.start();

        awaitWorkerWaitingUntil(leaseEnd);
        clock.advance(LEASE.minusMillis(1));
        assertThat(calls.count()).isZero();
        assertThat(owner(id)).contains("dead");

        clock.advance(Duration.ofMillis(1));
        await().until(() -> calls.count() == 1);
        await().until(() -> work.size(QUEUE) == 0);
    }

    @Test
    void liveLease_isRenewedWhileTheItemRuns_andNeverTakenByAnotherNode() {
        WorkQueue holder = queue("holder");
        CountDownLatch release = new CountDownLatch(1);
        Calls held = new Calls(item -> {
            release.await();
            return Outcome.done();
        });
        holder.register(QUEUE, options(), held);
        holder.start();
        String id = holder.enqueue(QUEUE, bytes("long job"), START);
        await().until(() -> held.count() == 1);
        WorkQueue other = queue("other");
        Calls taken = new Calls(item -> Outcome.done());
        other.register(QUEUE, options(), taken);
        other.start();

        for (int step = 1; step <= 9; step++) { // three leases' worth, a third of a lease at a time
            Instant renewalDue = clock.instant().plus(LEASE.dividedBy(3));
            clock.advanceTo(renewalDue);
            await().until(() -> leaseUntil(id).filter(until -> until.equals(renewalDue.plus(LEASE))).isPresent());
        }
        assertThat(taken.count()).isZero();
        assertThat(owner(id)).contains("holder");

        release.countDown();
        await().until(() -> holder.size(QUEUE) == 0);
        assertThat(taken.count()).isZero();
    }

    @Test
    void start_freesThisNodesOwnClaims_butLeavesOtherNodesClaimsToTheirLease() {
        WorkQueue work = queue("me");
        String mine = work.enqueue(QUEUE, bytes("mine"), START);
        claimAs("me", START.plus(LEASE));
        String theirs = work.enqueue(QUEUE, bytes("theirs"), START);
        claimAs("them", START.plus(LEASE));
        Calls calls = new Calls(item -> Outcome.done());
        work.register(QUEUE, options(), calls);

        work.start();

        await().until(() -> calls.count() == 1);
        assertThat(calls.items.get(0).id()).isEqualTo(mine);
        awaitWorkerWaitingUntil(START.plus(LEASE));
        assertThat(owner(theirs)).contains("them");
    }

    @Test
    void close_interruptsARunningItem_andReleasesItToRunAgainAfterARestart() {
        WorkQueue first = queue("node");
        Calls blocked = new Calls(item -> {
            new CountDownLatch(1).await(); // until interrupted
            return Outcome.done();
        });
        first.register(QUEUE, options(), blocked);
        first.start();
        String id = first.enqueue(QUEUE, bytes("interrupted"), START);
        await().until(() -> blocked.count() == 1);

        first.close();

        assertThat(owner(id)).isEmpty();
        assertThat(first.size(QUEUE)).isEqualTo(1);
        WorkQueue second = queue("node");
        Calls calls = new Calls(item -> Outcome.done());
        second.register(QUEUE, options(), calls);
        second.start();
        await().until(() -> calls.count() == 1);
        assertThat(calls.items.get(0).failures()).isZero(); // a shutdown is not the item's failure
    }

    @Test
    void register_twiceForOneQueue_isRefused() {
        WorkQueue work = queue("a");
        work.register(QUEUE, options(), item -> Outcome.done());
        assertThatThrownBy(() -> work.register(QUEUE, options(), item -> Outcome.done()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void register_afterStart_startsTheQueueAtOnce() {
        WorkQueue work = queue("a");
        work.start();
        work.enqueue(QUEUE, bytes("waiting"), START);
        Calls calls = new Calls(item -> Outcome.done());

        work.register(QUEUE, options(), calls);

        await().until(() -> calls.count() == 1);
    }

    // ---- helpers

    private WorkQueue queue(String node) {
        WorkQueue work = WorkQueue.create(store, timers, NodeId.of(node));
        queues.add(work);
        return work;
    }

    private static QueueOptions options() {
        return QueueOptions.defaults().withLease(LEASE);
    }

    /** Waits until some worker waits on the timers for {@code due} (and nothing earlier). */
    private void awaitWorkerWaitingUntil(Instant due) {
        await().until(() -> timers.nextDue().filter(due::equals).isPresent());
    }

    private void claimAs(String node, Instant leaseUntil) {
        List<WorkItem> claimed = store.write(tx -> WorkItems.claim(tx, QUEUE, NodeId.of(node), clock.instant(),
                leaseUntil, 1, Set.of(), List.of()));
        assertThat(claimed).hasSize(1);
    }

    private Optional<String> owner(String id) {
        return store.read(tx -> tx.queryOne("SELECT owner FROM work_items WHERE id = ?", row -> Optional.ofNullable(
                row.string("owner")), id)).flatMap(owner -> owner);
    }

    private Optional<Instant> leaseUntil(String id) {
        return store.read(tx -> tx.queryOne("SELECT lease_until_ms FROM work_items WHERE id = ?",
                row -> Optional.ofNullable(row.nullableLong("lease_until_ms")), id)).flatMap(until -> until)
                .map(Instant::ofEpochMilli);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What a handler does with each item, given as a function; records every item it was called with. */
    private interface Body {
        Outcome run(WorkItem item) throws InterruptedException;
    }

    private static final class Calls implements WorkHandler {
        final List<WorkItem> items = new CopyOnWriteArrayList<>();
        private final Body body;

        Calls(Body body) {
            this.body = body;
        }

        @Override
        public Outcome handle(WorkItem item) throws InterruptedException {
            items.add(item);
            return body.run(item);
        }

        int count() {
            return items.size();
        }

        List<String> payloads() {
            return items.stream().map(item -> new String(item.payload(), StandardCharsets.UTF_8)).toList();
        }
    }
}
