package io.portico.tables.store;

import io.portico.core.idempotency.ClientToken;
import io.portico.core.idempotency.ClientTokens;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.item.ExpiringItems;
import io.portico.tables.engine.item.IndexEntries;
import io.portico.tables.engine.item.ItemKey;
import io.portico.tables.engine.item.ItemReader;
import io.portico.tables.engine.item.ItemRepository;
import io.portico.tables.engine.item.ItemWriter;
import io.portico.tables.engine.item.KeyRange;
import io.portico.tables.engine.item.StoredRow;
import io.portico.tables.engine.item.StreamRecord;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.stream.ChangeRecord;
import io.portico.tables.engine.value.ItemSize;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Items in {@code ddb_items}, their index entries in {@code ddb_index_entries}, and the table's counts in
 * {@code ddb_tables}, on one platform {@link Store}. Each call is one transaction that reads the table's
 * row first, so the work sees the definition of that moment, and every change to an item writes its index
 * entries and the count and size deltas in the same transaction. Thread safe.
 */
public final class ItemStore implements ItemRepository, ExpiringItems {
    private final Store store;
    private final Clock clock;
    private final ClientTokens tokens;

    private ItemStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.tokens = ClientTokens.of(store, clock);
    }

    /**
     * Items on {@code store}, whose schema {@link TableStore#migrate} brings up to date; {@code clock} dates
     * stream records.
     */
    public static ItemStore over(Store store, Clock clock) {
        return new ItemStore(store, clock);
    }

    @Override
    public <T> Optional<T> read(TableRef ref, BiFunction<Table, ItemReader, T> work) {
        return store.read(tx -> TableStore.find(tx, ref).map(table -> work.apply(table, writer(tx, table))));
    }

    @Override
    public <T> Optional<T> write(TableRef ref, BiFunction<Table, ItemWriter, T> work) {
        return store.write(tx -> TableStore.find(tx, ref).map(table -> work.apply(table, writer(tx, table))));
    }

    @Override
    public <T> T writeTables(Function<TableWrites, T> work) {
        return store.write(tx -> work.apply(ref -> TableStore.find(tx, ref)
                .map(table -> new TableWriter(table, writer(tx, table)))));
    }

    /** A writer of the table's items for a client's request (no service principal on its stream records). */
    private Writer writer(StoreTransaction tx, Table table) {
        return new Writer(tx, table, clock, Optional.empty());
    }

    @Override
    public List<Expiring> due(Instant now, int limit) {
        return store.read(tx -> tx.query("SELECT table_id, pk, sk FROM ddb_items WHERE expires_s IS NOT NULL "
                + "AND expires_s < ? ORDER BY expires_s LIMIT ?", r -> new Expiring(r.string("table_id"),
                        new ItemKey(r.bytes("pk"), r.bytes("sk"))), now.getEpochSecond(), limit));
    }

    @Override
    public boolean expire(Expiring item, Instant now) {
        return store.write(tx -> {
            Optional<Table> table = TableStore.findById(tx, item.tableId());
            if (table.isEmpty() || !table.get().definition().timeToLive().enabled()) {
                // TTL went off after the listing: the item stays, and no longer carries an expiry.
                tx.update("UPDATE ddb_items SET expires_s=NULL WHERE table_id=? AND pk=? AND sk=?", item.tableId(),
                        item.key().partition(), item.key().sort());
                return false;
            }
            // read once, and only if it is still due: a write since the listing may have moved its expiry
            Optional<Map<String, AttributeValue>> expired = tx.queryOne("SELECT item FROM ddb_items WHERE table_id=? "
                    + "AND pk=? AND sk=? AND expires_s IS NOT NULL AND expires_s < ?",
                    r -> ItemDocuments.read(r.bytes("item")), item.tableId(), item.key().partition(), item.key().sort(),
                    now.getEpochSecond());
            if (expired.isEmpty()) {
                return false;
            }
            new Writer(tx, table.get(), clock, Optional.of(ChangeRecord.DYNAMODB_PRINCIPAL))
                    .replace(item.key(), expired, Optional.empty());
            return true;
        });
    }

    /**
     * Sets every item's expiry from the table's TTL setting as it is now: UpdateTimeToLive calls this in its
     * transaction, since an item's expiry is otherwise only computed when the item is written. One pass
     * over the table's items in that transaction: fine for the tables a single process serves; a work-queue
     * pass in batches (as {@link IndexBackfill} does) is the way for very large ones.
     */
    static void recomputeExpiry(StoreTransaction tx, Table table) {
        record Stored(ItemKey key, byte[] item) {
        }
        List<Stored> items = tx.query("SELECT pk, sk, item FROM ddb_items WHERE table_id=?",
                r -> new Stored(new ItemKey(r.bytes("pk"), r.bytes("sk")), r.bytes("item")), table.id());
        for (Stored stored : items) {
            tx.update("UPDATE ddb_items SET expires_s=? WHERE table_id=? AND pk=? AND sk=?",
                    expiry(table, ItemDocuments.read(stored.item())).orElse(null), table.id(), stored.key().partition(),
                    stored.key().sort());
        }
    }

    /**
     * The TTL attribute's value in epoch seconds, when the table's TTL is enabled and the item has that
     * attribute as a number: only such items are the sweeper's.
     */
    static Optional<Long> expiry(Table table, Map<String, AttributeValue> item) {
        if (!table.definition().timeToLive().enabled()) {
            return Optional.empty();
        }
        return table.definition().timeToLive().attribute().map(item::get)
                .filter(AttributeValue.N.class::isInstance).map(v -> ((AttributeValue.N) v).value().value())
                .map(BigDecimal::longValue);
    }

    @Override
    public <T> T writeTablesOnce(ClientToken token, Duration window, Class<T> resultType,
            Function<TableWrites, T> work) {
        return store.write(tx -> tokens.once(tx, token, window, resultType, () -> work.apply(ref -> TableStore.find(tx, ref)
                .map(table -> new TableWriter(table, writer(tx, table))))));
    }

    @Override
    public <T> T readTables(Function<TableReads, T> work) {
        return store.read(tx -> work.apply(ref -> TableStore.find(tx, ref)
                .map(table -> new TableReader(table, writer(tx, table)))));
    }

    /** Writes one index entry of the item at {@code key}. */
    static void insertEntry(StoreTransaction tx, Table table, ItemKey key, IndexEntries.Entry entry) {
        tx.update("INSERT INTO ddb_index_entries (table_id, index_name, pk, sk, pk_hash, item_pk, item_sk, projected) "
                + "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", table.id(), entry.index(), entry.key().partition(),
                entry.key().sort(), entry.key().partitionHash(), key.partition(), key.sort(),
                ItemDocuments.write(entry.projected()));
    }

    /** Reads and writes of one table's items in one transaction. */
    private static final class Writer implements ItemWriter {
        private final StoreTransaction tx;
        private final Table table;
        private final Clock clock;
        private final Optional<String> principal;

        Writer(StoreTransaction tx, Table table, Clock clock, Optional<String> principal) {
            this.tx = tx;
            this.table = table;
            this.clock = clock;
            this.principal = principal;
        }

        @Override
        public Optional<Map<String, AttributeValue>> get(ItemKey key) {
            return tx.queryOne("SELECT item FROM ddb_items WHERE table_id=? AND pk=? AND sk=?",
                    r -> ItemDocuments.read(r.bytes("item")), table.id(), key.partition(), key.sort());
        }

        @Override
        public void range(KeyRange range, Predicate<StoredRow> more) {
            RangeQuery.read(tx, table.id(), range, more);
        }

        @Override
        public long partitionSize(byte[] partition) {
            return tx.queryOne("SELECT COALESCE(SUM(size_bytes), 0) AS total FROM ddb_items WHERE table_id=? AND pk=?",
                    r -> r.longValue("total"), table.id(), partition).orElse(0L);
        }

        @Override
        public void replace(ItemKey key, Optional<Map<String, AttributeValue>> before,
                Optional<Map<String, AttributeValue>> after) {
            long sizeBefore = before.map(ItemSize::of).orElse(0L);
            long sizeAfter = after.map(ItemSize::of).orElse(0L);
            before.ifPresent(old -> deleteEntries(key, old));
            if (after.isPresent()) {
                Map<String, AttributeValue> item = after.get();
                tx.update("INSERT INTO ddb_items (table_id, pk, sk, pk_hash, item, size_bytes, expires_s) "
                        + "VALUES (?,?,?,?,?,?,?) "
                        + "ON CONFLICT (table_id, pk, sk) DO UPDATE SET item=excluded.item, "
                        + "size_bytes=excluded.size_bytes, expires_s=excluded.expires_s",
                        table.id(), key.partition(), key.sort(), key.partitionHash(), ItemDocuments.write(item), sizeAfter,
                        expiry(table, item).orElse(null));
                insertEntries(key, item);
            } else if (before.isPresent()) {
                tx.update("DELETE FROM ddb_items WHERE table_id=? AND pk=? AND sk=?", table.id(), key.partition(),
                        key.sort());
            }
            StreamRecord.of(table, before, after).ifPresent(record -> StreamLog.append(tx, table, record,
                    clock.instant(), principal));
            long countDelta = (after.isPresent() ? 1 : 0) - (before.isPresent() ? 1 : 0);
            tx.update("UPDATE ddb_tables SET item_count=item_count+?, size_bytes=size_bytes+? WHERE id=?", countDelta,
                    sizeAfter - sizeBefore, table.id());
        }

        private void deleteEntries(ItemKey key, Map<String, AttributeValue> item) {
            for (IndexEntries.Entry entry : IndexEntries.of(table, item)) {
                tx.update("DELETE FROM ddb_index_entries WHERE table_id=? AND index_name=? AND pk=? AND sk=? "
                        + "AND item_pk=? AND item_sk=?", table.id(), entry.index(), entry.key().partition(),
                        entry.key().sort(), key.partition(), key.sort());
            }
        }

        private void insertEntries(ItemKey key, Map<String, AttributeValue> item) {
            for (IndexEntries.Entry entry : IndexEntries.of(table, item)) {
                insertEntry(tx, table, key, entry);
            }
        }
    }
}
