package io.portico.tables.engine.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.idempotency.ClientToken;
import io.portico.core.time.ManualClock;
import io.portico.store.sqlite.SqliteStore;
import io.portico.tables.engine.AttributeDefinition;
import io.portico.tables.engine.AttributeType;
import io.portico.tables.engine.IndexRequest;
import io.portico.tables.engine.KeyElement;
import io.portico.tables.engine.KeyType;
import io.portico.tables.engine.NewTable;
import io.portico.tables.engine.ProjectionType;
import io.portico.tables.engine.StreamRequest;
import io.portico.tables.engine.StreamViewType;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableChange;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.Tables;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.Throughput;
import io.portico.tables.engine.expression.ExpressionAttributes;
import io.portico.tables.engine.expression.Expressions;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.store.ItemStore;
import io.portico.tables.store.TableStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The item engine over a real SQLite store: writes with conditions and updates, the counts they keep, index
 * entries, Query pages, and the stream records each change writes in its transaction.
 */
class ItemsTest {
    static final TableRef REF = new TableRef("000000000000", "us-east-1", "items");

    @TempDir
    Path dir;
    SqliteStore store;
    final ManualClock clock = ManualClock.at(Instant.parse("2026-03-04T05:06:07.089Z"));
    Tables tables;
    Items items;
    ItemQueries queries;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        tables = Tables.create(TableStore.over(store), clock);
        tables.start();
        ItemStore itemStore = ItemStore.over(store, clock);
        items = Items.create(itemStore);
        queries = ItemQueries.create(itemStore);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A table keyed by id (S) with a global index on colour, KEYS_ONLY, and a stream when asked. */
    private void create(Optional<StreamViewType> stream) {
        tables.create(new NewTable(REF, List.of(new AttributeDefinition("id", AttributeType.S),
                new AttributeDefinition("colour", AttributeType.S)), List.of(new KeyElement("id", KeyType.HASH)),
                Optional.empty(), Optional.of(List.of(new IndexRequest("by-colour", List.of(new KeyElement("colour",
                        KeyType.HASH)), Optional.of(ProjectionType.KEYS_ONLY), Optional.empty(),
                        Optional.of(new Throughput(1, 1))))), Optional.empty(), Optional.of(new Throughput(1, 1)),
                stream.map(v -> new StreamRequest(true, Optional.of(v))), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty(), false));
    }

