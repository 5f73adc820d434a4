package io.portico.tables.engine.item;

import io.portico.tables.engine.SecondaryIndex;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.ItemSize;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The write units an item change costs on each of its table's indexes, as AWS documents them: putting or
 * deleting an entry costs its size in started KB; changing an entry in place costs the larger of its sizes
 * (nothing if it did not change); moving it to another index key costs a delete and a put. An index the
 * item is in neither before nor after costs nothing. Stateless.
 */
final class IndexWriteUnits {
    private IndexWriteUnits() {
    }

    static Map<SecondaryIndex, Double> of(Table table, Optional<Map<String, AttributeValue>> before,
            Optional<Map<String, AttributeValue>> after) {
        Map<String, IndexEntries.Entry> old = entries(table, before);
        Map<String, IndexEntries.Entry> now = entries(table, after);
        Map<SecondaryIndex, Double> units = new LinkedHashMap<>();
        for (SecondaryIndex index : table.definition().indexes()) {
            double cost = cost(Optional.ofNullable(old.get(index.name())), Optional.ofNullable(now.get(index.name())));
            if (cost > 0) {
                units.put(index, cost);
            }
        }
        return units;
    }

    private static double cost(Optional<IndexEntries.Entry> old, Optional<IndexEntries.Entry> now) {
        if (old.isEmpty()) {
            return now.map(IndexWriteUnits::units).orElse(0.0);
        }
        if (now.isEmpty()) {
            return units(old.get());
        }
        if (!old.get().key().equals(now.get().key())) {
            return units(old.get()) + units(now.get());
        }
        if (old.get().projected().equals(now.get().projected())) {
            return 0;
        }
        return Math.max(units(old.get()), units(now.get()));
    }

    private static double units(IndexEntries.Entry entry) {
        return ConsumedCapacity.units(ItemSize.of(entry.projected()), ConsumedCapacity.WRITE_UNIT_BYTES);
    }

    private static Map<String, IndexEntries.Entry> entries(Table table, Optional<Map<String, AttributeValue>> item) {
        Map<String, IndexEntries.Entry> entries = new LinkedHashMap<>();
        item.ifPresent(i -> IndexEntries.of(table, i).forEach(e -> entries.put(e.index(), e)));
        return entries;
    }
}
