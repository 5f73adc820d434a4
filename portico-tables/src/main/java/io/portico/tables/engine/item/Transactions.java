package io.portico.tables.engine.item;

import io.portico.core.idempotency.ClientTokenConflictException;
import io.portico.tables.engine.SecondaryIndex;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Projector;
import io.portico.tables.engine.expression.UpdateApplier;
import io.portico.tables.engine.item.TransactRequests.GetAction;
import io.portico.tables.engine.item.TransactRequests.WriteAction;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.ItemKeys;
import io.portico.tables.engine.value.ItemSize;
import io.portico.tables.engine.value.KeySchema;
import io.portico.tables.engine.value.Wording;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * TransactWriteItems and TransactGetItems.
 *
 * <p><b>One store transaction, all or nothing.</b> A TransactWriteItems opens every table it names and
 * checks every action's key (and a Put's item) first: those refusals are answered as they are, before
 * anything is evaluated, as DynamoDB answers them. Then each action runs in order in the same store
 * transaction, through {@link ItemWriter#replace} (which keeps counts, index entries and stream records in
 * step); its condition failing, or an update that cannot apply, becomes that action's
 * {@link CancellationReason} and the remaining actions are still evaluated, so the answer gives a reason
 * for every action as DynamoDB's does. If any action failed, the whole transaction is thrown away (the
 * store rolls back every write and stream record) and {@code TransactionCanceledException} answers. One
 * item appears at most once per transaction, so an action never sees another action's write.
 *
 * <p><b>Conflicts.</b> The store runs write transactions one at a time (SQLite's one writer; PostgreSQL's
 * row locks would serialise the same items), so a transaction never overlaps another one on the same
 * item: Portico waits where DynamoDB would cancel with {@code TransactionConflict}, and never answers
 * that reason. The outcome is a serial order of the transactions, which is what DynamoDB guarantees too.
 *
 * <p><b>Client tokens.</b> A ClientRequestToken is claimed in the transaction's own commit (the kit's
 * client token table), so a repeat within 10 minutes does not write again even after a restart, and a
 * cancelled transaction leaves no claim. A repeat answers like DynamoDB's: success, with the capacity of
 * reading the items rather than writing them. Stateless; thread safe.
 */
public final class Transactions {
    /** How long DynamoDB remembers a ClientRequestToken. */
    static final Duration TOKEN_WINDOW = Duration.ofMinutes(10);
    /** DynamoDB's limit on a transaction's items, summed. */
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;
    /** DynamoDB's words for a PartiQL INSERT of an item that exists (public reports; not recorded). */
    public static final String DUPLICATE = "Duplicate primary key exists in table";
    /** DynamoDB's words for two actions on one item (public reports; not in the recordings). */
    static final String SAME_ITEM = "Transaction request cannot include multiple operations on one item";

    private final ItemRepository repository;

    private Transactions(ItemRepository repository) {
        this.repository = repository;
    }

    public static Transactions create(ItemRepository repository) {
        return new Transactions(repository);
    }

    public TransactResults.TransactWritten write(TransactRequests.TransactWrite request) {
        requireWithinSize(request.actions());
        if (request.token().isEmpty()) {
            return repository.writeTables(tables -> run(tables, request));
        }
        AtomicReference<TransactResults.TransactWritten> fresh = new AtomicReference<>();
        try {
            repository.writeTablesOnce(request.token().get(), TOKEN_WINDOW, Boolean.class, tables -> {
                fresh.set(run(tables, request));
                return true;
            });
        } catch (ClientTokenConflictException e) {
            throw TablesException.idempotentMismatch();
        }
        return fresh.get() != null ? fresh.get() : repeated(request);
    }

