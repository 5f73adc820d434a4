package io.portico.core.tags;

import io.portico.core.store.Migration;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one tag table every service keeps its resources' tags in ({@code core_tags}: resource ARN, key,
 * value). The ARN carries service, region and account, so scoping needs no columns of its own, and a
 * later Resource Groups Tagging API can read every service's tags in one place.
 *
 * <p>Two ways to use it. Standalone ({@link #tag}, {@link #untag}, {@link #list}, {@link #deleteAll}),
 * each one durable transaction of its own, for TagResource, UntagResource and ListTags. Or inside the
 * caller's transaction through {@link #in(StoreTransaction)}, so that tags given to a create are
 * written with the resource (and vanish with it if the create fails), and a delete drops the tags with
 * the row: {@code tags.in(tx).deleteAll(arn)}.
 *
 * <p>Tags list in key order (sorted in Java, so SQLite and PostgreSQL collations cannot differ). The
 * per-resource limit is a parameter because services differ (Step Functions and Lambda allow 50); it
 * is checked against the tags the resource would have after the change, so re-tagging existing keys
 * never counts twice.
 *
 * <p>Thread safe. {@link #of} touches nothing; {@link #migrate} creates the table (module
 * {@value #MODULE}) and belongs in the service's start, before its own migrations when those move an
 * old tag table here.
 */
public final class TagTable {
    /** The schema module name under which the tag table is migrated. */
    public static final String MODULE = "core.tags";

    private final Store store;

    private TagTable(Store store) {
        this.store = store;
    }

    /** The tag table of {@code store}; nothing is read or written until it is used. */
    public static TagTable of(Store store) {
        return new TagTable(store);
    }

    /** Creates the table if absent (idempotent). */
    public void migrate() {
        store.migrate(MODULE, List.of(Migration.of(1, """
                CREATE TABLE core_tags (
                  resource_arn TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
                  PRIMARY KEY (resource_arn, tag_key))""")));
    }

    /** The resource's tags, sorted by key; a new mutable map, empty for an untagged or unknown resource. */
    public SortedMap<String, String> list(String resourceArn) {
        return store.read(tx -> in(tx).list(resourceArn));
    }

    /**
     * Adds or overwrites {@code tags} on the resource in one durable transaction.
     *
     * @throws TagLimitExceededException if the resource would have more than {@code limit} tags
     */
    public void tag(String resourceArn, Map<String, String> tags, int limit) {
        if (!tags.isEmpty()) {
            store.write(tx -> {
                in(tx).tag(resourceArn, tags, limit);
                return null;
            });
        }
    }

    /** Removes the tags with these keys; keys the resource does not have are ignored, as on AWS. */
    public void untag(String resourceArn, Collection<String> keys) {
        if (!keys.isEmpty()) {
            store.write(tx -> {
                in(tx).untag(resourceArn, keys);
                return null;
            });
        }
    }

    /** Removes every tag of the resource (it was deleted). */
    public void deleteAll(String resourceArn) {
        store.write(tx -> {
            in(tx).deleteAll(resourceArn);
            return null;
        });
    }

    /** The same operations inside the caller's transaction. */
    public Tags in(StoreTransaction tx) {
        return new Tags(tx);
    }

    /** The tag operations bound to one transaction; valid only while that transaction runs. Not thread safe. */
    public static final class Tags {
        private final StoreTransaction tx;

        private Tags(StoreTransaction tx) {
            this.tx = tx;
        }

        /** @see TagTable#list */
        public SortedMap<String, String> list(String resourceArn) {
            SortedMap<String, String> tags = new TreeMap<>();
            tx.query("SELECT tag_key, tag_value FROM core_tags WHERE resource_arn=?",
                    r -> tags.put(r.string("tag_key"), r.string("tag_value")), resourceArn);
            return tags;
        }

        /** @see TagTable#tag */
        public void tag(String resourceArn, Map<String, String> tags, int limit) {
            if (tags.isEmpty()) {
                return;
            }
            Set<String> keys = new HashSet<>(tx.query("SELECT tag_key FROM core_tags WHERE resource_arn=?",
                    r -> r.string("tag_key"), resourceArn));
            keys.addAll(tags.keySet());
            if (keys.size() > limit) {
                throw new TagLimitExceededException(resourceArn, limit, keys.size());
            }
            tags.forEach((key, value) -> tx.update("INSERT INTO core_tags (resource_arn, tag_key, tag_value) "
                    + "VALUES (?,?,?) ON CONFLICT (resource_arn, tag_key) DO UPDATE SET tag_value=excluded.tag_value",
                    resourceArn, key, value));
        }

        /** @see TagTable#untag */
        public void untag(String resourceArn, Collection<String> keys) {
            for (String key : keys) {
                tx.update("DELETE FROM core_tags WHERE resource_arn=? AND tag_key=?", resourceArn, key);
            }
        }

        /** @see TagTable#deleteAll */
        public void deleteAll(String resourceArn) {
            tx.update("DELETE FROM core_tags WHERE resource_arn=?", resourceArn);
        }
    }
}
