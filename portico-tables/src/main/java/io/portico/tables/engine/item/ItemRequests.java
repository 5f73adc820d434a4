package io.portico.tables.engine.item;

import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.Projection;
import io.portico.tables.engine.expression.Update;
import io.portico.tables.engine.value.AttributeValue;
import java.util.Map;
import java.util.Optional;

/**
 * The single-item requests, parsed: values are checked {@link AttributeValue}s and expressions (or the
 * legacy members, which become the same records) are parsed; what needs the table (keys, types, sizes) is
 * left to {@link Items}. {@code oldOnConditionFailure} is ReturnValuesOnConditionCheckFailure=ALL_OLD.
 */
public final class ItemRequests {
    private ItemRequests() {
    }

    public record PutItem(TableRef table, Map<String, AttributeValue> item, Optional<Condition> condition,
            ReturnValues returnValues, boolean oldOnConditionFailure, Reporting reporting) {
    }

    public record UpdateItem(TableRef table, Map<String, AttributeValue> key, Optional<Update> update,
            Optional<Condition> condition, ReturnValues returnValues, boolean oldOnConditionFailure,
            Reporting reporting) {
    }

    public record DeleteItem(TableRef table, Map<String, AttributeValue> key, Optional<Condition> condition,
            ReturnValues returnValues, boolean oldOnConditionFailure, Reporting reporting) {
    }

    /** All reads are consistent in Portico; {@code consistent} only decides the capacity reported. */
    public record GetItem(TableRef table, Map<String, AttributeValue> key, Optional<Projection> projection,
            boolean consistent, Reporting reporting) {
    }
}
