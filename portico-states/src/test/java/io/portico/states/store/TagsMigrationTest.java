package io.portico.states.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.store.StoreException;
import io.portico.states.engine.EngineTimers;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.TaskResources;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory from before the kit's tag table keeps its Step Functions tags after the upgrade. */
class TagsMigrationTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:orders";
    private static final String ACTIVITY = "arn:aws:states:us-east-1:000000000000:activity:resize";

    @TempDir
    Path dir;

    @Test
    void upgrade_movesOldTagsIntoTheKitTable_andDropsTheOldTable() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.migrate(StatesSchema.MODULE, StatesSchema.migrations().subList(0, 2)); // Portico before the kit
            store.write(tx -> {
                tx.update("INSERT INTO sfn_tags VALUES (?,?,?)", MACHINE, "team", "orders");
                tx.update("INSERT INTO sfn_tags VALUES (?,?,?)", MACHINE, "env", "prod");
                return tx.update("INSERT INTO sfn_tags VALUES (?,?,?)", ACTIVITY, "team", "images");
            });
        }

        try (SqliteStore store = SqliteStore.open(dir)) {
            StepFunctions engine = StepFunctions.create(StatesStores.over(store, Clock.systemUTC()), EngineTimers.kit(),
                    TaskResources.NONE);
            engine.start();

            assertThat(engine.resources().tags(MACHINE)).containsExactly(Map.entry("env", "prod"), Map.entry("team", "orders"));
            assertThat(engine.resources().tags(ACTIVITY)).containsExactly(Map.entry("team", "images"));
            assertThatThrownBy(() -> store.read(tx -> tx.query("SELECT * FROM sfn_tags", r -> r.string("tag_key"))))
                    .isInstanceOf(StoreException.class);
            engine.close();
        }
    }
}
