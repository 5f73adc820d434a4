package io.portico.core.work;

import io.portico.core.Shutdown;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.core.time.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one queue's items on this node: a loop that claims due items while it has free slots and
 * otherwise sleeps, and one virtual thread per running item.
 *
 * <p>How it works. The loop takes the current wake-up future before it looks at the store; an enqueue
 * (after its commit), a finished item or {@link #stop} completes that future and installs a new one,
 * so a signal that comes while the loop is looking is never lost. With free slots it claims due items
 * (in batches) and starts them; when it found fewer than it could run, it waits on the
 * {@link Timers} for the signal or the queue's next due time (which includes other nodes' lease ends),
 * whichever comes first; with every slot busy it waits for the signal alone. Nothing polls. A woken item
 * ({@link #wake}) is claimed at the next look that has a slot for it, whatever its due time. While
 * items run, one timer renews all their leases every third of the lease, fenced by this node's id.
 *
 * <p>Outcomes are recorded fenced by owner too: should this node have lost an item's lease (a long
 * pause), the outcome changes nothing and the node that took the item over runs it again. If the store
 * fails to record an outcome, the item stays claimed until its lease ends and is then claimed again.
 *
 * <p>Thread safe.
 */
final class QueueWorker {
    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);
    private static final int MAX_BATCH = 32;

    private final String queue;
    private final QueueOptions options;
    private final WorkHandler handler;
    private final Store store;
    private final Timers timers;
    private final NodeId owner;
    private final HeldLeases held;
    private final Map<Thread, WorkItem> handlerThreads = new ConcurrentHashMap<>();
    private final AtomicReference<CompletableFuture<Void>> wake = new AtomicReference<>(new CompletableFuture<>());
    /** Items {@link #wake(String) woken}: claimed at the next look whatever their due time, once not running. */
    private final Set<String> woken = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean stopping;
    private Thread loop;

    QueueWorker(String queue, QueueOptions options, WorkHandler handler, Store store, Timers timers, NodeId owner) {
        this.queue = queue;
        this.options = options;
        this.handler = handler;
        this.store = store;
        this.timers = timers;
        this.owner = owner;
        this.held = new HeldLeases(queue, options.lease(), store, timers, owner);
    }

    void start() {
        loop = Thread.ofVirtual().name("work-" + queue).start(this::run);
    }

    /** Something changed (an enqueue committed, an item finished): the loop looks again. */
    void signal() {
        wake.getAndSet(new CompletableFuture<>()).complete(null);
    }

    /**
     * Item {@code id} is to run at the next look, or, if it runs now, once it is done (its id stays in
     * {@link #woken} until a look finds it not running). A second wake before that look changes nothing.
     */
    void wake(String id) {
        if (woken.add(id)) {
            signal();
        }
    }

    /**
     * Stops claiming, interrupts the running items (their handlers release them, each named in the log)
     * and waits {@link Shutdown#JOIN_BUDGET} for the loop and as long for the items to end; an item
     * whose handler ignores the interrupt keeps its claim until its lease ends or this node starts
     * again, and is named too.
     */
    void stop() {
        stopping = true;
        stopped.complete(null);
        signal(); // not an interrupt: a claim under way completes, and what it claimed is released
        if (loop != null) {
            Shutdown.join(List.of(loop), Shutdown.JOIN_BUDGET);
        }
        Map<Thread, WorkItem> items = Map.copyOf(handlerThreads);
        items.keySet().forEach(Thread::interrupt);
        for (Thread stuck : Shutdown.join(items.keySet(), Shutdown.JOIN_BUDGET)) {
            Shutdown.abandoned(LOG, "work item " + items.get(stuck).id() + " of queue " + queue
                    + ": its handler did not stop; the item stays claimed until its lease ends or this node starts again");
        }
        held.stop();
    }

    private void run() {
        try {
            loop();
        } catch (Error e) {
            LOG.error("Work queue {} stopped claiming work", queue, e);
            throw e;
        }
    }

    private void loop() {
        int storeFailures = 0;
        while (!stopping) {
            CompletableFuture<Void> woken = wake.get();
            try {
                int free = options.concurrency() - held.size();
                if (free <= 0) {
                    woken.get();
                    continue;
                }
                int batch = Math.min(free, MAX_BATCH);
                List<WorkItem> claimed = claim(batch);
                claimed.forEach(this::startItem);
                if (claimed.size() < batch) {
                    Optional<Instant> next = store.read(tx -> WorkItems.nextDue(tx, queue, owner));
                    await(woken, next);
                }
                storeFailures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e); // the wake-up future is only ever completed normally
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                storeFailures++;
                Duration pause = options.backoffAfter(storeFailures);
                LOG.warn("Work queue {} could not claim work; looking again in {}", queue, pause, e);
                if (!pause(pause)) {
                    return;
                }
            }
        }
    }

    private List<WorkItem> claim(int batch) {
        Instant now = timers.clock().instant();
        Set<String> skip = held.ids();
        // A woken item that runs now stays woken: its finish signals, and the look after claims it again.
        List<String> early = woken.stream().filter(id -> !skip.contains(id)).toList();
        List<WorkItem> claimed = store.write(tx -> WorkItems.claim(tx, queue, owner, now, now.plus(options.lease()),
                batch, skip, early));
        forgetWoken(early, claimed, batch);
        return claimed;
    }

    /**
     * Forgets the woken ids this look has dealt with: those it claimed and, when the batch had room to spare,
     * all the others too (gone, or another node's: nothing more to do for them). A woken item left out of a
     * full batch stays woken, for the look after, which comes once a slot is free.
     */
    private void forgetWoken(List<String> early, List<WorkItem> claimed, int batch) {
        if (claimed.size() < batch) {
            early.forEach(woken::remove);
            return;
        }
        claimed.forEach(item -> woken.remove(item.id()));
    }

    private void await(CompletableFuture<Void> woken, Optional<Instant> next) throws InterruptedException,
            ExecutionException {
        if (next.isPresent()) {
            timers.awaitUntil(woken, next.get());
        } else {
            woken.get();
        }
    }

    /** Waits {@code pause} on the clock (signals do not cut it short, a stop does); false if stopping. */
    private boolean pause(Duration pause) {
        try {
            timers.awaitUntil(stopped, timers.clock().instant().plus(pause));
            return !stopping;
        } catch (InterruptedException | IllegalStateException e) {
            return false;
        }
    }

    private void startItem(WorkItem item) {
        if (stopping) {
            record(item, "release", tx -> WorkItems.release(tx, item.id(), owner));
            return;
        }
        held.add(item.id());
        Thread thread = Thread.ofVirtual().name("work-" + queue + "-item").unstarted(() -> runItem(item));
        handlerThreads.put(thread, item);
        thread.start();
    }

    private void runItem(WorkItem item) {
        try {
            Outcome outcome;
            try {
                outcome = handler.handle(item);
            } catch (InterruptedException e) {
                releaseOnStop(item);
                return;
            } catch (RuntimeException | Error e) {
                if (stopping) {
                    releaseOnStop(item);
                    return;
                }
                failed(item, e);
                return;
            }
            apply(item, outcome);
        } finally {
            held.remove(item.id());
            handlerThreads.remove(Thread.currentThread());
            signal();
        }
    }

    /** The item's handler gave up because the queue stops: the item goes back, to run at the next start. */
    private void releaseOnStop(WorkItem item) {
        Shutdown.abandoned(LOG, "work item " + item.id() + " of queue " + queue + ": released, it runs again at the next start");
        record(item, "release", tx -> WorkItems.release(tx, item.id(), owner));
    }

    private void apply(WorkItem item, Outcome outcome) {
        Instant now = timers.clock().instant();
        switch (outcome) {
            case Outcome.Done done -> record(item, "done", tx -> WorkItems.delete(tx, item.id(), owner));
            case Outcome.Retry retry -> record(item, "retry", tx -> WorkItems.retry(tx, item.id(), owner, retry.at(),
                    retry.countsAttempt() ? 1 : 0));
            case Outcome.DeadLetter dead -> {
                LOG.info("Work item {} of {} dead-lettered: {}", item.id(), queue, dead.reason());
                record(item, "dead letter", tx -> WorkItems.deadLetter(tx, item.id(), owner, now, dead.reason(), 0));
            }
        }
    }

    /**
     * The handler threw. A fault that persists (a full disk, a runtime that cannot start) must neither
     * spin nor flood the log: back off, with the stack trace logged once, then one line per failure,
     * and dead-letter once failures in a row reach the maximum.
     */
    private void failed(WorkItem item, Throwable e) {
        int failures = item.failures() + 1;
        Instant now = timers.clock().instant();
        if (failures >= options.maxFailures()) {
            String reason = "failed " + failures + " times in a row, last: " + e;
            LOG.warn("Work item {} of {} dead-lettered: {}", item.id(), queue, reason, e);
            record(item, "dead letter", tx -> WorkItems.deadLetter(tx, item.id(), owner, now, reason, 1));
            return;
        }
        Duration delay = options.backoffAfter(failures);
        if (failures == 1) {
            LOG.warn("Work item {} of {} failed; trying again in {}", item.id(), queue, delay, e);
        } else {
            LOG.warn("Work item {} of {} failed ({} times in a row, last: {}); trying again in {}", item.id(), queue,
                    failures, e.toString(), delay);
        }
        record(item, "failure", tx -> WorkItems.fail(tx, item.id(), owner, now.plus(delay)));
    }

    private void record(WorkItem item, String what, Function<StoreTransaction, Boolean> change) {
        Thread.interrupted(); // a stop's interrupt has done its job; the outcome must still be written
        try {
            if (!store.write(change)) {
                LOG.warn("Work item {} of {} was taken over by another node before its {} was recorded; it runs again",
                        item.id(), queue, what);
            }
        } catch (RuntimeException e) {
            LOG.warn("Recording the {} of work item {} of {} failed; it runs again once its lease ends", what,
                    item.id(), queue, e);
            if (!stopping) {
                timers.schedule(options.lease(), this::signal);
            }
        }
    }
}
