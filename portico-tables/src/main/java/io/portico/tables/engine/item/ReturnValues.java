package io.portico.tables.engine.item;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Path;
import io.portico.tables.engine.expression.Projector;
import io.portico.tables.engine.value.AttributeValue;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a write answers of the item: DynamoDB's {@code ReturnValues}. */
public enum ReturnValues {
    NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW;

    /** PutItem and DeleteItem recognise only these two (AWS's API reference). */
    public static final Set<ReturnValues> PUT_OR_DELETE = EnumSet.of(NONE, ALL_OLD);

    /**
     * {@code text} (absent: NONE) when the operation allows it.
     *
     * @throws TablesException {@code INVALID_REQUEST}, DynamoDB's {@code Return values set to invalid value} (its
     *     answer to PutItem with ALL_NEW, reported against AWS in public issues, e.g. taoensso/faraday#64)
     */
    public static ReturnValues of(Optional<String> text, Set<ReturnValues> allowed) {
        ReturnValues value = text.map(ReturnValues::valueOf).orElse(NONE);
        if (!allowed.contains(value)) {
            throw TablesException.validation("Return values set to invalid value");
        }
        return value;
    }

    /** The attributes to answer, given the item before and after and the paths an update wrote. */
    Optional<Map<String, AttributeValue>> select(Optional<Map<String, AttributeValue>> before,
            Optional<Map<String, AttributeValue>> after, List<Path> written) {
        Optional<Map<String, AttributeValue>> chosen = switch (this) {
            case NONE -> Optional.empty();
            case ALL_OLD -> before;
            case ALL_NEW -> after;
            case UPDATED_OLD -> before.map(item -> Projector.project(item, written));
            case UPDATED_NEW -> after.map(item -> Projector.project(item, written));
        };
        // DynamoDB leaves Attributes out rather than answer an empty map.
        return chosen.filter(item -> !item.isEmpty());
    }
}
