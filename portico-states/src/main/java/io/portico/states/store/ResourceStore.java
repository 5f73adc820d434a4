package io.portico.states.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.portico.core.json.Json;
import io.portico.core.store.Insertion;
import io.portico.core.store.NewRow;
import io.portico.core.store.Row;
import io.portico.core.store.Store;
import io.portico.states.engine.ActivityInfo;
import io.portico.states.engine.AliasInfo;
import io.portico.states.engine.ResourceRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Aliases, activities and tags in the store. Thread safe. */
public final class ResourceStore implements ResourceRepository {
    private static final TypeReference<List<AliasInfo.Route>> ROUTES = new TypeReference<>() {
    };

    private final Store store;
    private final ResourceTags tags;

    public ResourceStore(Store store, ResourceTags tags) {
        this.store = store;
        this.tags = tags;
    }

    @Override
    public void putAlias(AliasInfo a) {
        String routing = writeRoutes(a.routing());
        store.write(tx -> {
            int updated = tx.update("UPDATE sfn_aliases SET description=?, routing=?, updated_ms=? WHERE arn=?",
                    a.description().orElse(null), routing, a.updateDate().toEpochMilli(), a.arn());
            if (updated == 0) {
                tx.update("INSERT INTO sfn_aliases (arn, machine_arn, name, description, routing, created_ms, updated_ms)"
                                + " VALUES (?,?,?,?,?,?,?)", a.arn(), a.machineArn(), a.name(), a.description().orElse(null),
                        routing, a.creationDate().toEpochMilli(), a.updateDate().toEpochMilli());
            }
            return null;
        });
    }

    @Override
    public Optional<AliasInfo> findAlias(String arn) {
        return store.read(tx -> tx.queryOne("SELECT * FROM sfn_aliases WHERE arn=?", ResourceStore::alias, arn));
    }

    @Override
    public List<AliasInfo> aliases(String machineArn) {
        return store.read(tx -> tx.query("SELECT * FROM sfn_aliases WHERE machine_arn=? ORDER BY name",
                ResourceStore::alias, machineArn));
    }

    @Override
    public void deleteAlias(String arn) {
        store.write(tx -> tx.update("DELETE FROM sfn_aliases WHERE arn=?", arn));
    }

    /**
     * Inserts the activity with its tags unless one of that ARN exists, which then comes back untouched
     * (its tags too: AWS ignores the tags of a repeated CreateActivity). A refusal of TOO_MANY_TAGS inserts nothing.
     */
    @Override
    public Insertion<ActivityInfo> insertActivityIfAbsent(ActivityInfo a, Map<String, String> newTags) {
        NewRow row = NewRow.into("sfn_activities").key("arn", a.arn()).value("account", a.account())
                .value("region", a.region()).value("name", a.name()).value("created_ms", a.creationDate().toEpochMilli())
                .build();
        return store.write(tx -> {
            Insertion<ActivityInfo> insertion = tx.insertIfAbsent(row, ResourceStore::activity);
            if (insertion instanceof Insertion.Inserted) {
                tags.tag(tx, a.arn(), newTags);
            }
            return insertion;
        });
    }

    @Override
    public Optional<ActivityInfo> findActivity(String arn) {
        return store.read(tx -> tx.queryOne("SELECT * FROM sfn_activities WHERE arn=?", ResourceStore::activity, arn));
    }

    @Override
    public List<ActivityInfo> activities(String account, String region) {
        return store.read(tx -> tx.query("SELECT * FROM sfn_activities WHERE account=? AND region=? ORDER BY name",
                ResourceStore::activity, account, region));
    }

    @Override
    public void deleteActivity(String arn) {
        store.write(tx -> {
            tags.deleteAll(tx, arn);
            return tx.update("DELETE FROM sfn_activities WHERE arn=?", arn);
        });
    }

    /** The resource's tags sorted by key; a new mutable map. */
    @Override
    public Map<String, String> tags(String resourceArn) {
        return tags.list(resourceArn);
    }

    /** Adds or overwrites tags; refused with TOO_MANY_TAGS if the resource would have more than {@link ResourceTags#LIMIT}. */
    @Override
    public void tag(String resourceArn, Map<String, String> newTags) {
        tags.tag(resourceArn, newTags);
    }

    @Override
    public void untag(String resourceArn, List<String> keys) {
        tags.untag(resourceArn, keys);
    }

    private static AliasInfo alias(Row r) {
        try {
            return new AliasInfo(r.string("arn"), r.string("machine_arn"), r.string("name"),
                    Optional.ofNullable(r.string("description")), Json.mapper().readValue(r.string("routing"), ROUTES),
                    Instant.ofEpochMilli(r.longValue("created_ms")), Instant.ofEpochMilli(r.longValue("updated_ms")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt alias routing for " + r.string("arn"), e);
        }
    }

    private static String writeRoutes(List<AliasInfo.Route> routes) {
        try {
            return Json.mapper().writeValueAsString(routes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ActivityInfo activity(Row r) {
        return new ActivityInfo(r.string("arn"), r.string("account"), r.string("region"), r.string("name"),
                Instant.ofEpochMilli(r.longValue("created_ms")));
    }
}
