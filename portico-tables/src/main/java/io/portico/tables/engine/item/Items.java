package io.portico.tables.engine.item;

import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.ConditionEvaluator;
import io.portico.tables.engine.expression.Path;
import io.portico.tables.engine.expression.Projector;
import io.portico.tables.engine.expression.UpdateApplier;
import io.portico.tables.engine.item.ItemRequests.DeleteItem;
import io.portico.tables.engine.item.ItemRequests.GetItem;
import io.portico.tables.engine.item.ItemRequests.PutItem;
import io.portico.tables.engine.item.ItemRequests.UpdateItem;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.ItemKeys;
import io.portico.tables.engine.value.ItemSize;
import io.portico.tables.engine.value.KeySchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * DynamoDB's single-item operations: PutItem, GetItem, UpdateItem and DeleteItem.
 *
 * <p><b>One transaction per write.</b> A write reads the table's definition, the item, checks the
 * condition, computes the new item and writes it (with its index entries, the table's counts and the stream
 * record) in one {@link ItemRepository#write} transaction. Nothing is locked in memory: the store serialises
 * the transactions (SQLite has one writer; PostgreSQL's row locks would), so two processes on one store
 * decide a race the same way one process does, and a condition holds at the moment of the write.
 *
 * <p><b>Order of checks.</b> The api has already checked values and parsed expressions (DynamoDB refuses
 * those before it looks at the table). Here: the table exists, then the key against the schema, then the
 * item's size and index key types, then the condition, as DynamoDB answers them. Stateless; thread safe.
 */
public final class Items {
    private final ItemRepository repository;

    private Items(ItemRepository repository) {
        this.repository = repository;
    }

    public static Items create(ItemRepository repository) {
        return new Items(repository);
    }

    public WriteResult put(PutItem request) {
        return write(request.table(), (table, writer) -> {
            KeySchema keys = TypedKeys.of(table.definition());
            ItemKeys.checkItem(request.item(), keys);
            ItemSize.check(request.item());
            IndexEntries.check(table, request.item());
            ItemKey key = ItemKey.of(request.item(), keys);
            Optional<Map<String, AttributeValue>> before = writer.get(key);
            require(request.condition(), before, request.oldOnConditionFailure());
            writer.replace(key, before, Optional.of(request.item()));
            return written(table, writer, keys, key, request.item(), before, Optional.of(request.item()),
                    request.returnValues().select(before, Optional.of(request.item()), List.of()), request.reporting());
        });
    }

    public WriteResult update(UpdateItem request) {
        return write(request.table(), (table, writer) -> {
            KeySchema keys = TypedKeys.of(table.definition());
            ItemKeys.checkKey(request.key(), keys);
            request.update().ifPresent(u -> u.requireKeysUntouched(keys.names()));
            ItemKey key = ItemKey.of(request.key(), keys);
            Optional<Map<String, AttributeValue>> before = writer.get(key);
            require(request.condition(), before, request.oldOnConditionFailure());
            // An update of an item that does not exist creates it from its key, as DynamoDB does.
            Map<String, AttributeValue> base = before.orElse(request.key());
            UpdateApplier.Result result = request.update().map(u -> UpdateApplier.apply(u, base))
                    .orElseGet(() -> new UpdateApplier.Result(base, List.of()));
            ItemSize.checkUpdated(result.item());
            IndexEntries.check(table, result.item());
            Optional<Map<String, AttributeValue>> after = Optional.of(result.item());
            writer.replace(key, before, after);
            List<Path> written = result.paths();
            return written(table, writer, keys, key, request.key(), before, after,
                    request.returnValues().select(before, after, written), request.reporting());
        });
    }

    public WriteResult delete(DeleteItem request) {
        return write(request.table(), (table, writer) -> {
            KeySchema keys = TypedKeys.of(table.definition());
            ItemKeys.checkKey(request.key(), keys);
            ItemKey key = ItemKey.of(request.key(), keys);
            Optional<Map<String, AttributeValue>> before = writer.get(key);
            require(request.condition(), before, request.oldOnConditionFailure());
            if (before.isPresent()) {
                writer.replace(key, before, Optional.empty());
            }
            return written(table, writer, keys, key, request.key(), before, Optional.empty(),
                    request.returnValues().select(before, Optional.empty(), List.of()), request.reporting());
        });
    }

    public ReadResult get(GetItem request) {
        return repository.read(request.table(), (table, reader) -> {
            KeySchema keys = TypedKeys.of(table.definition());
            ItemKeys.checkKey(request.key(), keys);
            Optional<Map<String, AttributeValue>> item = reader.get(ItemKey.of(request.key(), keys));
            long size = item.map(ItemSize::of).orElse(0L);
            Optional<ConsumedCapacity> capacity = capacity(request.reporting(),
                    () -> ConsumedCapacity.ofRead(table, size, request.consistent(), request.reporting().capacity()));
            return new ReadResult(item.map(i -> request.projection().map(p -> Projector.project(i, p)).orElse(i)),
                    capacity);
        }).orElseThrow(TablesException::itemTableNotFound);
    }

    private WriteResult write(TableRef ref, BiFunction<Table, ItemWriter, WriteResult> work) {
        return repository.write(ref, work).orElseThrow(TablesException::itemTableNotFound);
    }

    /** @throws TablesException {@code CONDITION_FAILED}, with the item when {@code returnItem} asks for it */
    static void require(Optional<Condition> condition, Optional<Map<String, AttributeValue>> item, boolean returnItem) {
        if (condition.isEmpty() || ConditionEvaluator.matches(condition.get(), item.orElse(Map.of()))) {
            return;
        }
        throw returnItem && item.isPresent() ? TablesException.conditionFailed(item.get())
                : TablesException.conditionFailed();
    }

    private static WriteResult written(Table table, ItemReader reader, KeySchema keys, ItemKey key,
            Map<String, AttributeValue> keyAttributes, Optional<Map<String, AttributeValue>> before,
            Optional<Map<String, AttributeValue>> after, Optional<Map<String, AttributeValue>> attributes,
            Reporting reporting) {
        // sized only when asked for: every write passes here
        Optional<ConsumedCapacity> capacity = capacity(reporting, () -> ConsumedCapacity.ofWrite(table,
                Math.max(before.map(ItemSize::of).orElse(0L), after.map(ItemSize::of).orElse(0L)), reporting.capacity())
                .plus(IndexWriteUnits.of(table, before, after)));
        Optional<WriteResult.CollectionMetrics> metrics = Optional.empty();
        if (reporting.itemCollectionMetrics() && !table.definition().localIndexes().isEmpty()) {
            String partition = keys.partition().name();
            metrics = Optional.of(CollectionSize.of(reader.partitionSize(key.partition()),
                    Map.of(partition, keyAttributes.get(partition))));
        }
        return new WriteResult(attributes, capacity, metrics);
    }

    static Optional<ConsumedCapacity> capacity(Reporting reporting, Supplier<ConsumedCapacity> units) {
        return reporting.capacity() == Reporting.CapacityDetail.NONE ? Optional.empty() : Optional.of(units.get());
    }
}
