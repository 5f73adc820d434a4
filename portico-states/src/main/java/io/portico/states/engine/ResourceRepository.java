package io.portico.states.engine;

import io.portico.core.store.Insertion;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where aliases, activities and tags are kept. Each change is one transaction, durable when it returns.
 * The engine owns this interface; the module's {@code store} package implements it. Implementations are
 * thread safe; nothing is null.
 */
public interface ResourceRepository {

    /** Inserts the alias, or replaces its description, routing and update date. */
    void putAlias(AliasInfo alias);

    Optional<AliasInfo> findAlias(String arn);

    /** A machine's aliases, by name. */
    List<AliasInfo> aliases(String machineArn);

    void deleteAlias(String arn);

    /**
     * Inserts the activity with its tags unless one of that ARN exists, which then comes back untouched
     * (its tags too: AWS ignores the tags of a repeated CreateActivity). A refusal of TOO_MANY_TAGS inserts nothing.
     */
    Insertion<ActivityInfo> insertActivityIfAbsent(ActivityInfo activity, Map<String, String> tags);

    Optional<ActivityInfo> findActivity(String arn);

    /** The activities of one account and region, by name. */
    List<ActivityInfo> activities(String account, String region);

    /** Deletes the activity and its tags. */
    void deleteActivity(String arn);

    /** The resource's tags sorted by key; a new mutable map. */
    Map<String, String> tags(String resourceArn);

    /** Adds or overwrites tags; refused with TOO_MANY_TAGS if the resource would have more than Step Functions allows (50). */
    void tag(String resourceArn, Map<String, String> tags);

    /** Removes the tags with these keys; absent keys are ignored. */
    void untag(String resourceArn, List<String> keys);
}
