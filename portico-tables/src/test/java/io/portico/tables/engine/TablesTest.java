package io.portico.tables.engine;

import static io.portico.tables.engine.CreateTableRulesTest.ONE;
import static io.portico.tables.engine.CreateTableRulesTest.hash;
import static io.portico.tables.engine.CreateTableRulesTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.time.ManualClock;
import io.portico.store.sqlite.SqliteStore;
import io.portico.tables.store.TableStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane over a real SQLite store: lifecycle, updates, listing, TTL, tags and the scope of names. */
class TablesTest {
    static final String ACCOUNT = "000000000000";

    @TempDir
    Path dir;
    SqliteStore store;
    final ManualClock clock = ManualClock.at(Instant.parse("2026-03-04T05:06:07.089Z"));
    Tables tables;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        tables = Tables.create(TableStore.over(store), clock);
        tables.start();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static TableRef ref(String name) {
        return new TableRef(ACCOUNT, "us-east-1", name);
    }

    static NewTable simple(TableRef ref, Map<String, String> tags) {
        return new NewTable(ref, List.of(s("id")), List.of(hash("id")), Optional.empty(), Optional.empty(),
                Optional.empty(), ONE, Optional.empty(), Optional.empty(), Optional.empty(), tags, Optional.empty(), false);
    }

