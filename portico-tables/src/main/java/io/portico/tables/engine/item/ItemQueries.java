package io.portico.tables.engine.item;

import io.portico.tables.engine.ProjectionType;
import io.portico.tables.engine.SecondaryIndex;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.ConditionEvaluator;
import io.portico.tables.engine.expression.ConditionPaths;
import io.portico.tables.engine.expression.KeyConditions;
import io.portico.tables.engine.expression.KeyQuery;
import io.portico.tables.engine.expression.Path;
import io.portico.tables.engine.expression.Projector;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.ItemKeys;
import io.portico.tables.engine.value.ItemSize;
import io.portico.tables.engine.value.KeyEncoding;
import io.portico.tables.engine.value.KeySchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Query and Scan over a table or one of its indexes.
 *
 * <p><b>Reading.</b> A page reads rows in key order from the store ({@link ItemReader#range}), one at a time,
 * and stops where DynamoDB stops: after
 * {@code Limit} rows read, or once the rows read reach 1 MB (sizes of what was read, before any filter),
 * answering the last row read as LastEvaluatedKey; or at the end of the range, without one (DynamoDB also
 * answers a LastEvaluatedKey when the limit falls on the last item, and so does Portico). The filter runs
 * on rows read ({@code ScannedCount}), the projection on rows that pass ({@code Count}). The store steps to
 * a row only when the page asks for one, so a page reads exactly the rows it evaluates, whichever stop
 * ends it.
 *
 * <p><b>Indexes.</b> An index row holds the projected attributes. A local index whose projection is not ALL
 * fetches the item from the table when the request needs more than the projection (ALL_ATTRIBUTES, a
 * projection or a filter), as DynamoDB does; a global index cannot, and answers what it holds.
 * LastEvaluatedKey for an index carries the index keys and the table keys, as DynamoDB's does.
 * Stateless; thread safe.
 */
public final class ItemQueries {
    /** DynamoDB ends a page once it has read 1 MB. */
    static final long PAGE_BYTES = 1024 * 1024;

    private final ItemRepository repository;

    private ItemQueries(ItemRepository repository) {
        this.repository = repository;
    }

    public static ItemQueries create(ItemRepository repository) {
        return new ItemQueries(repository);
    }

    public Page query(ReadRequests.Query request) {
        ReadRequests.Reading reading = request.reading();
        Select select = select(reading);
        return repository.read(reading.table(), (table, reader) -> {
            Target target = Target.of(table, reading);
            KeyQuery keys = KeyConditions.analyse(request.keyCondition(), target.keys());
            reading.filter().ifPresent(filter -> requireNoKeyIn(filter, target.keys()));
            Optional<KeyRange.Position> start = target.start(reading);
            reading.exclusiveStart().ifPresent(key -> requireWithin(key, keys, target.keys()));
            KeyRange range = new KeyRange(reading.index(), Optional.of(KeyEncoding.encode(keys.partition())),
                    keys.sort().lower(), keys.sort().upper(), request.forward(), start, Optional.empty(), 0);
            return page(table, reader, target, reading, select, range);
        }).orElseThrow(TablesException::itemTableNotFound);
    }

    public Page scan(ReadRequests.Scan request) {
        ReadRequests.Reading reading = request.reading();
        Select select = select(reading);
        return repository.read(reading.table(), (table, reader) -> {
            Target target = Target.of(table, reading);
            KeyRange range = new KeyRange(reading.index(), Optional.empty(), Optional.empty(), Optional.empty(), true,
                    target.start(reading), request.segment(), 0);
            return page(table, reader, target, reading, select, range);
        }).orElseThrow(TablesException::itemTableNotFound);
    }

    private static Page page(Table table, ItemReader reader, Target target, ReadRequests.Reading reading,
            Select select, KeyRange first) {
        PageReading page = new PageReading(reader, target, reading, select);
        reader.range(withLimit(first, page.limit), page::take);
        long read = page.bytes;
        long fromTable = page.fetched;
        Optional<ConsumedCapacity> capacity = Items.capacity(reading.reporting(), () -> target.index()
                .map(index -> ConsumedCapacity.ofIndexRead(table, index, read, fromTable, reading.consistent(),
                        reading.reporting().capacity()))
                .orElseGet(() -> ConsumedCapacity.ofRead(table, read, reading.consistent(),
                        reading.reporting().capacity())));
        return new Page(page.items, select == Select.COUNT, page.count, page.scanned, page.last, capacity);
    }

    /**
     * One page as its rows arrive: the filter, the projection and the two stops (Limit rows read, 1 MB read).
     * {@link #take} answers whether the page wants another row, so the store reads none it will not use.
     */
    private static final class PageReading {
        private final ItemReader reader;
        private final Target target;
        private final ReadRequests.Reading reading;
        private final Select select;
        private final boolean fetch;
        private final int limit;
        private final List<Map<String, AttributeValue>> items = new ArrayList<>();
        private int scanned;
        private int count;
        private long bytes;
        private long fetched;
        private Optional<Map<String, AttributeValue>> last = Optional.empty();

        PageReading(ItemReader reader, Target target, ReadRequests.Reading reading, Select select) {
            this.reader = reader;
            this.target = target;
            this.reading = reading;
            this.select = select;
            this.fetch = target.fetches(select, reading);
            this.limit = reading.limit().orElse(Integer.MAX_VALUE);
        }

        boolean take(StoredRow row) {
            Map<String, AttributeValue> item = fetch
                    ? reader.get(row.position().tableKey().orElseThrow()).orElse(row.attributes()) : row.attributes();
            bytes += ItemSize.of(row.attributes());
            fetched += fetch ? ItemSize.of(item) : 0;
            scanned++;
            if (reading.filter().map(f -> ConditionEvaluator.matches(f, item)).orElse(true)) {
                count++;
                if (select != Select.COUNT) {
                    items.add(reading.projection().map(p -> Projector.project(item, p)).orElse(item));
                }
            }
            if (scanned >= limit || bytes + fetched >= PAGE_BYTES) {
                last = Optional.of(target.lastKey(row.attributes()));
                return false;
            }
            return true;
        }
    }

    /**
     * A Query's ExclusiveStartKey must lie in the range its key condition reads (DynamoDB's words, as public
     * reports of its answer quote them).
     */
    private static void requireWithin(Map<String, AttributeValue> start, KeyQuery query, KeySchema keys) {
        boolean inPartition = Arrays.equals(KeyEncoding.encode(query.partition()),
                KeyEncoding.encode(start.get(keys.partition().name())));
        boolean inRange = keys.sort().map(s -> start.get(s.name())).map(v -> query.sort().matches(v)).orElse(true);
        if (!inPartition || !inRange) {
            throw TablesException.validation("The provided starting key is outside query boundaries based on provided "
                    + "conditions");
        }
    }

    /** A Query's filter may not read the key it queries by (dynalite's wording of DynamoDB's rule). */
    private static void requireNoKeyIn(Condition filter, KeySchema keys) {
        for (Path path : ConditionPaths.of(filter)) {
            if (keys.names().contains(path.attribute())) {
                throw TablesException.validation("Filter Expression can only contain non-primary key attributes: "
                        + "Primary key attribute: " + path.attribute());
            }
        }
    }

    /**
     * The request's Select, or DynamoDB's default: the projected attributes of an index, the attributes a
     * projection names, else all attributes.
     */
    static Select select(ReadRequests.Reading reading) {
        return reading.select().orElse(reading.projection().isPresent() ? Select.SPECIFIC_ATTRIBUTES
                : reading.index().isPresent() ? Select.ALL_PROJECTED_ATTRIBUTES : Select.ALL_ATTRIBUTES);
    }

    private static KeyRange withLimit(KeyRange range, int limit) {
        return new KeyRange(range.index(), range.partition(), range.lower(), range.upper(), range.forward(),
                range.after(), range.segment(), limit);
    }

    /** What a request reads: the table, or one index, with the keys that order it. */
    private record Target(Table table, Optional<SecondaryIndex> index, KeySchema keys, KeySchema tableKeys) {

        static Target of(Table table, ReadRequests.Reading reading) {
            KeySchema tableKeys = TypedKeys.of(table.definition());
            if (reading.index().isEmpty()) {
                return new Target(table, Optional.empty(), tableKeys, tableKeys);
            }
            String name = reading.index().get();
            SecondaryIndex index = table.definition().index(name).orElseThrow(() -> TablesException.validation(
                    "The table does not have the specified index: " + name));
            if (index.global() && reading.consistent()) {
                throw TablesException.validation("Consistent reads are not supported on global secondary indexes");
            }
            if (index.backfilling()) {
                throw TablesException.validation("Cannot read from backfilling global secondary index: " + name);
            }
            if (index.global() && index.projection().type() != ProjectionType.ALL
                    && reading.select().filter(Select.ALL_ATTRIBUTES::equals).isPresent()) {
                throw TablesException.invalidParameter("Select type ALL_ATTRIBUTES is not supported for global "
                        + "secondary index " + name + " because its projection type is not ALL");
            }
            return new Target(table, Optional.of(index), TypedKeys.of(table.definition(), index), tableKeys);
        }

        /** Whether rows need their item from the table: a local index that does not hold all it is asked for. */
        boolean fetches(Select select, ReadRequests.Reading reading) {
            if (index.isEmpty() || index.get().global() || index.get().projection().type() == ProjectionType.ALL) {
                return false;
            }
            return select == Select.ALL_ATTRIBUTES || reading.projection().isPresent() || reading.filter().isPresent();
        }

        /** ExclusiveStartKey as a position: the table's key, or an index's keys and then the table's. */
        Optional<KeyRange.Position> start(ReadRequests.Reading reading) {
            return reading.exclusiveStart().map(start -> {
                try {
                    if (index.isEmpty()) {
                        ItemKeys.checkKey(start, tableKeys);
                        return new KeyRange.Position(ItemKey.of(start, tableKeys), Optional.empty());
                    }
                    Map<String, AttributeValue> indexKey = ItemKeys.keyOf(start, keys);
                    Map<String, AttributeValue> tableKey = ItemKeys.keyOf(start, tableKeys);
                    ItemKeys.checkKey(indexKey, keys);
                    ItemKeys.checkKey(tableKey, tableKeys);
                    if (!lastKey(start).equals(start)) {
                        throw TablesException.validation(ItemKeys.KEY_MISMATCH);
                    }
                    return new KeyRange.Position(ItemKey.of(start, keys), Optional.of(ItemKey.of(start, tableKeys)));
                } catch (TablesException e) {
                    throw TablesException.validation("The provided starting key is invalid: " + e.getMessage());
                }
            });
        }

        /** LastEvaluatedKey: the table's key, or an index's keys and the table's. */
        Map<String, AttributeValue> lastKey(Map<String, AttributeValue> row) {
            Map<String, AttributeValue> key = new LinkedHashMap<>(ItemKeys.keyOf(row, keys));
            key.putAll(ItemKeys.keyOf(row, tableKeys));
            return key;
        }
    }
}
