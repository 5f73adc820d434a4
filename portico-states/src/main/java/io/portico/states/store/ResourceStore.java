package io.portico.states.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.core.store.Row;
import io.portico.core.store.Store;
import io.portico.states.engine.ActivityInfo;
import io.portico.states.engine.AliasInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Aliases, activities and tags in the store. Thread safe. */
public final class ResourceStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<AliasInfo.Route>> ROUTES = new TypeReference<>() {
    };

    private final Store store;

    public ResourceStore(Store store) {
        this.store = store;
    }

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

    public Optional<AliasInfo> findAlias(String arn) {
        return store.read(tx -> tx.queryOne("SELECT * FROM sfn_aliases WHERE arn=?", ResourceStore::alias, arn));
    }

    public List<AliasInfo> aliases(String machineArn) {
        return store.read(tx -> tx.query("SELECT * FROM sfn_aliases WHERE machine_arn=? ORDER BY name",
                ResourceStore::alias, machineArn));
    }

    public void deleteAlias(String arn) {
        store.write(tx -> tx.update("DELETE FROM sfn_aliases WHERE arn=?", arn));
    }

    public void insertActivity(ActivityInfo a) {
        store.write(tx -> tx.update("INSERT INTO sfn_activities (arn, account, region, name, created_ms) VALUES (?,?,?,?,?)",
                a.arn(), a.account(), a.region(), a.name(), a.creationDate().toEpochMilli()));
    }

    public Optional<ActivityInfo> findActivity(String arn) {
        return store.read(tx -> tx.queryOne("SELECT * FROM sfn_activities WHERE arn=?", ResourceStore::activity, arn));
    }

    public List<ActivityInfo> activities(String account, String region) {
        return store.read(tx -> tx.query("SELECT * FROM sfn_activities WHERE account=? AND region=? ORDER BY name",
                ResourceStore::activity, account, region));
    }

    public void deleteActivity(String arn) {
        store.write(tx -> {
            tx.update("DELETE FROM sfn_tags WHERE resource_arn=?", arn);
            return tx.update("DELETE FROM sfn_activities WHERE arn=?", arn);
        });
    }

    public Map<String, String> tags(String resourceArn) {
        Map<String, String> tags = new LinkedHashMap<>();
        store.read(tx -> tx.query("SELECT tag_key, tag_value FROM sfn_tags WHERE resource_arn=? ORDER BY tag_key",
                r -> tags.put(r.string("tag_key"), r.string("tag_value")), resourceArn));
        return tags;
    }

    public void tag(String resourceArn, Map<String, String> tags) {
        store.write(tx -> {
            for (Map.Entry<String, String> e : tags.entrySet()) {
                tx.update("INSERT INTO sfn_tags (resource_arn, tag_key, tag_value) VALUES (?,?,?) "
                        + "ON CONFLICT (resource_arn, tag_key) DO UPDATE SET tag_value=excluded.tag_value",
                        resourceArn, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    public void untag(String resourceArn, List<String> keys) {
        store.write(tx -> {
            for (String key : keys) {
                tx.update("DELETE FROM sfn_tags WHERE resource_arn=? AND tag_key=?", resourceArn, key);
            }
            return null;
        });
    }

    private static AliasInfo alias(Row r) {
        try {
            return new AliasInfo(r.string("arn"), r.string("machine_arn"), r.string("name"),
                    Optional.ofNullable(r.string("description")), JSON.readValue(r.string("routing"), ROUTES),
                    Instant.ofEpochMilli(r.longValue("created_ms")), Instant.ofEpochMilli(r.longValue("updated_ms")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt alias routing for " + r.string("arn"), e);
        }
    }

    private static String writeRoutes(List<AliasInfo.Route> routes) {
        try {
            return JSON.writeValueAsString(routes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ActivityInfo activity(Row r) {
        return new ActivityInfo(r.string("arn"), r.string("account"), r.string("region"), r.string("name"),
                Instant.ofEpochMilli(r.longValue("created_ms")));
    }
}
