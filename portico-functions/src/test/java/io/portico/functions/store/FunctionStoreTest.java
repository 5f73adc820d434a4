package io.portico.functions.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.store.StoreException;
import io.portico.core.testing.Race;
import io.portico.functions.engine.FunctionSettings;
import io.portico.functions.engine.FunctionState;
import io.portico.functions.engine.FunctionVersion;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.FunctionsException.Kind;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating functions without check-then-insert, and tags on the kit's tag table. */
class FunctionStoreTest {
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:f";

    @TempDir
    Path dir;
    private SqliteStore store;
    private FunctionStore functions;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        functions = new FunctionStore(store, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static FunctionVersion latest(String name, String description) {
        FunctionSettings settings = new FunctionSettings("provided.al2023", "bootstrap",
                "arn:aws:iam::000000000000:role/r", description, 3, 128, Map.of(), Optional.empty(),
                List.of("x86_64"), 512, "PassThrough");
        return new FunctionVersion(ACCOUNT, REGION, name, FunctionVersion.LATEST, settings, "sha", 1,
                Instant.parse("2026-01-01T00:00:00Z"), "rev-" + description, FunctionState.creating());
    }

    private static Map<String, String> tags(int count) {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put(i + "_key", i + "_value");
        }
        return tags;
    }

    @Test
    void create_concurrentSameName_oneCreatesTheRestConflict() throws Exception {
        List<Race.Outcome<String>> outcomes = Race.run(24, i -> () -> {
            functions.create(latest("f", "d" + i), Map.of("creator", "d" + i));
            return "created";
        });

        assertThat(Race.values(outcomes)).containsExactly("created");
        assertThat(Race.failures(outcomes)).hasSize(23).allSatisfy(e -> assertThat(e)
                .isInstanceOfSatisfying(FunctionsException.class, f -> assertThat(f.kind()).isEqualTo(Kind.CONFLICT))
                .hasMessage("Function already exist: f"));
        FunctionVersion stored = functions.version(ACCOUNT, REGION, "f", FunctionVersion.LATEST).orElseThrow();
        assertThat(functions.tags(ARN)).containsExactly(Map.entry("creator", stored.settings().description()));
    }

    @Test
    void create_tooManyTags_createsNothing() {
        assertThatThrownBy(() -> functions.create(latest("f", "d"), tags(51)))
                .isInstanceOfSatisfying(FunctionsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_PARAMETER);
                    assertThat(e).hasMessage("Number of tags exceeds resource tag limit.");
                });
        assertThat(functions.version(ACCOUNT, REGION, "f", FunctionVersion.LATEST)).isEmpty();
        assertThat(functions.latestVersions(ACCOUNT, REGION)).isEmpty();
    }

    @Test
    void tag_pastTheLimit_isInvalidParameter() {
        functions.create(latest("f", "d"), tags(50));

        assertThatThrownBy(() -> functions.tag(ARN, Map.of("one-more", "v")))
                .isInstanceOfSatisfying(FunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_PARAMETER));
        assertThat(functions.tags(ARN)).hasSize(50);
    }

    @Test
    void tags_listSortedByKey_andUntagRemovesThem() {
        functions.create(latest("f", "d"), Map.of("b", "2", "a", "1", "c", "3"));

        functions.untag(ARN, List.of("c"));

        assertThat(functions.tags(ARN)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void deleteFunction_deletesItsTags() {
        functions.create(latest("f", "d"), Map.of("a", "1"));

        functions.deleteFunction(ACCOUNT, REGION, "f", ARN);

        assertThat(functions.tags(ARN)).isEmpty();
    }

    @Test
    void upgrade_movesOldTagsIntoTheKitTable_andDropsTheOldTable(@TempDir Path oldDir) {
        try (SqliteStore old = SqliteStore.open(oldDir)) {
            old.migrate(FunctionsSchema.MODULE, FunctionsSchema.migrations().subList(0, 1)); // before the kit
            old.write(tx -> tx.update("INSERT INTO lambda_tags VALUES (?,?,?)", ARN, "team", "payments"));
        }

        try (SqliteStore upgraded = SqliteStore.open(oldDir)) {
            FunctionStore store = new FunctionStore(upgraded, Clock.systemUTC());

            assertThat(store.tags(ARN)).containsExactly(Map.entry("team", "payments"));
            assertThatThrownBy(() -> upgraded.read(tx -> tx.query("SELECT * FROM lambda_tags", r -> r.string("tag_key"))))
                    .isInstanceOf(StoreException.class);
        }
    }
}
