package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.Map;

/**
 * One row read by a {@link KeyRange}: where it is ({@code position}) and the attributes stored there (a
 * table row's whole item, an index row's projected attributes). Immutable.
 */
public record StoredRow(KeyRange.Position position, Map<String, AttributeValue> attributes) {
}
