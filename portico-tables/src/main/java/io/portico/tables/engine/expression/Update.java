package io.portico.tables.engine.expression;

import java.util.List;

/** A parsed UpdateExpression: its actions in the order written. {@link UpdateApplier} applies it. */
public record Update(List<UpdateAction> actions) {
    public Update {
        actions = List.copyOf(actions);
    }

    /** The paths the update writes, in order (what UPDATED_OLD and UPDATED_NEW return). */
    public List<Path> paths() {
        return actions.stream().map(UpdateAction::path).toList();
    }
}
