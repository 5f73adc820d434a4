package io.portico.tables.engine.item;

import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.expression.Projection;
import io.portico.tables.engine.value.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** BatchGetItem and BatchWriteItem, parsed; tables in the order the request lists them. */
public final class BatchRequests {
    private BatchRequests() {
    }

    public record BatchGet(List<TableKeys> tables, Reporting reporting) {
    }

    /** The keys asked of one table, with how to read them. */
    public record TableKeys(TableRef table, List<Map<String, AttributeValue>> keys, Optional<Projection> projection,
            boolean consistent) {
    }

    public record BatchWrite(List<TableWrites> tables, Reporting reporting) {
    }

    public record TableWrites(TableRef table, List<WriteRequest> writes) {
    }

    /** One write of a BatchWriteItem: a put of a whole item, or a delete by key. */
    public sealed interface WriteRequest {
        record Put(Map<String, AttributeValue> item) implements WriteRequest {
        }

        record Delete(Map<String, AttributeValue> key) implements WriteRequest {
        }
    }
}
