package io.portico.core.work;

import io.portico.core.store.Row;
import io.portico.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of the work queue, each statement inside the caller's transaction. Every change to a claimed
 * item is fenced by its owner ({@code AND owner = ?}): a node whose lease expired and was taken over
 * changes nothing, and learns so from the count. Claims are conditional updates rather than
 * {@code SELECT ... FOR UPDATE}, so the same SQL is safe on SQLite's single writer and on PostgreSQL's
 * concurrent transactions. Stateless; thread safe.
 */
final class WorkItems {
    private static final String COLUMNS = "id, queue, payload, attempts, failures, enqueued_ms, due_ms";
    private static final String CLAIMABLE = "(owner IS NULL OR lease_until_ms <= ?)";

    private WorkItems() {
    }

    static void insert(StoreTransaction tx, WorkItem item) {
        tx.update("INSERT INTO work_items (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", item.id(), item.queue(),
                item.payload(), item.attempts(), item.failures(), millis(item.enqueuedAt()), millis(item.dueAt()));
    }

    /**
     * Claims up to {@code limit} items of {@code queue} that are due at {@code now} and unowned or
     * whose lease has expired, oldest due first, skipping {@code skip} (items this node is running); before
     * them the items named in {@code early} (woken), due or not.
     */
    static List<WorkItem> claim(StoreTransaction tx, String queue, NodeId owner, Instant now, Instant leaseUntil,
            int limit, Collection<String> skip, List<String> early) {
        List<WorkItem> candidates = new ArrayList<>();
        for (String id : early) { // woken items first, whatever their due time
            tx.queryOne("SELECT " + COLUMNS + " FROM work_items WHERE id = ? AND queue = ? AND " + CLAIMABLE,
                    WorkItems::item, id, queue, millis(now)).ifPresent(candidates::add);
        }
        candidates.addAll(tx.query("SELECT " + COLUMNS + " FROM work_items WHERE queue = ? AND due_ms <= ? AND "
                + CLAIMABLE + " ORDER BY due_ms, enqueued_ms, id LIMIT ?", WorkItems::item, queue, millis(now),
                millis(now), limit + skip.size()));
        List<WorkItem> claimed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (WorkItem item : candidates) {
            if (claimed.size() == limit) {
                break;
            }
            if (!skip.contains(item.id()) && seen.add(item.id()) && tx.update("UPDATE work_items SET owner = ?, lease_until_ms = ? WHERE id = ? AND "
                    + CLAIMABLE, owner.value(), millis(leaseUntil), item.id(), millis(now)) == 1) {
                claimed.add(item);
            }
        }
        return claimed;
    }

    /**
     * When this node should next look at {@code queue}: the earliest due time of an unowned item, or
     * lease end of an item another node holds. Items this node holds are its own business.
     */
    static Optional<Instant> nextDue(StoreTransaction tx, String queue, NodeId owner) {
        return tx.queryOne("SELECT MIN(CASE WHEN owner IS NULL THEN due_ms ELSE lease_until_ms END) AS next "
                + "FROM work_items WHERE queue = ? AND (owner IS NULL OR owner <> ?)",
                row -> Optional.ofNullable(row.nullableLong("next")), queue, owner.value())
                .flatMap(next -> next).map(Instant::ofEpochMilli);
    }

    /** Extends the leases of {@code ids} that {@code owner} still holds; returns the ids it no longer holds. */
    static List<String> renew(StoreTransaction tx, NodeId owner, Collection<String> ids, Instant leaseUntil) {
        List<String> lost = new ArrayList<>();
        for (String id : ids) {
            if (tx.update("UPDATE work_items SET lease_until_ms = ? WHERE id = ? AND owner = ?", millis(leaseUntil), id,
                    owner.value()) == 0) {
                lost.add(id);
            }
        }
        return lost;
    }

    static boolean delete(StoreTransaction tx, String id, NodeId owner) {
        return tx.update("DELETE FROM work_items WHERE id = ? AND owner = ?", id, owner.value()) == 1;
    }

    /** Unclaims the item, due at {@code due}, with {@code attempts} more attempts and its failures reset. */
    static boolean retry(StoreTransaction tx, String id, NodeId owner, Instant due, int attempts) {
        return tx.update("UPDATE work_items SET owner = NULL, lease_until_ms = NULL, due_ms = ?, "
                + "attempts = attempts + ?, failures = 0 WHERE id = ? AND owner = ?", millis(due), attempts, id,
                owner.value()) == 1;
    }

    /** Unclaims the item after its handler threw, due at {@code due}, one more failure in a row. */
    static boolean fail(StoreTransaction tx, String id, NodeId owner, Instant due) {
        return tx.update("UPDATE work_items SET owner = NULL, lease_until_ms = NULL, due_ms = ?, failures = failures + 1 "
                + "WHERE id = ? AND owner = ?", millis(due), id, owner.value()) == 1;
    }

    /** Unclaims the item as it was, due at once (its node is closing). */
    static boolean release(StoreTransaction tx, String id, NodeId owner) {
        return tx.update("UPDATE work_items SET owner = NULL, lease_until_ms = NULL WHERE id = ? AND owner = ?", id,
                owner.value()) == 1;
    }

    /** Unclaims every item {@code owner} holds: that node is starting, so none of them is running. */
    static int releaseAll(StoreTransaction tx, NodeId owner) {
        return tx.update("UPDATE work_items SET owner = NULL, lease_until_ms = NULL WHERE owner = ?", owner.value());
    }

    /** Moves the item to the dead letters with {@code reason}, counting {@code failures} more failures. */
    static boolean deadLetter(StoreTransaction tx, String id, NodeId owner, Instant now, String reason, int failures) {
        int moved = tx.update("INSERT INTO work_dead_letters (id, queue, payload, attempts, failures, enqueued_ms, "
                + "dead_ms, reason) SELECT id, queue, payload, attempts, failures + ?, enqueued_ms, ?, ? FROM work_items "
                + "WHERE id = ? AND owner = ?", failures, millis(now), reason, id, owner.value());
        return moved == 1 && delete(tx, id, owner);
    }

    static List<DeadLetter> deadLetters(StoreTransaction tx, String queue) {
        return tx.query("SELECT id, queue, payload, attempts, failures, enqueued_ms, dead_ms, reason "
                + "FROM work_dead_letters WHERE queue = ? ORDER BY dead_ms, id", row -> new DeadLetter(row.string("id"),
                row.string("queue"), row.bytes("payload"), (int) row.longValue("attempts"),
                (int) row.longValue("failures"), Instant.ofEpochMilli(row.longValue("enqueued_ms")),
                Instant.ofEpochMilli(row.longValue("dead_ms")), row.string("reason")), queue);
    }

    static boolean deleteDeadLetter(StoreTransaction tx, String id) {
        return tx.update("DELETE FROM work_dead_letters WHERE id = ?", id) == 1;
    }

    static int count(StoreTransaction tx, String queue) {
        return tx.queryOne("SELECT COUNT(*) AS n FROM work_items WHERE queue = ?", row -> (int) row.longValue("n"), queue)
                .orElse(0);
    }

    private static WorkItem item(Row row) {
        return new WorkItem(row.string("id"), row.string("queue"), row.bytes("payload"), (int) row.longValue("attempts"),
                (int) row.longValue("failures"), Instant.ofEpochMilli(row.longValue("enqueued_ms")),
                Instant.ofEpochMilli(row.longValue("due_ms")));
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }
}
