package io.portico.functions.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.store.Insertion;
import io.portico.core.store.NewRow;
import io.portico.core.store.Row;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.core.tags.TagTable;
import io.portico.functions.engine.ChangeStreams.Position;
import io.portico.functions.engine.mappings.EventSourceMapping;
import io.portico.functions.engine.mappings.MappingRepository;
import io.portico.functions.engine.mappings.MappingSettings;
import io.portico.functions.engine.mappings.ShardCursor;
import io.portico.functions.engine.mappings.WindowState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Event source mappings and their shard cursors in the platform store ({@code lambda_esm},
 * {@code lambda_esm_cursors}; settings as JSON text). A mapping is unique per event source and function
 * ARN, which the table's unique constraint decides ({@code insertIfAbsent} on it), so of two concurrent
 * identical creates one gets the duplicate answer. The schema is {@link FunctionsSchema}'s, migrated by
 * here too (idempotent). Thread safe.
 */
public final class MappingStore implements MappingRepository {
    private final Store store;

    public MappingStore(Store store) {
        this.store = store;
        TagTable.of(store).migrate(); // the functions schema's migration 2 moves old tags into it
        FunctionsSchema.migrate(store);
    }

    @Override
    public Optional<EventSourceMapping> insertUnlessDuplicate(EventSourceMapping m, List<ShardCursor> cursors) {
        NewRow row = NewRow.into("lambda_esm").key("event_source_arn", m.eventSourceArn())
                .key("function_arn", m.functionArn()).value("uuid", m.uuid()).value("account", m.accountId())
                .value("region", m.region()).value("starting_position", m.startingPosition())
                .value("settings", settingsJson(m.settings())).value("enabled", m.enabled())
                .value("last_result", m.lastProcessingResult()).value("last_modified_ms", m.lastModified().toEpochMilli())
                .value("poller_token", m.pollerToken()).value("created_ms", m.lastModified().toEpochMilli()).build();
        return store.write(tx -> switch (tx.insertIfAbsent(row, MappingStore::mapping)) {
            case Insertion.Inserted<EventSourceMapping> inserted -> {
                cursors.forEach(c -> tx.update(UPSERT_CURSOR, cursorValues(m.uuid(), c)));
                yield Optional.<EventSourceMapping>empty();
            }
            case Insertion.Existing<EventSourceMapping> existing -> Optional.of(existing.row());
        });
    }

    @Override
    public Optional<EventSourceMapping> get(String accountId, String region, String uuid) {
        return get(uuid).filter(m -> m.accountId().equals(accountId) && m.region().equals(region));
    }

    @Override
    public Optional<EventSourceMapping> get(String uuid) {
        return store.read(tx -> tx.queryOne("SELECT * FROM lambda_esm WHERE uuid=?", MappingStore::mapping, uuid));
    }

    @Override
    public List<EventSourceMapping> list(String accountId, String region) {
        return store.read(tx -> tx.query("SELECT * FROM lambda_esm WHERE account=? AND region=? ORDER BY created_ms, uuid",
                MappingStore::mapping, accountId, region));
    }

    @Override
    public List<EventSourceMapping> enabled() {
        return store.read(tx -> tx.query("SELECT * FROM lambda_esm WHERE enabled=? ORDER BY created_ms, uuid",
                MappingStore::mapping, true));
    }

    @Override
    public void update(EventSourceMapping m) {
        store.write(tx -> tx.update("UPDATE lambda_esm SET function_arn=?, settings=?, enabled=?, last_modified_ms=?,"
                + " poller_token=? WHERE uuid=?", m.functionArn(), settingsJson(m.settings()), m.enabled(),
                m.lastModified().toEpochMilli(), m.pollerToken(), m.uuid()));
    }

    @Override
    public void recordResult(String uuid, String lastProcessingResult) {
        store.write(tx -> tx.update("UPDATE lambda_esm SET last_result=? WHERE uuid=?", lastProcessingResult, uuid));
    }

    @Override
    public boolean delete(String uuid) {
        return store.write(tx -> {
            tx.update("DELETE FROM lambda_esm_cursors WHERE uuid=?", uuid);
            return tx.update("DELETE FROM lambda_esm WHERE uuid=?", uuid) == 1;
        });
    }

    @Override
    public List<ShardCursor> cursors(String uuid) {
        return store.read(tx -> tx.query("SELECT * FROM lambda_esm_cursors WHERE uuid=? ORDER BY shard_id",
                MappingStore::cursor, uuid));
    }

    @Override
    public void saveCursor(String uuid, ShardCursor cursor) {
        // A poller that was mid-batch when its mapping was deleted leaves no cursor behind it.
        store.write(tx -> tx.queryOne("SELECT uuid FROM lambda_esm WHERE uuid=?", row -> row.string("uuid"), uuid)
                .map(exists -> tx.update(UPSERT_CURSOR, cursorValues(uuid, cursor))).orElse(0));
    }

