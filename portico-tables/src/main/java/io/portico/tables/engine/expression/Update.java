package io.portico.tables.engine.expression;

import io.portico.tables.engine.TablesException;
import java.util.List;

/** A parsed UpdateExpression: its actions in the order written. {@link UpdateApplier} applies it. */
public record Update(List<UpdateAction> actions) {
    public Update {
        actions = List.copyOf(actions);
    }

    /**
     * Refuses an update that writes a key attribute (whole or nested), as UpdateItem does.
     *
     * @param keyNames the table's key attribute names, partition key first (the first one written is named)
     * @throws TablesException {@code INVALID_REQUEST}
     */
    public void requireKeysUntouched(List<String> keyNames) {
        for (String key : keyNames) {
            for (UpdateAction action : actions) {
                if (action.path().attribute().equals(key)) {
                    throw TablesException.validation("One or more parameter values were invalid: Cannot update "
                            + "attribute " + key + ". This attribute is part of the key");
                }
            }
        }
    }

    /** The paths the update writes, in order (what UPDATED_OLD and UPDATED_NEW return). */
    public List<Path> paths() {
        return actions.stream().map(UpdateAction::path).toList();
    }
}
