package io.portico.functions.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.core.tags.TagTable;
import io.portico.core.work.WorkQueue;
import io.portico.functions.engine.mappings.MappingSettings;
import io.portico.functions.engine.mappings.WindowState;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration 6: a tumbling window opened under schema 5 gets its end from its mapping's setting. */
class MappingStoreMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aWindowOpenedBeforeWindowsKeptTheirEnd_endsAfterItsMappingsTumblingWindow() {
        Instant start = Instant.parse("2025-01-01T00:02:00Z");
        try (SqliteStore store = SqliteStore.open(dir)) {
            TagTable.of(store).migrate();
            WorkQueue.migrate(store);
            store.migrate(FunctionsSchema.MODULE, FunctionsSchema.migrations().subList(0, 5));
            store.write(tx -> {
                tx.update("INSERT INTO lambda_esm (uuid, account, region, event_source_arn, function_arn, "
                        + "starting_position, settings, enabled, last_result, last_modified_ms, poller_token, created_ms) "
                        + "VALUES ('m', '000000000000', 'us-east-1', 'arn:s', 'arn:f', 'TRIM_HORIZON', ?, 1, 'OK', 0, "
                        + "'t', 0)", MappingStore.settingsJson(MappingSettings.streamDefaults().withTumblingWindow(120)));
                return tx.update("INSERT INTO lambda_esm_cursors (uuid, shard_id, position, attempts, batch_limit, "
                        + "finished, window_start_ms, window_state) VALUES ('m', 'shard-1', NULL, 0, 0, 0, ?, "
                        + "'{\"n\":1}')", start.toEpochMilli());
            });

            MappingStore mappings = new MappingStore(store);

            assertThat(mappings.cursors("m")).singleElement().satisfies(c -> assertThat(c.window())
                    .contains(new WindowState(start, start.plusSeconds(120), "{\"n\":1}")));
        }
    }
}
