package io.portico.tables.store;

import io.portico.core.store.Row;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.tables.engine.StreamViewType;
import io.portico.tables.engine.item.StreamRecord.EventName;
import io.portico.tables.engine.stream.ChangeRecord;
import io.portico.tables.engine.stream.StoredShard;
import io.portico.tables.engine.stream.StoredStream;
import io.portico.tables.engine.stream.StreamRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The streams engine's reads of {@code ddb_streams} and {@code ddb_stream_records} (written by
 * {@link StreamLog} in the item changes' transactions), and the retention trim. A stream's account, region
 * and table name are in its ARN, so a stream whose table was deleted stays listable and readable until its
 * records age out; its key schema is read from the table while the table exists. Thread safe.
 */
public final class StreamStore implements StreamRepository {
    private final Store store;

    private StreamStore(Store store) {
        this.store = store;
    }

    /** Streams on {@code store}, whose schema {@link TableStore#migrate} brings up to date. */
    public static StreamStore over(Store store) {
        return new StreamStore(store);
    }

    @Override
    public List<StoredStream> list(String arnPrefix) {
        // The prefix is compared with substr, not LIKE: table names may hold '_', a LIKE wildcard. Ordered in
        // Java: PostgreSQL's collations need not order text byte by byte.
        return store.read(tx -> tx.query("SELECT arn FROM ddb_streams WHERE substr(arn, 1, ?) = ?",
                r -> r.string("arn"), arnPrefix.length(), arnPrefix).stream().sorted(Comparator.naturalOrder())
                .map(arn -> stream(tx, arn).orElseThrow()).toList());
    }

    @Override
    public Optional<StoredStream> find(String arn) {
        return store.read(tx -> stream(tx, arn));
    }

    @Override
    public List<ChangeRecord> records(String arn, String shardId, long from, int limit) {
        // The shard's end is read in the same statement, so a rollover committed since the caller looked at
        // the shard cannot let a child's records into the parent's read; a shard trimmed away since then has
        // no row, the bound is NULL and nothing is read (its records went with it, and what follows is its
        // child's).
        return store.read(tx -> tx.query("SELECT sequence, event_id, event_name, created_ms, key_values, new_image, "
                + "old_image, size_bytes, principal FROM ddb_stream_records WHERE stream_arn=? AND sequence>=? "
                + "AND sequence <= (SELECT COALESCE(last_sequence, ?) FROM ddb_stream_shards WHERE stream_arn=? AND "
                + "shard_id=?) ORDER BY sequence LIMIT ?", StreamStore::record, arn, from, Long.MAX_VALUE, arn,
                shardId, limit));
    }

    @Override
    public int rollOver(Instant openedBefore, Instant now) {
        record Due(String arn, String shardId) {
        }
        List<Due> due = store.read(tx -> tx.query("SELECT sh.stream_arn, sh.shard_id FROM ddb_stream_shards sh "
                + "JOIN ddb_streams st ON st.arn = sh.stream_arn WHERE sh.last_sequence IS NULL AND st.disabled_ms IS "
                + "NULL AND sh.created_ms <= ? AND st.next_sequence > sh.first_sequence",
                r -> new Due(r.string("stream_arn"), r.string("shard_id")), openedBefore.toEpochMilli()));
        int rolled = 0;
        RuntimeException failed = null;
        for (Due shard : due) {
            try { // one stream's failure must not hold back the others' rollovers
                if (store.write(tx -> StreamLog.rollOver(tx, shard.arn(), shard.shardId(), now))) {
                    rolled++;
                }
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return rolled;
    }

    @Override
    public int trim(Instant before, int limit) {
        return store.write(tx -> {
            int deleted = tx.update("DELETE FROM ddb_stream_records WHERE (stream_arn, sequence) IN ("
                    + "SELECT stream_arn, sequence FROM ddb_stream_records WHERE created_ms < ? LIMIT ?)",
                    before.toEpochMilli(), limit);
            if (deleted < limit) {
                tx.update("DELETE FROM ddb_stream_shards WHERE closed_ms < ?", before.toEpochMilli());
                tx.update("DELETE FROM ddb_streams WHERE disabled_ms < ? AND NOT EXISTS (SELECT 1 FROM "
                        + "ddb_stream_records WHERE stream_arn = ddb_streams.arn)", before.toEpochMilli());
            }
            return deleted;
        });
    }

    private static Optional<StoredStream> stream(StoreTransaction tx, String arn) {
        record StreamRow(String tableId, StreamViewType view, long created, Long disabled, long last) {
        }
        return tx.queryOne("SELECT table_id, view_type, created_ms, disabled_ms, next_sequence FROM ddb_streams "
                + "WHERE arn=?", r -> new StreamRow(r.string("table_id"), StreamViewType.valueOf(r.string("view_type")),
                        r.longValue("created_ms"), r.nullableLong("disabled_ms"), r.longValue("next_sequence") - 1), arn)
                .map(row -> {
                    Optional<Long> oldest = tx.queryOne("SELECT sequence FROM ddb_stream_records WHERE stream_arn=? "
                            + "ORDER BY sequence LIMIT 1", r -> r.longValue("sequence"), arn);
                    return new StoredStream(arn, row.view(), Instant.ofEpochMilli(row.created()),
                            Optional.ofNullable(row.disabled()).map(Instant::ofEpochMilli), row.last(), oldest,
                            TableStore.findById(tx, row.tableId()).map(t -> t.definition().keys()),
                            shards(tx, arn, oldest.orElse(row.last() + 1)));
                });
    }

    /**
     * The stream's shards, parents first (each opens where the one before it closed), without those closed
     * shards whose records have all aged out (the sweep deletes their rows once they closed 24 hours ago).
     */
    private static List<StoredShard> shards(StoreTransaction tx, String arn, long trimHorizon) {
        return tx.query("SELECT shard_id, parent_shard_id, created_ms, first_sequence, last_sequence FROM "
                + "ddb_stream_shards WHERE stream_arn=? ORDER BY first_sequence, created_ms", r -> new StoredShard(
                        r.string("shard_id"), Optional.ofNullable(r.string("parent_shard_id")),
                        Instant.ofEpochMilli(r.longValue("created_ms")), r.longValue("first_sequence"),
                        Optional.ofNullable(r.nullableLong("last_sequence"))), arn).stream()
                .filter(shard -> shard.lastSequence().filter(last -> last >= shard.firstSequence() && last < trimHorizon)
                        .isEmpty())
                .toList();
    }

    private static ChangeRecord record(Row r) {
        byte[] newImage = r.bytes("new_image");
        byte[] oldImage = r.bytes("old_image");
        return new ChangeRecord(r.longValue("sequence"), r.string("event_id"),
                EventName.valueOf(r.string("event_name")), Instant.ofEpochMilli(r.longValue("created_ms")),
                ItemDocuments.read(r.bytes("key_values")), Optional.ofNullable(newImage).map(ItemDocuments::read),
                Optional.ofNullable(oldImage).map(ItemDocuments::read), r.longValue("size_bytes"),
                Optional.ofNullable(r.string("principal")));
    }
}
