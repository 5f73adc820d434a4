package io.portico.tables.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.core.work.Outcome;
import io.portico.core.work.QueueOptions;
import io.portico.core.work.WorkItem;
import io.portico.core.work.WorkQueue;
import io.portico.tables.engine.IndexStatus;
import io.portico.tables.engine.SecondaryIndex;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.item.IndexEntries;
import io.portico.tables.engine.item.ItemKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Fills a global index created on a table that has items, then makes it ACTIVE. A table of at most
 * {@link #IN_TRANSACTION} items is filled inside the UpdateTable's own transaction (the index is ACTIVE at
 * the next DescribeTable); a larger one through the kit's work queue, {@link #BATCH} items per transaction in
 * key order, each batch enqueueing the next with its cursor, so a crash resumes where the last committed
 * batch ended and no transaction holds the one SQLite writer for long. Writes to the table meanwhile
 * maintain the new index themselves (it is in the definition), and a batch writes an entry only for items
 * it reads in its own transaction, so the two never disagree. Without a work queue every fill is done in
 * the UpdateTable's transaction. Thread safe.
 */
final class IndexBackfill {
    static final long IN_TRANSACTION = 10_000;
    static final int BATCH = 1_000;
    static final String QUEUE = "dynamodb-index-backfill";

    private final Store store;
    private final Optional<WorkQueue> work;
    private final long inTransaction;
    private final int batch;

    /** Fills tables of up to {@code inTransaction} items at once, larger ones {@code batch} items at a time. */
    IndexBackfill(Store store, Optional<WorkQueue> work, long inTransaction, int batch) {
        this.store = store;
        this.work = work;
        this.inTransaction = inTransaction;
        this.batch = batch;
        work.ifPresent(w -> w.register(QUEUE, QueueOptions.defaults(), this::handle));
    }

    /**
     * Starts filling the indexes of {@code table} that wait for it, in {@code tx}: small tables at once.
     *
     * @return the table as it is to be stored (indexes filled here are ACTIVE)
     */
    Table start(StoreTransaction tx, Table table) {
        Table stored = table;
        for (SecondaryIndex index : table.definition().indexes()) {
            if (!index.backfilling()) {
                continue;
            }
            if (work.isEmpty() || table.itemCount() <= inTransaction) {
                fill(tx, table, index.name(), Optional.empty(), Integer.MAX_VALUE);
                stored = activate(stored, index.name());
            } else {
                work.get().enqueue(tx, QUEUE, payload(table.id(), index.name(), Optional.empty()),
                        work.get().clock().instant());
            }
        }
        return stored;
    }

    /** Removes the entries of an index the table no longer has. */
    static void drop(StoreTransaction tx, Table table, String index) {
        tx.update("DELETE FROM ddb_index_entries WHERE table_id=? AND index_name=?", table.id(), index);
    }

    private Outcome handle(WorkItem item) {
        JsonNode payload = Json.readOne(item.payload());
        String tableId = payload.path("table").asText();
        String index = payload.path("index").asText();
        Optional<ItemKey> after = Optional.ofNullable(payload.get("pk")).map(pk -> new ItemKey(
                decode(pk), decode(payload.get("sk"))));
        store.write(tx -> {
            Optional<Table> table = TableStore.findById(tx, tableId)
                    .filter(t -> t.definition().index(index).filter(SecondaryIndex::backfilling).isPresent());
            if (table.isEmpty()) {
                return null;   // the table or the index is gone, or it is filled already
            }
            Optional<ItemKey> last = fill(tx, table.get(), index, after, batch);
            if (last.isPresent()) {
                work.orElseThrow().enqueue(tx, QUEUE, payload(tableId, index, last), work.get().clock().instant());
            } else {
                TableStore.writeDefinition(tx, activate(table.get(), index));
            }
            return null;
        });
        return new Outcome.Done();
    }

    /**
     * Writes {@code index}'s entries for up to {@code limit} items after {@code after}, in key order.
     *
     * @return the last item's key when {@code limit} items were read (more may follow), else empty
     */
    private static Optional<ItemKey> fill(StoreTransaction tx, Table table, String index, Optional<ItemKey> after,
            int limit) {
        record Stored(ItemKey key, byte[] item) {
        }
        String from = after.isPresent() ? " AND (pk > ? OR (pk = ? AND sk > ?))" : "";
        Object[] params = after.map(k -> new Object[] {table.id(), k.partition(), k.partition(), k.sort(), limit})
                .orElse(new Object[] {table.id(), limit});
        List<Stored> items = tx.query("SELECT pk, sk, item FROM ddb_items WHERE table_id=?" + from
                + " ORDER BY pk, sk LIMIT ?", r -> new Stored(new ItemKey(r.bytes("pk"), r.bytes("sk")), r.bytes("item")),
                params);
        for (Stored stored : items) {
            for (IndexEntries.Entry entry : IndexEntries.of(table, ItemDocuments.read(stored.item()))) {
                if (entry.index().equals(index)) {
                    ItemStore.insertEntry(tx, table, stored.key(), entry);
                }
            }
        }
        return items.size() == limit ? Optional.of(items.get(items.size() - 1).key()) : Optional.empty();
    }

    private static Table activate(Table table, String index) {
        List<SecondaryIndex> indexes = table.definition().indexes().stream()
                .map(i -> i.name().equals(index) ? new SecondaryIndex(i.name(), i.scope(), i.keys(), i.projection(),
                        i.throughput(), IndexStatus.ACTIVE, false) : i)
                .toList();
        return table.with(table.definition().with(d -> d.indexes(indexes)));
    }

    private static byte[] payload(String tableId, String index, Optional<ItemKey> after) {
        ObjectNode node = Json.object().put("table", tableId).put("index", index);
        after.ifPresent(k -> node.put("pk", Base64.getEncoder().encodeToString(k.partition()))
                .put("sk", Base64.getEncoder().encodeToString(k.sort())));
        return Json.write(node);
    }

    private static byte[] decode(JsonNode text) {
        return Base64.getDecoder().decode(text.asText());
    }
}