    static TableChange change() {
        return new TableChange(List.of(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void create_thenDescribe_thenDelete_thenNotFound() {
        Table created = tables.create(simple(ref("orders"), Map.of("team", "a")));

        Table described = tables.describe(ref("orders"));
        assertThat(described).isEqualTo(created);
        assertThat(described.arn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/orders");
        assertThat(tables.tags(described.arn())).containsExactly(Map.entry("team", "a"));

        assertThat(tables.delete(ref("orders")).id()).isEqualTo(created.id());
        assertThatThrownBy(() -> tables.describe(ref("orders"))).hasMessage(
                "Requested resource not found: Table: orders not found");
        assertThatThrownBy(() -> tables.delete(ref("orders"))).isInstanceOfSatisfying(TablesException.class,
                e -> assertThat(e.kind()).isEqualTo(TablesException.Kind.TABLE_NOT_FOUND));
        List<String> tagKeys = store.read(tx -> tx.query("SELECT tag_key FROM core_tags", r -> r.string("tag_key")));
        assertThat(tagKeys).isEmpty();
    }

    @Test
    void createTwice_isTableExists_andRecreatingGivesANewId() {
        Table first = tables.create(simple(ref("orders"), Map.of()));
        assertThatThrownBy(() -> tables.create(simple(ref("orders"), Map.of())))
                .isInstanceOfSatisfying(TablesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TablesException.Kind.TABLE_EXISTS);
                    assertThat(e.getMessage()).isEqualTo("Table already exists: orders");
                });
        tables.delete(ref("orders"));
        assertThat(tables.create(simple(ref("orders"), Map.of())).id()).isNotEqualTo(first.id());
    }

    @Test
    void sameName_inAnotherAccountOrRegion_isAnotherTable() {
        tables.create(simple(ref("orders"), Map.of()));
        tables.create(simple(new TableRef("111111111111", "us-east-1", "orders"), Map.of()));
        tables.create(simple(new TableRef(ACCOUNT, "eu-west-1", "orders"), Map.of()));

        assertThat(tables.list(ACCOUNT, "us-east-1", Optional.empty(), 100).names()).containsExactly("orders");
        assertThat(tables.list("111111111111", "us-east-1", Optional.empty(), 100).names()).containsExactly("orders");
        assertThatThrownBy(() -> tables.describe(new TableRef("222222222222", "us-east-1", "orders")))
                .isInstanceOf(TablesException.class);
    }

    @Test
    void list_pagesInNameOrder_andEndsWithoutLastEvaluatedOnAFullLastPage() {
        for (String name : List.of("delta", "alpha", "charlie", "bravo")) {
            tables.create(simple(ref(name), Map.of()));
        }
        TableList first = tables.list(ACCOUNT, "us-east-1", Optional.empty(), 2);
        assertThat(first.names()).containsExactly("alpha", "bravo");
        assertThat(first.lastEvaluated()).contains("bravo");
        TableList second = tables.list(ACCOUNT, "us-east-1", first.lastEvaluated(), 2);
        assertThat(second.names()).containsExactly("charlie", "delta");
        assertThat(second.lastEvaluated()).isEmpty();
    }

    @Test
    void deletionProtection_refusesDelete_untilTurnedOff() {
        tables.create(simple(ref("kept"), Map.of()));
        TableChange protect = new TableChange(List.of(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true));
        tables.update(ref("kept"), protect);

        assertThatThrownBy(() -> tables.delete(ref("kept"))).hasMessage("Resource cannot be deleted as it is currently "
                + "protected against deletion. Disable deletion protection first.");
        assertThat(tables.describe(ref("kept")).definition().deletionProtection()).isTrue();

        tables.update(ref("kept"), new TableChange(List.of(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false)));
        tables.delete(ref("kept"));
    }

    @Test
    void streams_enablingMakesANewLabel_disablingKeepsTheLatestStream() {
        tables.create(simple(ref("events"), Map.of()));
        TableChange on = new TableChange(List.of(), Optional.empty(), Optional.empty(), List.of(),
                Optional.of(new StreamRequest(true, Optional.of(StreamViewType.NEW_AND_OLD_IMAGES))), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        TableChange off = new TableChange(List.of(), Optional.empty(), Optional.empty(), List.of(),
                Optional.of(new StreamRequest(false, Optional.empty())), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        TableStream first = tables.update(ref("events"), on).after().definition().stream().orElseThrow();
        assertThat(first.label()).isEqualTo("2026-03-04T05:06:07.089");
        assertThatThrownBy(() -> tables.update(ref("events"), on))
                .hasMessage("Table already has an enabled stream: TableName: events");
        assertThat(tables.update(ref("events"), off).after().definition().stream()).contains(first.disabled());
        assertThatThrownBy(() -> tables.update(ref("events"), off))
                .hasMessage("Table has no stream to disable: TableName: events");
        assertThat(tables.update(ref("events"), on).after().definition().stream().orElseThrow().label())
                .as("re-enabled within the same millisecond, the stream still gets a label of its own")
                .isEqualTo("2026-03-04T05:06:07.090");
    }

    @Test
    void globalIndex_createdOnAnEmptyTable_isActiveAtOnce_andOnATableWithItems_isBackfilling() {
        tables.create(simple(ref("people"), Map.of()));
        tables.create(simple(ref("filled"), Map.of()));
        store.write(tx -> tx.update("UPDATE ddb_tables SET item_count=3 WHERE name='filled'"));
        IndexChange byEmail = new IndexChange.Create(new IndexRequest("byEmail", List.of(hash("email")),
                Optional.of(ProjectionType.ALL), Optional.empty(), ONE));
        TableChange add = new TableChange(List.of(s("email")), Optional.empty(), Optional.empty(), List.of(byEmail),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        SecondaryIndex onEmpty = tables.update(ref("people"), add).after().definition().index("byEmail").orElseThrow();
        SecondaryIndex onFilled = tables.update(ref("filled"), add).after().definition().index("byEmail").orElseThrow();

        assertThat(onEmpty.status()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(onEmpty.backfilling()).isFalse();
        assertThat(onFilled.status()).isEqualTo(IndexStatus.CREATING);
        assertThat(onFilled.backfilling()).isTrue();
        assertThat(tables.describe(ref("people")).definition().attributes()).containsExactly(s("id"), s("email"));

        TableChange drop = new TableChange(List.of(), Optional.empty(), Optional.empty(),
                List.of(new IndexChange.Delete("byEmail")), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        TableUpdate dropping = tables.update(ref("people"), drop);
        assertThat(dropping.deleted()).extracting(SecondaryIndex::name).containsExactly("byEmail");
        assertThat(dropping.created()).isEmpty();
        TableDefinition dropped = dropping.after().definition();
        assertThat(dropped.indexes()).isEmpty();
        assertThat(dropped.attributes()).containsExactly(s("id"));
    }

    @Test
    void billing_switchToOnDemand_recordsWhen_andSameCapacityIsRefused() {
        tables.create(simple(ref("bills"), Map.of()));
        assertThatThrownBy(() -> tables.update(ref("bills"), new TableChange(List.of(), Optional.empty(), ONE, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .hasMessageStartingWith("The provisioned throughput for the table will not change.");
        assertThatThrownBy(() -> tables.update(ref("bills"), change()))
                .hasMessageStartingWith("At least one of ProvisionedThroughput, BillingMode");

        TableDefinition onDemand = tables.update(ref("bills"), new TableChange(List.of(),
                Optional.of(BillingMode.PAY_PER_REQUEST), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())).after().definition();

        assertThat(onDemand.billing()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(onDemand.throughput()).isEqualTo(Throughput.NONE);
        assertThat(onDemand.payPerRequestSince()).contains(clock.instant());
    }

    @Test
    void update_combiningWhatDynamoDbChangesAlone_isRefused() {
        tables.create(simple(ref("combined"), Map.of()));
        TableChange protectAndStream = new TableChange(List.of(), Optional.empty(), Optional.empty(), List.of(),
                Optional.of(new StreamRequest(true, Optional.of(StreamViewType.KEYS_ONLY))), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(true));
        TableChange capacityAndStream = new TableChange(List.of(), Optional.empty(),
                Optional.of(new Throughput(2, 2)), List.of(), Optional.of(new StreamRequest(true,
                Optional.of(StreamViewType.KEYS_ONLY))), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> tables.update(ref("combined"), protectAndStream)).hasMessage("One or more parameter "
                + "values were invalid: DeletionProtection modification must be the only operation in the request");
        assertThatThrownBy(() -> tables.update(ref("combined"), capacityAndStream)).hasMessage("One or more parameter "
                + "values were invalid: You cannot modify stream status while updating table IOPS");
        assertThat(tables.describe(ref("combined")).definition().deletionProtection()).isFalse();
    }

    @Test
    void timeToLive_enableThenDisable_keepsTheAttribute_andRefusesRepeats() {
        tables.create(simple(ref("sessions"), Map.of()));
        assertThat(tables.describeTimeToLive(ref("sessions"))).isEqualTo(TimeToLive.DISABLED);

        tables.updateTimeToLive(ref("sessions"), true, "expires");
        assertThat(tables.describeTimeToLive(ref("sessions"))).isEqualTo(new TimeToLive(true, Optional.of("expires")));
        assertThatThrownBy(() -> tables.updateTimeToLive(ref("sessions"), true, "expires"))
                .hasMessage("TimeToLive is already enabled");
        assertThatThrownBy(() -> tables.updateTimeToLive(ref("sessions"), false, "other"))
                .hasMessage("TimeToLive is active on a different AttributeName: current AttributeName is expires");
        tables.updateTimeToLive(ref("sessions"), false, "expires");
        assertThat(tables.describeTimeToLive(ref("sessions")).enabled()).isFalse();
        assertThatThrownBy(() -> tables.updateTimeToLive(ref("sessions"), false, "expires"))
                .hasMessage("TimeToLive is already disabled");
    }

    @Test
    void tags_onAnUnknownTableOrAnIndexArn_areResourceNotFound_andAre50AtMost() {
        Table t = tables.create(simple(ref("tagged"), Map.of()));
        assertThatThrownBy(() -> tables.tag(t.arn() + "x", Map.of("k", "v"))).isInstanceOfSatisfying(TablesException.class,
                e -> assertThat(e.kind()).isEqualTo(TablesException.Kind.TABLE_NOT_FOUND));
        assertThatThrownBy(() -> tables.tags(t.indexArn("i"))).hasMessage("One or more parameter values were invalid: "
                + "Invalid resource arn provided, only table or stream is accepted. Provided resource arn: " + t.indexArn("i"));
        assertThatThrownBy(() -> tables.tags("tagged")).hasMessage("One or more parameter values were invalid: "
                + "ARNs must start with 'arn:': tagged");

        Map<String, String> fifty = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        tables.tag(t.arn(), fifty);
        assertThatThrownBy(() -> tables.tag(t.arn(), Map.of("one-more", "v"))).isInstanceOfSatisfying(
                TablesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TablesException.Kind.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("Number of Tags exceed the current limit for the provided ResourceArn");
                });
        tables.untag(t.arn(), List.of("k0", "absent"));
        assertThat(tables.tags(t.arn())).hasSize(49);
    }

    @Test
    void tableName_breakingDynamoDbsPattern_isReportedLikeTheValidator() {
        assertThatThrownBy(() -> TableRef.named(ACCOUNT, "us-east-1", "a;")).hasMessage("2 validation errors detected: "
                + "Value 'a;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "[a-zA-Z0-9_.-]+; Value 'a;' at 'tableName' failed to satisfy constraint: Member must have length greater "
                + "than or equal to 3");
        assertThat(TableRef.named(ACCOUNT, "us-east-1", "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/orders").name())
                .isEqualTo("orders");
    }
}
