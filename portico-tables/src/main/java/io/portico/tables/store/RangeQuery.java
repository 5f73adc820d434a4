package io.portico.tables.store;

import io.portico.core.store.StoreTransaction;
import io.portico.tables.engine.expression.KeyQuery;
import io.portico.tables.engine.item.ItemKey;
import io.portico.tables.engine.item.KeyRange;
import io.portico.tables.engine.item.StoredRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link KeyRange} as one SQL range read over a primary key: {@code ddb_items (table_id, pk, sk)} or
 * {@code ddb_index_entries (table_id, index_name, pk, sk, item_pk, item_sk)}. Bounds, the position to
 * continue after (a row-value comparison over the key columns in order, which both SQLite and PostgreSQL
 * answer from the index) and {@code LIMIT} are in the SQL, nothing is sorted in memory, and rows are handed
 * over as they are stepped to, so a reader that stops early leaves the rest unread. A segment of a parallel Scan filters on {@code pk_hash}. Stateless.
 */
final class RangeQuery {
    private RangeQuery() {
    }

    static void read(StoreTransaction tx, String tableId, KeyRange range, Predicate<StoredRow> more) {
        boolean index = range.index().isPresent();
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(index
                ? "SELECT pk, sk, item_pk, item_sk, projected AS item FROM ddb_index_entries WHERE table_id=? AND index_name=?"
                : "SELECT pk, sk, item FROM ddb_items WHERE table_id=?");
        params.add(tableId);
        range.index().ifPresent(params::add);
        range.partition().ifPresent(pk -> {
            sql.append(" AND pk=?");
            params.add(pk);
        });
        range.lower().ifPresent(b -> bound(sql, params, b, b.inclusive() ? ">=" : ">"));
        range.upper().ifPresent(b -> bound(sql, params, b, b.inclusive() ? "<=" : "<"));
        range.after().ifPresent(after -> after(sql, params, range, after));
        range.segment().ifPresent(s -> {
            sql.append(" AND pk_hash % ? = ?");
            params.add(s.total());
            params.add(s.segment());
        });
        String direction = range.forward() ? "" : " DESC";
        List<String> order = new ArrayList<>(List.of("pk", "sk"));
        if (index) {
            order.addAll(List.of("item_pk", "item_sk"));
        }
        sql.append(" ORDER BY ").append(String.join(direction + ", ", order)).append(direction).append(" LIMIT ?");
        params.add(range.limit());
        tx.readWhile(sql.toString(), r -> {
            ItemKey key = new ItemKey(r.bytes("pk"), r.bytes("sk"));
            Optional<ItemKey> tableKey = index ? Optional.of(new ItemKey(r.bytes("item_pk"), r.bytes("item_sk")))
                    : Optional.empty();
            return new StoredRow(new KeyRange.Position(key, tableKey), ItemDocuments.read(r.bytes("item")));
        }, more, params.toArray());
    }

    private static void bound(StringBuilder sql, List<Object> params, KeyQuery.Bound bound, String operator) {
        sql.append(" AND sk ").append(operator).append(" ?");
        params.add(bound.key());
    }

    /** Rows strictly after (or, backwards, before) {@code after} in the read's order. */
    private static void after(StringBuilder sql, List<Object> params, KeyRange range, KeyRange.Position after) {
        List<String> columns = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        if (range.partition().isEmpty()) {
            columns.add("pk");
            values.add(after.key().partition());
        }
        columns.add("sk");
        values.add(after.key().sort());
        after.tableKey().ifPresent(t -> {
            columns.addAll(List.of("item_pk", "item_sk"));
            values.add(t.partition());
            values.add(t.sort());
        });
        String placeholders = String.join(", ", columns.stream().map(c -> "?").toList());
        sql.append(" AND (").append(String.join(", ", columns)).append(") ").append(range.forward() ? ">" : "<")
                .append(" (").append(placeholders).append(")");
        params.addAll(values);
    }
}
