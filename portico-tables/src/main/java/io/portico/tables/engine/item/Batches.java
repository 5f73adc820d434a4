package io.portico.tables.engine.item;

import io.portico.tables.engine.Table;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Projector;
import io.portico.tables.engine.item.BatchRequests.WriteRequest;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.ItemKeys;
import io.portico.tables.engine.value.ItemSize;
import io.portico.tables.engine.value.KeySchema;
import io.portico.tables.engine.value.Wording;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BatchGetItem and BatchWriteItem.
 *
 * <p>BatchWriteItem checks every write of every table first (tables exist, keys fit, no key twice, sizes),
 * in DynamoDB's older checker's words, and then writes them all in one store transaction: a request is
 * applied whole or not at all, so UnprocessedItems is always empty (DynamoDB may leave some unprocessed
 * under throttling, which Portico does not do). BatchGetItem reads table by table and stops adding items
 * once the answer holds 16 MB; the keys it did not reach are UnprocessedKeys. Stateless; thread safe.
 */
public final class Batches {
    /** DynamoDB's limits: 100 keys per BatchGetItem, 25 writes per BatchWriteItem, 16 MB per answer. */
    static final int MAX_GET_KEYS = 100;
    static final int MAX_WRITES = 25;
    static final long MAX_GET_BYTES = 16L * 1024 * 1024;
    static final String DUPLICATES = "Provided list of item keys contains duplicates";

    private final ItemRepository repository;

    private Batches(ItemRepository repository) {
        this.repository = repository;
    }

    public static Batches create(ItemRepository repository) {
        return new Batches(repository);
    }

    public BatchResults.BatchGot get(BatchRequests.BatchGet request) {
        int keys = request.tables().stream().mapToInt(t -> t.keys().size()).sum();
        if (keys > MAX_GET_KEYS) {
            throw TablesException.validation("Too many items requested for the BatchGetItem call");
        }
        List<List<Map<String, AttributeValue>>> items = new ArrayList<>();
        List<Integer> processed = new ArrayList<>();
        List<ConsumedCapacity> capacity = new ArrayList<>();
        long answered = 0;
        for (BatchRequests.TableKeys table : request.tables()) {
            long before = answered;
            TableRead read = repository.read(table.table(), (t, reader) -> read(t, reader, table, before))
                    .orElseThrow(TablesException::itemTableNotFound);
            answered = read.bytes();
            items.add(read.items());
            processed.add(read.processed());
            double units = table.consistent() ? read.units() : read.units() / 2.0;
            Items.capacity(request.reporting(), () -> ConsumedCapacity.ofUnits(read.table(), units, false,
                    request.reporting().capacity())).ifPresent(capacity::add);
        }
        return new BatchResults.BatchGot(items, processed, capacity);
    }

    /** One table's part of a BatchGetItem: its items, how many keys were read, the answer's size so far. */
    private record TableRead(Table table, List<Map<String, AttributeValue>> items, int processed, long bytes,
            long units) {
    }

