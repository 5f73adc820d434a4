package io.portico.tables.engine.stream;

import io.portico.core.Component;
import io.portico.core.time.Timers;
import io.portico.tables.engine.item.ExpiringItems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB's background work on streams and items, on the injected clock: shards open for
 * {@link Streams#SHARD_LIFETIME} roll over (closed, a child opened after them), stream records older than 24
 * hours are trimmed (with the shards closed that long, and streams disabled that long), and items whose TTL has passed are deleted, each in its own
 * transaction with its stream record.
 *
 * <p>How it works. One timer fires every {@link #INTERVAL} of the clock the {@link Timers} read and runs
 * {@link #runOnce}, then schedules the next; nothing is kept in memory between runs, so a crash loses
 * nothing: what was due is still due at the next run after a restart. Both jobs work in batches, so no
 * transaction holds the store's writer for long. AWS deletes expired items "within a few days"; Portico
 * within a minute, which a test on a manual clock can see. Only one process should sweep a shared store:
 * a second would find the same items, and each deletion re-checks the item, so it costs work, not
 * correctness.
 *
 * <p>Thread safe: runs are serialised by the timer (the next is scheduled when one ends).
 */
public final class Sweeps implements Component {
    /** How often the sweeps run. */
    public static final Duration INTERVAL = Duration.ofMinutes(1);
    /** DynamoDB Streams keeps records for 24 hours. */
    public static final Duration RETENTION = Duration.ofHours(24);
    static final int TRIM_BATCH = 1000;
    static final int TTL_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Sweeps.class);

    private final StreamRepository streams;
    private final ExpiringItems items;
    private final Timers timers;
    private volatile boolean closed;

    private Sweeps(StreamRepository streams, ExpiringItems items, Timers timers) {
        this.streams = streams;
        this.items = items;
        this.timers = timers;
    }

    /** Sweeps on {@code timers}, a scope of the server's that this component closes. */
    public static Sweeps create(StreamRepository streams, ExpiringItems items, Timers timers) {
        return new Sweeps(streams, items, timers);
    }

    @Override
    public void start() {
        schedule();
    }

    @Override
    public void close() {
        closed = true;
        timers.close();
    }

    /**
     * One run of the sweeps (rollover, trim, TTL) at the clock's present time. Each sweep runs whether the
     * one before it failed or not, so a stream whose rollover fails does not hold back retention or TTL;
     * what failed is logged and tried again by the next run.
     */
    public void runOnce() {
        Instant now = timers.clock().instant();
        guarded("roll shards over", () -> streams.rollOver(now.minus(Streams.SHARD_LIFETIME), now));
        guarded("trim stream records", () -> {
            int trimmed;
            do {
                trimmed = streams.trim(now.minus(RETENTION), TRIM_BATCH);
            } while (trimmed == TRIM_BATCH);
        });
        guarded("expire items", () -> {
            List<ExpiringItems.Expiring> due;
            do {
                due = items.due(now, TTL_BATCH);
                due.forEach(item -> items.expire(item, now));
            } while (due.size() == TTL_BATCH && !closed);
        });
    }

    private static void guarded(String sweep, Runnable run) {
        try {
            run.run();
        } catch (RuntimeException e) {
            LOG.warn("DynamoDB sweep could not {}; the next run retries", sweep, e);
        }
    }

    private void schedule() {
        if (closed) {
            return;
        }
        try {
            timers.schedule(INTERVAL, () -> {
                try {
                    runOnce();
                } catch (RuntimeException e) {
                    LOG.warn("DynamoDB sweep failed; the next run retries", e);
                } finally {
                    schedule();
                }
            });
        } catch (IllegalStateException e) {
            // The timers closed while a run was ending: the service is stopping.
        }
    }
}
