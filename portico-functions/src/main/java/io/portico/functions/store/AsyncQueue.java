package io.portico.functions.store;

import io.portico.core.store.Row;
import io.portico.core.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Lambda's internal queue of asynchronous (Event) invocations, in the store so that an accepted
 * invocation (202) survives a crash. Entries are claimed by pushing their due time past a lease; one
 * whose worker died becomes due again when the lease ends (at-least-once, as Lambda). Thread safe.
 */
public final class AsyncQueue {
    private final Store store;

    public AsyncQueue(Store store) {
        this.store = store;
    }

    /** One queued invocation; {@code attempts} counts the invocations already made. */
    public record Entry(String id, String functionArn, Optional<String> qualifier, byte[] payload, int attempts,
            Instant due, Instant enqueued) {
    }

    public void add(Entry e) {
        store.write(tx -> tx.update("INSERT INTO lambda_async_queue (id, function_arn, qualifier, payload, attempts, "
                        + "due_ms, enqueued_ms) VALUES (?,?,?,?,?,?,?)", e.id(), e.functionArn(),
                e.qualifier().orElse(null), e.payload(), e.attempts(), e.due().toEpochMilli(), e.enqueued().toEpochMilli()));
    }

    /** Claims up to {@code limit} entries due at {@code now}, leasing each until {@code leaseUntil}. */
    public List<Entry> claim(Instant now, Instant leaseUntil, int limit) {
        return store.write(tx -> {
            List<Entry> due = tx.query("SELECT id, function_arn, qualifier, payload, attempts, due_ms, enqueued_ms FROM "
                    + "lambda_async_queue WHERE due_ms <= ? ORDER BY due_ms LIMIT ?", AsyncQueue::entry,
                    now.toEpochMilli(), limit);
            for (Entry e : due) {
                tx.update("UPDATE lambda_async_queue SET due_ms=?, claimed=1 WHERE id=?", leaseUntil.toEpochMilli(), e.id());
            }
            return due;
        });
    }

    /** Schedules another attempt; {@code countAttempt} is false for throttles, which Lambda does not count. */
    public void retry(Entry e, Instant due, boolean countAttempt) {
        store.write(tx -> tx.update("UPDATE lambda_async_queue SET due_ms=?, attempts=?, claimed=0 WHERE id=?",
                due.toEpochMilli(), countAttempt ? e.attempts() + 1 : e.attempts(), e.id()));
    }

    /**
     * Makes every claimed entry due now: called at start, when no worker of this process is running,
     * so each claim belongs to a process that died mid-invocation. (One process per store; several
     * nodes sharing a store would need per-node lease owners.)
     */
    public int releaseClaims(Instant now) {
        return store.write(tx -> tx.update("UPDATE lambda_async_queue SET due_ms=?, claimed=0 WHERE claimed=1",
                now.toEpochMilli()));
    }

    public void remove(String id) {
        store.write(tx -> tx.update("DELETE FROM lambda_async_queue WHERE id=?", id));
    }

    /** When the next entry is due, if any: the worker sleeps until then. */
    public Optional<Instant> nextDue() {
        return store.read(tx -> tx.queryOne("SELECT MIN(due_ms) AS due FROM lambda_async_queue",
                r -> Optional.ofNullable(r.nullableLong("due")))).flatMap(due -> due).map(Instant::ofEpochMilli);
    }

    private static Entry entry(Row r) {
        return new Entry(r.string("id"), r.string("function_arn"), Optional.ofNullable(r.string("qualifier")),
                r.bytes("payload"), (int) r.longValue("attempts"), Instant.ofEpochMilli(r.longValue("due_ms")),
                Instant.ofEpochMilli(r.longValue("enqueued_ms")));
    }
}
