package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import java.util.Map;
import java.util.Optional;

/**
 * Why one action of a cancelled transaction did not go through, as DynamoDB's {@code CancellationReasons}
 * lists it: {@code None} for an action that would have succeeded, {@code ConditionalCheckFailed} (with the
 * item when the action asked for it), {@code DuplicateItem} (a PartiQL INSERT), {@code ValidationError}. Immutable.
 */
public record CancellationReason(String code, Optional<String> message, Optional<Map<String, AttributeValue>> item) {
    public static final String NONE = "None";
    public static final String CONDITION_FAILED = "ConditionalCheckFailed";
    public static final String VALIDATION_ERROR = "ValidationError";
    public static final String DUPLICATE_ITEM = "DuplicateItem";

    static CancellationReason none() {
        return new CancellationReason(NONE, Optional.empty(), Optional.empty());
    }

    public boolean cancels() {
        return !code.equals(NONE);
    }
}