    private static TableRead read(Table table, ItemReader reader, BatchRequests.TableKeys request, long answered) {
        KeySchema keys = TypedKeys.of(table.definition());
        Set<ItemKey> seen = new HashSet<>();
        for (Map<String, AttributeValue> key : request.keys()) {
            ItemKeys.checkKey(key, keys);
            if (!seen.add(ItemKey.of(key, keys))) {
                throw TablesException.validation(DUPLICATES);
            }
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        long bytes = answered;
        long units = 0;
        int processed = 0;
        for (Map<String, AttributeValue> key : request.keys()) {
            if (bytes >= MAX_GET_BYTES) {
                break;
            }
            processed++;
            Optional<Map<String, AttributeValue>> item = reader.get(ItemKey.of(key, keys));
            // each item is its own read, rounded up to 4 KB on its own, as DynamoDB charges a batch
            units += (long) ConsumedCapacity.units(item.map(ItemSize::of).orElse(0L), ConsumedCapacity.READ_UNIT_BYTES);
            if (item.isPresent()) {
                Map<String, AttributeValue> answer = request.projection().map(p -> Projector.project(item.get(), p))
                        .orElse(item.get());
                bytes += ItemSize.of(answer);
                items.add(answer);
            }
        }
        return new TableRead(table, items, processed, bytes, units);
    }

    public BatchResults.BatchWritten write(BatchRequests.BatchWrite request) {
        int writes = request.tables().stream().mapToInt(t -> t.writes().size()).sum();
        if (writes > MAX_WRITES) {
            throw TablesException.validation("Too many items requested for the BatchWriteItem call");
        }
        return repository.writeTables(tables -> {
            List<ItemRepository.TableWriter> opened = new ArrayList<>();
            List<List<Keyed>> checked = new ArrayList<>();
            for (BatchRequests.TableWrites table : request.tables()) {
                ItemRepository.TableWriter writer = tables.open(table.table())
                        .orElseThrow(TablesException::itemTableNotFound);
                opened.add(writer);
                checked.add(check(writer.table(), table.writes()));
            }
            List<ConsumedCapacity> capacity = new ArrayList<>();
            List<List<WriteResult.CollectionMetrics>> metrics = new ArrayList<>();
            for (int i = 0; i < opened.size(); i++) {
                ItemRepository.TableWriter writer = opened.get(i);
                ConsumedCapacity units = ConsumedCapacity.ofUnits(writer.table(), 0, true,
                        request.reporting().capacity());
                Map<ItemKey, Map<String, AttributeValue>> partitions = new LinkedHashMap<>();
                for (Keyed write : checked.get(i)) {
                    Optional<Map<String, AttributeValue>> before = writer.items().get(write.key());
                    writer.items().replace(write.key(), before, write.item());
                    if (request.reporting().capacity() != Reporting.CapacityDetail.NONE) {
                        double tableUnits = ConsumedCapacity.units(Math.max(before.map(ItemSize::of).orElse(0L),
                                write.item().map(ItemSize::of).orElse(0L)), ConsumedCapacity.WRITE_UNIT_BYTES);
                        units = units.plusTable(tableUnits)
                                .plus(IndexWriteUnits.of(writer.table(), before, write.item()));
                    }
                    partitions.putIfAbsent(new ItemKey(write.key().partition(), new byte[0]), write.partitionKey());
                }
                ConsumedCapacity total = units;
                Items.capacity(request.reporting(), () -> total).ifPresent(capacity::add);
                metrics.add(collectionMetrics(writer, partitions, request.reporting()));
            }
            return new BatchResults.BatchWritten(capacity, metrics);
        });
    }

    /** A checked write: where, what to store there (empty: delete), and its partition key attribute. */
    private record Keyed(ItemKey key, Optional<Map<String, AttributeValue>> item,
            Map<String, AttributeValue> partitionKey) {
    }

    private static List<Keyed> check(Table table, List<WriteRequest> writes) {
        KeySchema keys = TypedKeys.of(table.definition());
        Set<ItemKey> seen = new HashSet<>();
        List<Keyed> checked = new ArrayList<>();
        for (WriteRequest write : writes) {
            Map<String, AttributeValue> key = switch (write) {
                case WriteRequest.Put put -> ItemKeys.keyOf(put.item(), keys);
                case WriteRequest.Delete delete -> delete.key();
            };
            // BatchWriteItem answers a put without its keys as a key that does not fit (recorded,
            // test_batch_write_not_matching_schema), not as PutItem's "Missing the key".
            ItemKeys.checkKey(key, keys, Wording.OLDER);
            if (write instanceof WriteRequest.Put put) {
                ItemSize.check(put.item());
                IndexEntries.check(table, put.item());
            }
            ItemKey at = ItemKey.of(key, keys);
            if (!seen.add(at)) {
                throw TablesException.validation(DUPLICATES);
            }
            Optional<Map<String, AttributeValue>> item = write instanceof WriteRequest.Put put
                    ? Optional.of(put.item()) : Optional.empty();
            checked.add(new Keyed(at, item, Map.of(keys.partition().name(), key.get(keys.partition().name()))));
        }
        return checked;
    }

    private static List<WriteResult.CollectionMetrics> collectionMetrics(ItemRepository.TableWriter writer,
            Map<ItemKey, Map<String, AttributeValue>> partitions, Reporting reporting) {
        if (!reporting.itemCollectionMetrics() || writer.table().definition().localIndexes().isEmpty()) {
            return List.of();
        }
        List<WriteResult.CollectionMetrics> metrics = new ArrayList<>();
        partitions.forEach((partition, key) -> metrics.add(CollectionSize.of(
                writer.items().partitionSize(partition.partition()), key)));
        return metrics;
    }
}
