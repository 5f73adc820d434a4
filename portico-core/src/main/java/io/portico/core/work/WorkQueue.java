package io.portico.core.work;

import io.portico.core.Component;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.core.time.Timers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work done once: a durable queue of work items in the store, run by handlers registered
 * per queue name, on the injected clock.
 *
 * <p>How a service uses it. It registers a {@link WorkHandler} for its queue (a name such as
 * {@code lambda.async}) with {@link QueueOptions} when it is wired, and enqueues items inside the
 * transaction that makes them necessary ({@link #enqueue(StoreTransaction, String, byte[], Instant)}),
 * so an item exists exactly when the change that caused it was committed. The handler says what became
 * of each item: done, retry at a time (counting an attempt or not) or dead-letter.
 *
 * <p>How it works. Items are rows ({@code work_items}) with a due time, an attempt count and, while
 * one node runs them, a claim: the owner (this node's {@link NodeId}) and a lease expiry. Each queue
 * has a {@link QueueWorker} that claims due items up to the queue's concurrency, renews their leases
 * while they run, and records their outcome fenced by its owner. A claim is never released for
 * another node: a node that dies leaves its claims to expire, and only then may another node take
 * them, so a live node never loses work it holds. The one exception is the node itself: at
 * {@link #start()} it frees the claims that carry its own id, since none of them can be running.
 * Idle workers do not poll: they wait for an enqueue's after-commit signal or the next due time on
 * {@link Timers}, so a test drives retries and backoff with a manual clock. {@link #wake} runs an item
 * before its due time, for handlers that are told when there is something to do.
 *
 * <p>Lifecycle: create (migrates the schema), register handlers, {@link #start()} once the services
 * the handlers use are started, {@link #close()} before they close. Thread safe.
 */
public final class WorkQueue implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

    private final Store store;
    private final Timers timers;
    private final NodeId node;
    private final Map<String, QueueWorker> workers = new ConcurrentHashMap<>();
    private final ReentrantLock lifecycle = new ReentrantLock();
    private boolean started; // guarded by lifecycle
    private boolean closed; // guarded by lifecycle

    private WorkQueue(Store store, Timers timers, NodeId node) {
        this.store = store;
        this.timers = timers;
        this.node = node;
    }

    /**
     * A work queue over {@code store} whose claims belong to {@code node}, waiting on {@code timers}
     * (which the caller owns and closes after this). Brings the queue's schema up to date.
     */
    public static WorkQueue create(Store store, Timers timers, NodeId node) {
        migrate(store);
        return new WorkQueue(Objects.requireNonNull(store, "store"), Objects.requireNonNull(timers, "timers"),
                Objects.requireNonNull(node, "node"));
    }

    /**
     * Brings the work queue's tables up to date. Idempotent; {@link #create} does it, and a module whose
     * own migration writes work items (see {@link #restore}) calls it first.
     */
    public static void migrate(Store store) {
        WorkSchema.migrate(store);
    }

    /** This node's id, which its claims carry. */
    public NodeId node() {
        return node;
    }

    /** The clock due times and leases are read on. */
    public Clock clock() {
        return timers.clock();
    }

    /**
     * Runs the items of {@code queue} with {@code handler}, at most {@code options.concurrency()} at
     * once. Once per queue name; before or after {@link #start()}.
     *
     * @throws IllegalStateException if the queue already has a handler, or this work queue is closed
     */
    public void register(String queue, QueueOptions options, WorkHandler handler) {
        QueueWorker worker = new QueueWorker(Objects.requireNonNull(queue, "queue"), Objects.requireNonNull(options,
                "options"), Objects.requireNonNull(handler, "handler"), store, timers, node);
        lifecycle.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the work queue is closed");
            }
            if (workers.putIfAbsent(queue, worker) != null) {
                throw new IllegalStateException("queue " + queue + " already has a handler");
            }
            if (started) {
                worker.start();
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Adds an item to {@code queue}, due at {@code dueAt}, inside the caller's transaction: it exists if
     * and only if that transaction commits, and the queue's worker on this node is told once it has.
     * Returns the item's id (a random UUID).
     */
    public String enqueue(StoreTransaction tx, String queue, byte[] payload, Instant dueAt) {
        String id = UUID.randomUUID().toString();
        WorkItems.insert(tx, new WorkItem(id, queue, payload, 0, 0, clock().instant(), dueAt));
        tx.afterCommit(() -> signal(queue));
        return id;
    }

    /** {@link #enqueue(StoreTransaction, String, byte[], Instant)} in a transaction of its own. */
    public String enqueue(String queue, byte[] payload, Instant dueAt) {
        return store.write(tx -> enqueue(tx, queue, payload, dueAt));
    }

    /**
     * Runs item {@code id} of {@code queue} as soon as a slot is free, whatever its due time: for a handler
     * that waits for a change it can be told about (a stream poller told that a record was committed) and
     * would otherwise find it only at its next due time. An item running now runs again once it is done,
     * so a change that came while it looked is not missed; an unknown or finished item is ignored. Nothing
     * is written: the wake-up lives in this node's memory (an item another node holds, or one woken just
     * before this node stops, keeps its due time). Quick and non-blocking, so it may be called from an
     * after-commit action.
     */
    public void wake(String queue, String id) {
        QueueWorker worker = workers.get(queue);
        if (worker != null) {
            worker.wake(Objects.requireNonNull(id, "id"));
        }
    }

    /**
     * Inserts {@code item} as it stands (its id, attempts, failures and times), unclaimed: for a
     * migration carrying work over from an older table. No worker is told; run it before start.
     */
    public static void restore(StoreTransaction tx, WorkItem item) {
        WorkItems.insert(tx, item);
    }

    /** The dead letters of {@code queue}, oldest first. */
    public List<DeadLetter> deadLetters(String queue) {
        return store.read(tx -> WorkItems.deadLetters(tx, queue));
    }

    /** Deletes a dead letter; false if there was none with that id. */
    public boolean deleteDeadLetter(String id) {
        return store.write(tx -> WorkItems.deleteDeadLetter(tx, id));
    }

    /** How many items {@code queue} holds, due, waiting or running (dead letters aside): for tests and metrics. */
    public int size(String queue) {
        return store.read(tx -> WorkItems.count(tx, queue));
    }

    /** Frees the claims this node left when it last stopped, then starts every registered queue. */
    @Override
    public void start() {
        lifecycle.lock();
        try {
            if (started || closed) {
                throw new IllegalStateException(closed ? "the work queue is closed" : "already started");
            }
            int freed = store.write(tx -> WorkItems.releaseAll(tx, node));
            if (freed > 0) {
                LOG.info("Resuming {} work items this node held when it stopped", freed);
            }
            started = true;
            workers.values().forEach(QueueWorker::start);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Stops every queue: no more claims, running items interrupted and released. Idempotent. */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lifecycle.unlock();
        }
        workers.values().forEach(QueueWorker::stop);
    }

    private void signal(String queue) {
        QueueWorker worker = workers.get(queue);
        if (worker != null) {
            worker.signal();
        }
    }
}