    public TransactResults.TransactGot get(TransactRequests.TransactGet request) {
        return repository.readTables(tables -> {
            Map<TableRef, ItemRepository.TableReader> opened = new HashMap<>();
            List<ItemKey> keys = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (GetAction action : request.actions()) {
                ItemRepository.TableReader reader = opened.computeIfAbsent(action.table(),
                        ref -> tables.open(ref).orElseThrow(TablesException::itemTableNotFound));
                KeySchema schema = TypedKeys.of(reader.table().definition());
                ItemKeys.checkKey(action.key(), schema, Wording.OLDER);
                ItemKey key = ItemKey.of(action.key(), schema);
                requireOnce(seen, reader.table(), key);
                keys.add(key);
            }
            List<Optional<Map<String, AttributeValue>>> items = new ArrayList<>();
            Map<String, ConsumedCapacity> capacity = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                GetAction action = request.actions().get(i);
                ItemRepository.TableReader reader = opened.get(action.table());
                Optional<Map<String, AttributeValue>> item = reader.items().get(keys.get(i));
                // a transactional read costs twice a consistent one
                double units = 2 * ConsumedCapacity.units(item.map(ItemSize::of).orElse(0L),
                        ConsumedCapacity.READ_UNIT_BYTES);
                add(capacity, reader.table(), units, false, request.capacity());
                items.add(item.map(it -> action.projection().map(p -> Projector.project(it, p)).orElse(it)));
            }
            return new TransactResults.TransactGot(items, reported(capacity, request.capacity()));
        });
    }

    /** DynamoDB refuses a transaction whose items together exceed 4 MB before it looks at any table. */
    private static void requireWithinSize(List<WriteAction> actions) {
        long bytes = 0;
        for (WriteAction action : actions) {
            bytes += ItemSize.of(keyOf(action));
        }
        if (bytes > MAX_TRANSACTION_BYTES) {
            throw TablesException.validation("Transaction request size exceeds the maximum allowed size of 4 MB");
        }
    }

    /** One action with its table and key, checked. */
    private record Checked(WriteAction action, ItemRepository.TableWriter writer, KeySchema schema, ItemKey key) {
    }

    private TransactResults.TransactWritten run(ItemRepository.TableWrites tables, TransactRequests.TransactWrite request) {
        List<Checked> checked = check(tables, request.actions());
        List<CancellationReason> reasons = new ArrayList<>();
        Map<String, ConsumedCapacity> capacity = new LinkedHashMap<>();
        Reporting.CapacityDetail detail = request.reporting().capacity();
        for (Checked action : checked) {
            reasons.add(apply(action, capacity, detail));
        }
        if (reasons.stream().anyMatch(CancellationReason::cancels)) {
            throw TablesException.transactionCanceled(reasons);
        }
        return new TransactResults.TransactWritten(reported(capacity, detail), metrics(checked, request.reporting()));
    }

    /** Every table opened, every key and Put item checked, no item twice: refusals before any evaluation. */
    private static List<Checked> check(ItemRepository.TableWrites tables, List<WriteAction> actions) {
        Map<TableRef, ItemRepository.TableWriter> opened = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<Checked> checked = new ArrayList<>();
        for (WriteAction action : actions) {
            ItemRepository.TableWriter writer = opened.computeIfAbsent(action.table(),
                    ref -> tables.open(ref).orElseThrow(TablesException::itemTableNotFound));
            KeySchema schema = TypedKeys.of(writer.table().definition());
            Map<String, AttributeValue> key = switch (action) {
                case WriteAction.Put put -> checkedItem(writer.table(), schema, put.item());
                case WriteAction.Insert insert -> checkedItem(writer.table(), schema, insert.item());
                case WriteAction.Update update -> {
                    ItemKeys.checkKey(update.key(), schema, Wording.OLDER);
                    update.update().requireKeysUntouched(schema.names());
                    yield update.key();
                }
                case WriteAction.Delete delete -> {
                    ItemKeys.checkKey(delete.key(), schema, Wording.OLDER);
                    yield delete.key();
                }
                case WriteAction.ConditionCheck check -> {
                    ItemKeys.checkKey(check.key(), schema, Wording.OLDER);
                    yield check.key();
                }
            };
            ItemKey at = ItemKey.of(key, schema);
            requireOnce(seen, writer.table(), at);
            checked.add(new Checked(action, writer, schema, at));
        }
        return checked;
    }

    /** A Put's or Insert's item: its keys, size and index key types. */
    private static Map<String, AttributeValue> checkedItem(Table table, KeySchema schema,
            Map<String, AttributeValue> item) {
        ItemKeys.checkItem(item, schema);
        ItemSize.check(item);
        IndexEntries.check(table, item);
        return item;
    }

    private static void requireOnce(Set<String> seen, Table table, ItemKey key) {
        if (!seen.add(table.id() + "/" + key)) {
            throw TablesException.validation(SAME_ITEM);
        }
    }

    /** Evaluates and (if it holds) writes one action; what stops it is its reason, not a throw. */
    private static CancellationReason apply(Checked checked, Map<String, ConsumedCapacity> capacity,
            Reporting.CapacityDetail detail) {
        ItemWriter items = checked.writer().items();
        Table table = checked.writer().table();
        Optional<Map<String, AttributeValue>> before = items.get(checked.key());
        WriteAction action = checked.action();
        if (action instanceof WriteAction.Insert && before.isPresent()) {
            return new CancellationReason(CancellationReason.DUPLICATE_ITEM, Optional.of(DUPLICATE), Optional.empty());
        }
        try {
            Items.require(action.condition(), before, action.oldOnConditionFailure());
            Optional<Map<String, AttributeValue>> after = switch (action) {
                case WriteAction.Put put -> Optional.of(put.item());
                case WriteAction.Insert insert -> Optional.of(insert.item());
                case WriteAction.Update update -> Optional.of(updated(table, update, before));
                case WriteAction.Delete delete -> Optional.empty();
                case WriteAction.ConditionCheck check -> before;
            };
            if (!(action instanceof WriteAction.ConditionCheck) && (before.isPresent() || after.isPresent())) {
                items.replace(checked.key(), before, after);
            }
            if (detail != Reporting.CapacityDetail.NONE) {
                // a transactional write costs twice a standard one, index writes included
                long bytes = Math.max(before.map(ItemSize::of).orElse(0L), after.map(ItemSize::of).orElse(0L));
                add(capacity, table, 2 * ConsumedCapacity.units(bytes, ConsumedCapacity.WRITE_UNIT_BYTES), true, detail);
                if (!(action instanceof WriteAction.ConditionCheck)) {
                    Map<SecondaryIndex, Double> indexes = IndexWriteUnits.of(table, before, after)
                            .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> 2 * e.getValue(),
                                    Double::sum, LinkedHashMap::new));
                    capacity.computeIfPresent(table.id(), (id, units) -> units.plus(indexes));
                }
            }
            return CancellationReason.none();
        } catch (TablesException e) {
            String code = e.kind() == TablesException.Kind.CONDITION_FAILED ? CancellationReason.CONDITION_FAILED
                    : CancellationReason.VALIDATION_ERROR;
            return new CancellationReason(code, Optional.of(e.getMessage()), e.item());
        }
    }

    /** An Update's new item: applied to the item, or to its key when there is none (as UpdateItem does). */
    private static Map<String, AttributeValue> updated(Table table, WriteAction.Update update,
            Optional<Map<String, AttributeValue>> before) {
        Map<String, AttributeValue> item = UpdateApplier.apply(update.update(), before.orElse(update.key())).item();
        ItemSize.checkUpdated(item);
        IndexEntries.check(table, item);
        return item;
    }

    private static void add(Map<String, ConsumedCapacity> capacity, Table table, double units, boolean write,
            Reporting.CapacityDetail detail) {
        capacity.merge(table.id(), ConsumedCapacity.ofUnits(table, units, write, detail),
                (sum, more) -> sum.plusTable(more.tableUnits()));
    }

    private static List<ConsumedCapacity> reported(Map<String, ConsumedCapacity> capacity,
            Reporting.CapacityDetail detail) {
        return detail == Reporting.CapacityDetail.NONE ? List.of() : List.copyOf(capacity.values());
    }

    /** Item collection metrics per table with local indexes, one per partition written, when asked. */
    private static Map<String, List<WriteResult.CollectionMetrics>> metrics(List<Checked> checked, Reporting reporting) {
        Map<String, List<WriteResult.CollectionMetrics>> metrics = new LinkedHashMap<>();
        if (!reporting.itemCollectionMetrics()) {
            return metrics;
        }
        Set<String> partitions = new HashSet<>();
        for (Checked action : checked) {
            Table table = action.writer().table();
            if (table.definition().localIndexes().isEmpty() || action.action() instanceof WriteAction.ConditionCheck
                    || !partitions.add(table.id() + "/" + new ItemKey(action.key().partition(), new byte[0]))) {
                continue;
            }
            String name = action.schema().partition().name();
            Map<String, AttributeValue> key = keyOf(action.action());
            metrics.computeIfAbsent(table.name(), n -> new ArrayList<>()).add(CollectionSize.of(
                    action.writer().items().partitionSize(action.key().partition()), Map.of(name, key.get(name))));
        }
        return metrics;
    }

    /**
     * A repeat of a committed transaction's token: nothing is written again; DynamoDB then reports the read
     * capacity of the items instead of the write capacity.
     */
    private TransactResults.TransactWritten repeated(TransactRequests.TransactWrite request) {
        Reporting.CapacityDetail detail = request.reporting().capacity();
        if (detail == Reporting.CapacityDetail.NONE) {
            return new TransactResults.TransactWritten(List.of(), Map.of());
        }
        return repository.readTables(tables -> {
            Map<String, ConsumedCapacity> capacity = new LinkedHashMap<>();
            for (WriteAction action : request.actions()) {
                Optional<ItemRepository.TableReader> reader = tables.open(action.table());
                if (reader.isEmpty()) {
                    continue;
                }
                Table table = reader.get().table();
                KeySchema schema = TypedKeys.of(table.definition());
                Map<String, AttributeValue> key = ItemKeys.keyOf(keyOf(action), schema);
                long bytes = reader.get().items().get(ItemKey.of(key, schema)).map(ItemSize::of).orElse(0L);
                add(capacity, table, ConsumedCapacity.units(bytes, ConsumedCapacity.READ_UNIT_BYTES), false, detail);
            }
            return new TransactResults.TransactWritten(List.copyOf(capacity.values()), Map.of());
        });
    }

    /** The key attributes of an action (a Put's whole item, which holds them). */
    private static Map<String, AttributeValue> keyOf(WriteAction action) {
        return switch (action) {
            case WriteAction.Put put -> put.item();
            case WriteAction.Insert insert -> insert.item();
            case WriteAction.Update update -> update.key();
            case WriteAction.Delete delete -> delete.key();
            case WriteAction.ConditionCheck check -> check.key();
        };
    }
}
