package io.portico.states.store;

import io.portico.core.store.StoreTransaction;
import io.portico.core.tags.TagLimitExceededException;
import io.portico.core.tags.TagTable;
import io.portico.states.engine.StepFunctionsException;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * Step Functions' tags on the kit's tag table: state machines and activities may carry at most
 * {@value #LIMIT} tags, and going over is {@link StepFunctionsException.Kind#TOO_MANY_TAGS}. Thread safe.
 */
public final class ResourceTags {
    /** Tags a state machine or activity may carry (AWS: 50). */
    public static final int LIMIT = 50;

    private final TagTable table;

    private ResourceTags(TagTable table) {
        this.table = table;
    }

    /** Step Functions' view of {@code table}. */
    public static ResourceTags on(TagTable table) {
        return new ResourceTags(table);
    }

    /** The resource's tags sorted by key; a new mutable map. */
    public SortedMap<String, String> list(String resourceArn) {
        return table.list(resourceArn);
    }

    /** Adds or overwrites tags; TOO_MANY_TAGS if the resource would have more than {@value #LIMIT}. */
    public void tag(String resourceArn, Map<String, String> tags) {
        try {
            table.tag(resourceArn, tags, LIMIT);
        } catch (TagLimitExceededException e) {
            throw tooMany();
        }
    }

    public void untag(String resourceArn, Collection<String> keys) {
        table.untag(resourceArn, keys);
    }

    /** {@link #tag} inside the caller's transaction (a create's tags commit with the resource). */
    void tag(StoreTransaction tx, String resourceArn, Map<String, String> tags) {
        try {
            table.in(tx).tag(resourceArn, tags, LIMIT);
        } catch (TagLimitExceededException e) {
            throw tooMany();
        }
    }

    /** Drops the tags of a deleted resource inside the delete's transaction. */
    void deleteAll(StoreTransaction tx, String resourceArn) {
        table.in(tx).deleteAll(resourceArn);
    }

    private static StepFunctionsException tooMany() {
        return StepFunctionsException.of(StepFunctionsException.Kind.TOO_MANY_TAGS,
                "Too many tags: the resource can have at most " + LIMIT + " tags");
    }
}
