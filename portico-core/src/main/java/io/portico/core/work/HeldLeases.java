package io.portico.core.work;

import io.portico.core.store.Store;
import io.portico.core.time.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The items of one queue this node is running, and the renewal of their leases: while any runs, one
 * timer renews all their leases every third of the lease (one store write for all of them), fenced by
 * this node's id; with none running, no timer is pending.
 *
 * <p>The renewal timer is replaced, never shared: each renewal learns its own handle under the lock,
 * so a renewal that was cancelled while it wrote (the last item finished, and a new one started a new
 * timer) does not schedule a second chain. Thread safe.
 */
final class HeldLeases {
    private static final Logger LOG = LoggerFactory.getLogger(HeldLeases.class);

    private final String queue;
    private final Duration lease;
    private final Store store;
    private final Timers timers;
    private final NodeId owner;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private Timers.Scheduled renewal; // guarded by lock
    private boolean stopped; // guarded by lock

    HeldLeases(String queue, Duration lease, Store store, Timers timers, NodeId owner) {
        this.queue = queue;
        this.lease = lease;
        this.store = store;
        this.timers = timers;
        this.owner = owner;
    }

    /** How many items are running. */
    int size() {
        return running.size();
    }

    /** The ids of the running items, a snapshot. */
    Set<String> ids() {
        return Set.copyOf(running);
    }

    /** An item started running: its lease is renewed from now on. */
    void add(String id) {
        running.add(id); // before locking: a concurrent remove() then sees it and keeps the timer
        lock.lock();
        try {
            if (renewal == null && !stopped) {
                scheduleLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** An item ended (its outcome recorded or not): its lease is no longer renewed. */
    void remove(String id) {
        running.remove(id);
        lock.lock();
        try {
            if (running.isEmpty() && renewal != null) {
                renewal.cancel();
                renewal = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more renewals. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            if (renewal != null) {
                renewal.cancel();
                renewal = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void scheduleLocked() {
        AtomicReference<Timers.Scheduled> handle = new AtomicReference<>();
        handle.set(timers.schedule(lease.dividedBy(3), () -> renew(handle)));
        renewal = handle.get();
    }

    private void renew(AtomicReference<Timers.Scheduled> self) {
        List<String> ids = List.copyOf(running);
        if (!ids.isEmpty()) {
            try {
                Instant until = timers.clock().instant().plus(lease);
                List<String> lost = store.write(tx -> WorkItems.renew(tx, owner, ids, until));
                lost.stream().filter(running::contains).forEach(id -> LOG.warn(
                        "Work item {} of {} is running here but its lease was taken over; it may run twice", id, queue));
            } catch (RuntimeException e) {
                LOG.warn("Renewing the leases of {} running items of {} failed", ids.size(), queue, e);
            }
        }
        lock.lock();
        try {
            if (renewal != self.get()) {
                return; // cancelled while renewing, and perhaps replaced: the current renewal carries on
            }
            renewal = null;
            if (!running.isEmpty() && !stopped) {
                scheduleLocked();
            }
        } finally {
            lock.unlock();
        }
    }
}