    @Override
    public void replaceCursors(String uuid, List<String> removed, List<ShardCursor> added) {
        store.write(tx -> {
            if (tx.queryOne("SELECT uuid FROM lambda_esm WHERE uuid=?", row -> row.string("uuid"), uuid).isEmpty()) {
                return 0;
            }
            removed.forEach(key -> tx.update("DELETE FROM lambda_esm_cursors WHERE uuid=? AND shard_id=?", uuid, key));
            added.forEach(cursor -> tx.update(UPSERT_CURSOR, cursorValues(uuid, cursor)));
            return added.size();
        });
    }

    private static final String UPSERT_CURSOR = "INSERT INTO lambda_esm_cursors (uuid, shard_id, position, attempts,"
            + " batch_limit, bisect_until, finished, window_start_ms, window_end_ms, window_state, retry_at_ms) VALUES"
            + " (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (uuid, shard_id) DO UPDATE SET position=excluded.position,"
            + " attempts=excluded.attempts, batch_limit=excluded.batch_limit, bisect_until=excluded.bisect_until,"
            + " finished=excluded.finished, window_start_ms=excluded.window_start_ms,"
            + " window_end_ms=excluded.window_end_ms, window_state=excluded.window_state,"
            + " retry_at_ms=excluded.retry_at_ms";

    /** Migration 6: each open window gets its end, from its mapping's TumblingWindowInSeconds. */
    static void windowEnds(StoreTransaction tx) {
        record Open(String uuid, String shardId, long start, String settings) {
        }
        tx.query("SELECT c.uuid, c.shard_id, c.window_start_ms, m.settings FROM lambda_esm_cursors c JOIN lambda_esm m"
                + " ON m.uuid = c.uuid WHERE c.window_start_ms IS NOT NULL", r -> new Open(r.string("uuid"),
                        r.string("shard_id"), r.longValue("window_start_ms"), r.string("settings")))
                .forEach(open -> tx.update("UPDATE lambda_esm_cursors SET window_end_ms=? WHERE uuid=? AND shard_id=?",
                        open.start() + 1000L * settings(open.settings()).tumblingWindowSeconds(), open.uuid(),
                        open.shardId()));
    }

    private static Object[] cursorValues(String uuid, ShardCursor c) {
        String position = switch (c.position()) {
            case Position.TrimHorizon t -> null;
            case Position.After a -> a.sequenceNumber();
        };
        return new Object[] {uuid, c.shardId(), position, c.attempts(), c.batchLimit(), c.bisectUntil().orElse(null),
            c.finished(), c.window().map(w -> w.start().toEpochMilli()).orElse(null),
            c.window().map(w -> w.end().toEpochMilli()).orElse(null), c.window().map(WindowState::state).orElse(null),
            c.retryAt().map(Instant::toEpochMilli).orElse(null)};
    }

    private static ShardCursor cursor(Row row) {
        String position = row.string("position");
        return new ShardCursor(row.string("shard_id"), position == null ? Position.TRIM_HORIZON : Position.after(position),
                (int) row.longValue("attempts"), (int) row.longValue("batch_limit"),
                Optional.ofNullable(row.string("bisect_until")), row.bool("finished"),
                Optional.ofNullable(row.nullableLong("window_start_ms")).map(start -> new WindowState(
                        Instant.ofEpochMilli(start), Instant.ofEpochMilli(row.longValue("window_end_ms")),
                        row.string("window_state"))),
                Optional.ofNullable(row.nullableLong("retry_at_ms")).map(Instant::ofEpochMilli));
    }

    private static EventSourceMapping mapping(Row row) {
        return new EventSourceMapping(row.string("uuid"), row.string("account"), row.string("region"),
                row.string("event_source_arn"), row.string("function_arn"), row.string("starting_position"),
                settings(row.string("settings")), row.bool("enabled"), row.string("last_result"),
                Instant.ofEpochMilli(row.longValue("last_modified_ms")), row.string("poller_token"));
    }

    static String settingsJson(MappingSettings s) {
        ObjectNode node = Json.object().put("batchSize", s.batchSize())
                .put("maximumBatchingWindowSeconds", s.maximumBatchingWindowSeconds())
                .put("parallelizationFactor", s.parallelizationFactor())
                .put("maximumRecordAgeSeconds", s.maximumRecordAgeSeconds()).put("bisectOnError", s.bisectOnError())
                .put("maximumRetryAttempts", s.maximumRetryAttempts())
                .put("tumblingWindowSeconds", s.tumblingWindowSeconds())
                .put("reportBatchItemFailures", s.reportBatchItemFailures());
        s.onFailure().ifPresent(arn -> node.put("onFailure", arn));
        s.filterPatterns().forEach(node.withArray("filterPatterns")::add);
        return Json.writeString(node);
    }

    static MappingSettings settings(String json) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> patterns = new ArrayList<>();
        n.path("filterPatterns").forEach(p -> patterns.add(p.asText()));
        return new MappingSettings(n.path("batchSize").asInt(), n.path("maximumBatchingWindowSeconds").asInt(),
                n.path("parallelizationFactor").asInt(), patterns,
                Optional.ofNullable(n.get("onFailure")).map(JsonNode::asText), n.path("maximumRecordAgeSeconds").asInt(),
                n.path("bisectOnError").asBoolean(), n.path("maximumRetryAttempts").asInt(),
                n.path("tumblingWindowSeconds").asInt(), n.path("reportBatchItemFailures").asBoolean());
    }
}