    private static Map<String, AttributeValue> item(String id, String... more) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.s(id));
        for (int i = 0; i < more.length; i += 2) {
            item.put(more[i], AttributeValue.s(more[i + 1]));
        }
        return item;
    }

    private WriteResult put(Map<String, AttributeValue> item, String condition) {
        return items.put(new ItemRequests.PutItem(REF, item, Optional.ofNullable(condition)
                .map(c -> Expressions.condition(c, ExpressionAttributes.none())), ReturnValues.ALL_OLD, true,
                Reporting.NONE));
    }

    private Optional<Map<String, AttributeValue>> get(String id) {
        return items.get(new ItemRequests.GetItem(REF, item(id), Optional.empty(), true, Reporting.NONE)).item();
    }

    @Test
    void put_replacesTheItem_andKeepsCountAndSizeByDelta() {
        create(Optional.empty());
        put(item("a", "v", "1"), null);
        WriteResult replaced = put(item("a", "v", "22"), null);
        put(item("b"), null);

        assertThat(replaced.attributes()).contains(item("a", "v", "1"));
        assertThat(get("a")).contains(item("a", "v", "22"));
        var table = tables.describe(REF);
        assertThat(table.itemCount()).isEqualTo(2);
        assertThat(table.sizeBytes()).isEqualTo((2 + 1 + 1 + 2) + (2 + 1));   // id a v 22, id b
        items.delete(new ItemRequests.DeleteItem(REF, item("a"), Optional.empty(), ReturnValues.NONE, false,
                Reporting.NONE));
        assertThat(tables.describe(REF).itemCount()).isEqualTo(1);
        assertThat(tables.describe(REF).sizeBytes()).isEqualTo(3);
    }

    @Test
    void failedCondition_writesNothing_andCarriesTheItemWhenAsked() {
        create(Optional.empty());
        put(item("a", "v", "1"), null);

        assertThatThrownBy(() -> put(item("a", "v", "2"), "attribute_not_exists(id)"))
                .isInstanceOfSatisfying(TablesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TablesException.Kind.CONDITION_FAILED);
                    assertThat(e.item()).contains(item("a", "v", "1"));
                });
        assertThat(get("a")).contains(item("a", "v", "1"));
    }

    @Test
    void updateOfAMissingItem_createsItFromItsKey() {
        create(Optional.empty());
        var update = Expressions.update("SET colour = :c", ExpressionAttributes.builder()
                .values(Map.of(":c", AttributeValue.s("red"))).build());

        WriteResult result = items.update(new ItemRequests.UpdateItem(REF, item("u"), Optional.of(update),
                Optional.empty(), ReturnValues.UPDATED_NEW, false, Reporting.NONE));

        assertThat(result.attributes()).contains(Map.of("colour", AttributeValue.s("red")));
        assertThat(get("u")).contains(item("u", "colour", "red"));
    }

    @Test
    void indexEntries_followEveryWrite_andQueryReadsThem() {
        create(Optional.empty());
        put(item("a", "colour", "red", "size", "L"), null);
        put(item("b", "colour", "red"), null);
        put(item("c"), null);   // no colour: not in the index

        Page red = queries.query(query("by-colour", "colour = :c", Map.of(":c", AttributeValue.s("red"))));
        assertThat(red.items()).containsExactly(item("a", "colour", "red"), item("b", "colour", "red"));

        put(item("a", "colour", "blue"), null);
        Page after = queries.query(query("by-colour", "colour = :c", Map.of(":c", AttributeValue.s("red"))));
        assertThat(after.items()).containsExactly(item("b", "colour", "red"));
    }

    private static ReadRequests.Query query(String index, String keyCondition, Map<String, AttributeValue> values) {
        var attributes = ExpressionAttributes.builder().values(values).build();
        return new ReadRequests.Query(new ReadRequests.Reading(REF, Optional.of(index), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, Reporting.NONE),
                Expressions.keyCondition(keyCondition, attributes), true);
    }

    /** A page with a Limit reads that many rows from the store, no more (nothing is read to be thrown away). */
    @Test
    void queryPage_readsNoMoreRowsThanItsLimit() {
        create(Optional.empty());
        for (int i = 0; i < 50; i++) {
            put(item("k" + i, "colour", "red"), null);
        }
        int[] rowsRead = {0};
        ItemRepository counting = countingReads(rowsRead);
        var attributes = ExpressionAttributes.builder().values(Map.of(":c", AttributeValue.s("red"))).build();
        Page page = ItemQueries.create(counting).query(new ReadRequests.Query(new ReadRequests.Reading(REF,
                Optional.of("by-colour"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(7),
                Optional.empty(), false, Reporting.NONE), Expressions.keyCondition("colour = :c", attributes), true));

        assertThat(page.count()).isEqualTo(7);
        assertThat(page.lastEvaluatedKey()).isPresent();
        assertThat(rowsRead[0]).isEqualTo(7);
    }

    /** The 1 MB stop too: the store steps to no row after the one that fills the page. */
    @Test
    void scanPage_endingAtOneMegabyte_readsExactlyTheRowsItEvaluated() {
        create(Optional.empty());
        for (int i = 0; i < 30; i++) {
            put(item("k" + i, "blob", "x".repeat(50_000)), null);
        }
        int[] rowsRead = {0};

        Page page = ItemQueries.create(countingReads(rowsRead)).scan(new ReadRequests.Scan(new ReadRequests.Reading(
                REF, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Reporting.NONE), Optional.empty()));

        assertThat(page.lastEvaluatedKey()).isPresent();
        assertThat(page.scannedCount()).isBetween(20, 22);
        assertThat(rowsRead[0]).isEqualTo(page.scannedCount());
    }

    /** A repository over the store that counts the rows its range reads hand over. */
    private ItemRepository countingReads(int[] rowsRead) {
        ItemStore store = ItemStore.over(this.store, clock);
        return new ItemRepository() {
        @Override
        public <T> Optional<T> read(TableRef ref, BiFunction<Table, ItemReader, T> work) {
            return store.read(ref, (table, reader) -> work.apply(table, new ItemReader() {
                @Override
                public Optional<Map<String, AttributeValue>> get(ItemKey key) {
                    return reader.get(key);
                }

                @Override
                public void range(KeyRange range, Predicate<StoredRow> more) {
                    reader.range(range, row -> {
                        rowsRead[0]++;
                        return more.test(row);
                    });
                }

                @Override
                public long partitionSize(byte[] partition) {
                    return reader.partitionSize(partition);
                }
            }));
        }

        @Override
        public <T> Optional<T> write(TableRef ref, BiFunction<Table, ItemWriter, T> work) {
            return store.write(ref, work);
        }

        @Override
        public <T> T writeTables(Function<TableWrites, T> work) {
            return store.writeTables(work);
        }

        @Override
        public <T> T writeTablesOnce(ClientToken token, Duration window, Class<T> resultType,
                Function<TableWrites, T> work) {
            return store.writeTablesOnce(token, window, resultType, work);
        }

        @Override
        public <T> T readTables(Function<TableReads, T> work) {
            return store.readTables(work);
        }
    };
    }

    @Test
    void streamRecords_oneForEachChange_noneForAnUnchangedItem_gaplessSequences() {
        create(Optional.of(StreamViewType.NEW_AND_OLD_IMAGES));
        put(item("a", "v", "1"), null);
        put(item("a", "v", "1"), null);   // identical: no record
        put(item("a", "v", "2"), null);
        items.delete(new ItemRequests.DeleteItem(REF, item("a"), Optional.empty(), ReturnValues.NONE, false,
                Reporting.NONE));
        items.delete(new ItemRequests.DeleteItem(REF, item("a"), Optional.empty(), ReturnValues.NONE, false,
                Reporting.NONE));   // nothing there: no record

        List<String> records = store.read(tx -> tx.query("SELECT sequence, event_name, new_image IS NOT NULL AS n, "
                + "old_image IS NOT NULL AS o, size_bytes FROM ddb_stream_records ORDER BY sequence",
                r -> r.longValue("sequence") + " " + r.string("event_name") + " " + r.longValue("n") + r.longValue("o")
                        + " " + r.longValue("size_bytes")));
        // sizes: keys (id a = 3) plus each image (id a v 1 = 5)
        assertThat(records).containsExactly("1 INSERT 10 8", "2 MODIFY 11 13", "3 REMOVE 01 8");

        // disabling the stream dates it; enabling again makes a new stream, numbered from 1
        tables.update(REF, streamChange(false));
        clock.advance(Duration.ofSeconds(1));
        tables.update(REF, streamChange(true));
        put(item("b"), null);
        List<String> streams = store.read(tx -> tx.query("SELECT s.disabled_ms IS NOT NULL AS disabled, "
                + "(SELECT MAX(sequence) FROM ddb_stream_records r WHERE r.stream_arn = s.arn) AS last "
                + "FROM ddb_streams s ORDER BY created_ms", r -> r.longValue("disabled") + " " + r.longValue("last")));
        assertThat(streams).containsExactly("1 3", "0 1");
    }

    private static TableChange streamChange(boolean enabled) {
        return new TableChange(List.of(), Optional.empty(), Optional.empty(), List.of(),
                Optional.of(new StreamRequest(enabled,
                        enabled ? Optional.of(StreamViewType.KEYS_ONLY) : Optional.empty())),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
