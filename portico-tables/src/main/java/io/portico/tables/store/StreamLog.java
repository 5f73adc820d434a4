package io.portico.tables.store;

import io.portico.core.store.StoreTransaction;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableStream;
import io.portico.tables.engine.item.StreamRecord;
import io.portico.tables.engine.stream.StoredShard;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Streams ({@code ddb_streams}) and their records ({@code ddb_stream_records}), written in the transaction of
 * the change they follow. A stream's row exists from the moment it is enabled (the table's create or update
 * writes it), and {@code next_sequence} hands out the stream's sequence numbers: read and bumped in the
 * record's transaction, so they are gapless and in commit order (SQLite has one writer; on PostgreSQL the
 * UPDATE locks the stream's row until commit). A disabled stream keeps its row and records, with the time
 * it was disabled.
 *
 * <p>Shards ({@code ddb_stream_shards}) are ranges of those sequence numbers, so a record needs no shard
 * column: it belongs to the shard whose range holds its sequence. A stream's first shard opens with its row;
 * a rollover ({@link #rollOver}) closes the open shard at the stream's last sequence and opens its child at
 * the next one in one transaction, which also locks the stream's row, so a record is committed either
 * before the rollover (in the parent) or after it (in the child), never lost between them. Disabling the
 * stream closes its open shard. Stateless.
 */
final class StreamLog {
    private StreamLog() {
    }

    /** Brings the table's latest stream's row in line with its definition. */
    static void sync(StoreTransaction tx, Table table, Instant now) {
        table.definition().stream().ifPresent(stream -> {
            String arn = table.streamArn(stream);
            Instant created = created(stream);
            int inserted = tx.update("INSERT INTO ddb_streams (arn, table_id, view_type, created_ms, disabled_ms, "
                    + "next_sequence) VALUES (?,?,?,?,?,1) ON CONFLICT (arn) DO NOTHING", arn, table.id(),
                    stream.viewType().name(), created.toEpochMilli(), stream.enabled() ? null : now.toEpochMilli());
            if (inserted == 1) {
                tx.update("INSERT INTO ddb_stream_shards (stream_arn, shard_id, created_ms, first_sequence) "
                        + "VALUES (?,?,?,1)", arn, StoredShard.id(arn, created, true), created.toEpochMilli());
            }
            if (!stream.enabled()) {
                tx.update("UPDATE ddb_streams SET disabled_ms=? WHERE arn=? AND disabled_ms IS NULL",
                        now.toEpochMilli(), arn);
                closeShards(tx, arn, now);
            }
        });
    }

    /**
     * Follows an UpdateTable: the previous stream, when it was on and is no longer the table's enabled
     * stream, is disabled now; a newly enabled one gets its row.
     */
    static void changed(StoreTransaction tx, Table before, Table after, Instant now) {
        Optional<TableStream> previous = before.definition().enabledStream();
        Optional<TableStream> current = after.definition().enabledStream();
        if (previous.isPresent() && !previous.equals(current)) {
            String arn = before.streamArn(previous.get());
            tx.update("UPDATE ddb_streams SET disabled_ms=? WHERE arn=? AND disabled_ms IS NULL", now.toEpochMilli(),
                    arn);
            closeShards(tx, arn, now);
        }
        sync(tx, after, now);
    }

    /** Marks the stream of a deleted table disabled; its records stay readable until they age out. */
    static void tableDeleted(StoreTransaction tx, Table table, Instant now) {
        tx.query("SELECT arn FROM ddb_streams WHERE table_id=? AND disabled_ms IS NULL", r -> r.string("arn"),
                table.id()).forEach(arn -> closeShards(tx, arn, now));
        tx.update("UPDATE ddb_streams SET disabled_ms=? WHERE table_id=? AND disabled_ms IS NULL", now.toEpochMilli(),
                table.id());
    }

    /**
     * Appends the record of a change to the table's stream; {@code principal} names the service that made
     * the change when DynamoDB made it itself (a TTL deletion).
     */
    static void append(StoreTransaction tx, Table table, StreamRecord record, Instant now, Optional<String> principal) {
        TableStream stream = table.definition().stream().orElseThrow();
        String arn = table.streamArn(stream);
        sync(tx, table, now);
        tx.update("UPDATE ddb_streams SET next_sequence=next_sequence+1 WHERE arn=?", arn);
        long sequence = tx.queryOne("SELECT next_sequence - 1 AS sequence FROM ddb_streams WHERE arn=?",
                r -> r.longValue("sequence"), arn).orElseThrow();
        tx.update("INSERT INTO ddb_stream_records (stream_arn, sequence, event_id, event_name, created_ms, key_values, "
                + "new_image, old_image, size_bytes, principal) VALUES (?,?,?,?,?,?,?,?,?,?)", arn, sequence,
                UUID.randomUUID().toString(), record.eventName().name(), now.toEpochMilli(),
                ItemDocuments.write(record.keys()), record.newImage().map(ItemDocuments::write).orElse(null),
                record.oldImage().map(ItemDocuments::write).orElse(null), record.sizeBytes(), principal.orElse(null));
    }

    /**
     * Closes the open shard {@code shardId} of stream {@code arn} at the stream's last sequence and opens its
     * child at {@code now}, when the stream is enabled and the shard holds a record. Run in a transaction of
     * its own: the first statement locks the stream's row until commit (PostgreSQL; SQLite has one writer).
     *
     * @return whether the shard rolled over
     */
    static boolean rollOver(StoreTransaction tx, String arn, String shardId, Instant now) {
        if (tx.update("UPDATE ddb_streams SET next_sequence=next_sequence WHERE arn=? AND disabled_ms IS NULL", arn)
                == 0) {
            return false;
        }
        long next = tx.queryOne("SELECT next_sequence FROM ddb_streams WHERE arn=?", r -> r.longValue("next_sequence"),
                arn).orElseThrow();
        boolean holdsRecords = tx.queryOne("SELECT first_sequence FROM ddb_stream_shards WHERE stream_arn=? AND "
                + "shard_id=? AND last_sequence IS NULL", r -> r.longValue("first_sequence"), arn, shardId)
                .filter(first -> next > first).isPresent();
        if (!holdsRecords) {
            return false;
        }
        tx.update("UPDATE ddb_stream_shards SET last_sequence=?, closed_ms=? WHERE stream_arn=? AND shard_id=?",
                next - 1, now.toEpochMilli(), arn, shardId);
        tx.update("INSERT INTO ddb_stream_shards (stream_arn, shard_id, parent_shard_id, created_ms, first_sequence) "
                + "VALUES (?,?,?,?,?)", arn, StoredShard.id(arn, now, false), shardId, now.toEpochMilli(), next);
        return true;
    }

    /** Migration 4: each stream made before shards were kept gets its one shard, closed if the stream is off. */
    static void firstShards(StoreTransaction tx) {
        record Existing(String arn, long created, Long disabled, long next) {
        }
        tx.query("SELECT arn, created_ms, disabled_ms, next_sequence FROM ddb_streams", r -> new Existing(
                r.string("arn"), r.longValue("created_ms"), r.nullableLong("disabled_ms"), r.longValue("next_sequence")))
                .forEach(s -> tx.update("INSERT INTO ddb_stream_shards (stream_arn, shard_id, created_ms, "
                        + "first_sequence, last_sequence, closed_ms) VALUES (?,?,?,1,?,?)", s.arn(),
                        StoredShard.id(s.arn(), Instant.ofEpochMilli(s.created()), true), s.created(),
                        s.disabled() == null ? null : s.next() - 1, s.disabled()));
    }

    /** Closes the stream's open shard at its last sequence (before its first when it holds no record). */
    private static void closeShards(StoreTransaction tx, String arn, Instant now) {
        tx.update("UPDATE ddb_stream_shards SET last_sequence=(SELECT next_sequence - 1 FROM ddb_streams WHERE arn=?), "
                + "closed_ms=? WHERE stream_arn=? AND last_sequence IS NULL", arn, now.toEpochMilli(), arn);
    }

    /** A stream's label is the time it was enabled, to the millisecond, UTC. */
    private static Instant created(TableStream stream) {
        return LocalDateTime.parse(stream.label()).toInstant(ZoneOffset.UTC);
    }
}
