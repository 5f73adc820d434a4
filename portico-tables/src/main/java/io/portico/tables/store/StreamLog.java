package io.portico.tables.store;

import io.portico.core.store.StoreTransaction;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableStream;
import io.portico.tables.engine.item.StreamRecord;
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
 * it was disabled. Stateless.
 */
final class StreamLog {
    private StreamLog() {
    }

    /** Brings the table's latest stream's row in line with its definition. */
    static void sync(StoreTransaction tx, Table table, Instant now) {
        table.definition().stream().ifPresent(stream -> {
            String arn = table.streamArn(stream);
            tx.update("INSERT INTO ddb_streams (arn, table_id, view_type, created_ms, disabled_ms, next_sequence) "
                    + "VALUES (?,?,?,?,?,1) ON CONFLICT (arn) DO NOTHING", arn, table.id(), stream.viewType().name(),
                    created(stream).toEpochMilli(), stream.enabled() ? null : now.toEpochMilli());
            if (!stream.enabled()) {
                tx.update("UPDATE ddb_streams SET disabled_ms=? WHERE arn=? AND disabled_ms IS NULL",
                        now.toEpochMilli(), arn);
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
            tx.update("UPDATE ddb_streams SET disabled_ms=? WHERE arn=? AND disabled_ms IS NULL", now.toEpochMilli(),
                    before.streamArn(previous.get()));
        }
        sync(tx, after, now);
    }

    /** Marks the stream of a deleted table disabled; its records stay readable until they age out. */
    static void tableDeleted(StoreTransaction tx, Table table, Instant now) {
        tx.update("UPDATE ddb_streams SET disabled_ms=? WHERE table_id=? AND disabled_ms IS NULL", now.toEpochMilli(),
                table.id());
    }

    /**
     * Appends the record of a change to the table's stream; {@code principal} names the service that made
     * the change when DynamoDB made it itself (a TTL deletion). Returns the stream's ARN.
     */
    static String append(StoreTransaction tx, Table table, StreamRecord record, Instant now, Optional<String> principal) {
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
        return arn;
    }

    /** A stream's label is the time it was enabled, to the millisecond, UTC. */
    private static Instant created(TableStream stream) {
        return LocalDateTime.parse(stream.label()).toInstant(ZoneOffset.UTC);
    }
}
