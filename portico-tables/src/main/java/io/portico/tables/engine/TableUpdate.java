package io.portico.tables.engine;

import java.util.List;

/**
 * What UpdateTable did: the table as it was and as it is stored now. UpdateTable's answer shows both at
 * once, as AWS's does while the change is under way: an index just created is CREATING in it and an index
 * just deleted is still listed, DELETING.
 */
public record TableUpdate(Table before, Table after) {

    /** Global indexes the update created. */
    public List<SecondaryIndex> created() {
        return after.definition().globalIndexes().stream()
                .filter(i -> before.definition().index(i.name()).isEmpty()).toList();
    }

    /** Global indexes the update deleted, as they were. */
    public List<SecondaryIndex> deleted() {
        return before.definition().globalIndexes().stream()
                .filter(i -> after.definition().index(i.name()).isEmpty()).toList();
    }
}
