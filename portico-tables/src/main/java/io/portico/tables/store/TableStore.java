package io.portico.tables.store;

import io.portico.core.idempotency.ClientTokens;
import io.portico.core.store.Insertion;
import io.portico.core.store.NewRow;
import io.portico.core.store.Row;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.core.tags.TagTable;
import io.portico.core.work.WorkQueue;
import io.portico.tables.engine.SecondaryIndex;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.TableRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The DynamoDB module's persistence: tables in {@code ddb_tables}, their tags in the kit's tag table, on
 * one platform {@link Store}. This is the module's assembly point for persistence ({@link #over}), which
 * only {@code portico-server}'s wiring and tests call. Creating it touches nothing; {@link #migrate}
 * creates the tables. Thread safe.
 */
public final class TableStore implements TableRepository {
    private static final String COLUMNS = "id, account, region, name, created_ms, definition, item_count, size_bytes";

    private final Store store;
    private final TagTable tags;
    private final IndexBackfill backfill;
    private final Clock clock;

    private TableStore(Store store, Optional<WorkQueue> work, Clock clock, long backfillInTransaction,
            int backfillBatch) {
        this.store = store;
        this.tags = TagTable.of(store);
        this.backfill = new IndexBackfill(store, work, backfillInTransaction, backfillBatch);
        this.clock = clock;
    }

    /**
     * Tables on {@code store}; a new global index on a table with items is filled in UpdateTable's
     * transaction; streams are dated by the system clock.
     */
    public static TableStore over(Store store) {
        return new TableStore(store, Optional.empty(), Clock.systemUTC(), IndexBackfill.IN_TRANSACTION,
                IndexBackfill.BATCH);
    }

    /**
     * Tables on {@code store}, filling a new global index of a large table through {@code work} (whose
     * queue this registers); {@code clock} dates when a stream was disabled.
     */
    public static TableStore over(Store store, WorkQueue work, Clock clock) {
        return new TableStore(store, Optional.of(work), clock, IndexBackfill.IN_TRANSACTION, IndexBackfill.BATCH);
    }

    /** {@link #over(Store, WorkQueue, Clock)} with other backfill sizes, for tests of the queued backfill. */
    static TableStore over(Store store, WorkQueue work, Clock clock, long backfillInTransaction, int backfillBatch) {
        return new TableStore(store, Optional.of(work), clock, backfillInTransaction, backfillBatch);
    }

    @Override
    public void migrate() {
        tags.migrate();
        store.migrate(TablesSchema.MODULE, TablesSchema.migrations());
        // TransactWriteItems' ClientRequestTokens live in the kit's token table (ItemStore claims them).
        ClientTokens.of(store, clock).migrate();
    }

    @Override
    public Optional<Table> insertIfAbsent(Table table, Map<String, String> tableTags) {
        NewRow row = NewRow.into("ddb_tables").value("id", table.id())
                .key("account", table.ref().account()).key("region", table.ref().region()).key("name", table.name())
                .value("created_ms", table.created().toEpochMilli())
                .value("definition", TableDocuments.write(table.definition()))
                .value("item_count", table.itemCount()).value("size_bytes", table.sizeBytes()).build();
        return store.write(tx -> switch (tx.insertIfAbsent(row, TableStore::table)) {
            case Insertion.Inserted<Table> inserted -> {
                // Only the creator's tags, in the create's transaction; a limit is checked before.
                tags.in(tx).tag(table.arn(), tableTags, Integer.MAX_VALUE);
                StreamLog.sync(tx, table, clock.instant());
                yield Optional.<Table>empty();
            }
            case Insertion.Existing<Table> existing -> Optional.of(existing.row());
        });
    }

    @Override
    public Optional<Table> find(TableRef ref) {
        return store.read(tx -> find(tx, ref));
    }

    @Override
    public Optional<Table> update(TableRef ref, UnaryOperator<Table> change) {
        return store.write(tx -> find(tx, ref).map(current -> {
            Table changed = change.apply(current);
            for (SecondaryIndex index : current.definition().indexes()) {
                if (changed.definition().index(index.name()).isEmpty()) {
                    IndexBackfill.drop(tx, current, index.name());
                }
            }
            writeDefinition(tx, backfill.start(tx, changed));
            StreamLog.changed(tx, current, changed, clock.instant());
            if (!changed.definition().timeToLive().equals(current.definition().timeToLive())) {
                ItemStore.recomputeExpiry(tx, changed);
            }
            // The answer is the change under way, as UpdateTable's is on AWS (an index filled here is ACTIVE
            // from the next DescribeTable).
            return changed;
        }));
    }

    @Override
    public Optional<Table> delete(TableRef ref, Consumer<Table> guard) {
        return store.write(tx -> find(tx, ref).map(table -> {
            guard.accept(table);
            tx.update("DELETE FROM ddb_tables WHERE id=?", table.id());
            TableDocuments.forget(table.id());
            // A table's items go in its transaction: SQLite deletes a few hundred thousand rows in well under
            // a second; a sweep keyed by the id through the work queue is the way for larger tables.
            tx.update("DELETE FROM ddb_items WHERE table_id=?", table.id());
            tx.update("DELETE FROM ddb_index_entries WHERE table_id=?", table.id());
            StreamLog.tableDeleted(tx, table, clock.instant());
            tags.in(tx).deleteAll(table.arn());
            return table;
        }));
    }

    @Override
    public List<String> names(String account, String region, Optional<String> exclusiveStart, int limit) {
        // Ordered and cut in Java, as the tag table's keys are: PostgreSQL's collations need not order (or
        // compare) names byte by byte as SQLite and DynamoDB do. An account has at most a few thousand
        // tables in a region (AWS's default quota is 2,500), so reading their names is cheap.
        List<String> names = store.read(tx -> tx.query("SELECT name FROM ddb_tables WHERE account=? AND region=?",
                r -> r.string("name"), account, region));
        return names.stream().filter(name -> exclusiveStart.map(start -> name.compareTo(start) > 0).orElse(true))
                .sorted().limit(limit).toList();
    }

    @Override
    public SortedMap<String, String> tags(String arn) {
        return tags.list(arn);
    }

    @Override
    public boolean tagExisting(TableRef ref, Map<String, String> newTags, int limit) {
        return store.write(tx -> {
            if (find(tx, ref).isEmpty()) {
                return false;
            }
            tags.in(tx).tag(ref.arn(), newTags, limit);
            return true;
        });
    }

    @Override
    public boolean untagExisting(TableRef ref, List<String> keys) {
        return store.write(tx -> {
            if (find(tx, ref).isEmpty()) {
                return false;
            }
            tags.in(tx).untag(ref.arn(), keys);
            return true;
        });
    }

    static void writeDefinition(StoreTransaction tx, Table table) {
        tx.update("UPDATE ddb_tables SET definition=? WHERE id=?", TableDocuments.write(table.definition()), table.id());
    }

    static Optional<Table> findById(StoreTransaction tx, String id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM ddb_tables WHERE id=?", TableStore::table, id);
    }

    static Optional<Table> find(StoreTransaction tx, TableRef ref) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM ddb_tables WHERE account=? AND region=? AND name=?",
                TableStore::table, ref.account(), ref.region(), ref.name());
    }

    private static Table table(Row r) {
        return new Table(new TableRef(r.string("account"), r.string("region"), r.string("name")), r.string("id"),
                Instant.ofEpochMilli(r.longValue("created_ms")), TableDocuments.read(r.string("id"), r.string("definition")),
                r.longValue("item_count"), r.longValue("size_bytes"));
    }
}
