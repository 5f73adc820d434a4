package io.portico.tables.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.portico.core.time.Timers;
import io.portico.core.work.NodeId;
import io.portico.core.work.WorkQueue;
import io.portico.store.sqlite.SqliteStore;
import io.portico.tables.engine.AttributeDefinition;
import io.portico.tables.engine.AttributeType;
import io.portico.tables.engine.IndexChange;
import io.portico.tables.engine.IndexRequest;
import io.portico.tables.engine.IndexStatus;
import io.portico.tables.engine.KeyElement;
import io.portico.tables.engine.KeyType;
import io.portico.tables.engine.NewTable;
import io.portico.tables.engine.ProjectionType;
import io.portico.tables.engine.TableChange;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.Tables;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.Throughput;
import io.portico.tables.engine.expression.ExpressionAttributes;
import io.portico.tables.engine.expression.Expressions;
import io.portico.tables.engine.item.ItemQueries;
import io.portico.tables.engine.item.ItemRequests;
import io.portico.tables.engine.item.Items;
import io.portico.tables.engine.item.ReadRequests;
import io.portico.tables.engine.item.Reporting;
import io.portico.tables.engine.item.ReturnValues;
import io.portico.tables.engine.value.AttributeValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A global index created on a table too large to fill in UpdateTable's transaction is filled through the
 * work queue in batches, readable only once ACTIVE, and complete.
 */
class IndexBackfillTest {
    static final TableRef REF = new TableRef("000000000000", "us-east-1", "big");

    @TempDir
    Path dir;

    @Test
    void largeTable_isBackfilledInBatchesThroughTheWorkQueue_thenActive() {
        Clock clock = Clock.systemUTC();
        try (SqliteStore store = SqliteStore.open(dir); Timers timers = Timers.create(clock, "backfill-test")) {
            WorkQueue.migrate(store);
            WorkQueue work = WorkQueue.create(store, timers.scope("work"), NodeId.of("test"));
            Tables tables = Tables.create(TableStore.over(store, work, clock, 10, 7), clock);
            tables.start();
            ItemStore itemStore = ItemStore.over(store, clock);
            Items items = Items.create(itemStore);
            ItemQueries queries = ItemQueries.create(itemStore);
            Throughput one = new Throughput(1, 1);
            tables.create(new NewTable(REF, List.of(new AttributeDefinition("id", AttributeType.S)),
                    List.of(new KeyElement("id", KeyType.HASH)), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(one), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
                    false));
            for (int i = 0; i < 25; i++) {
                items.put(new ItemRequests.PutItem(REF, Map.of("id", AttributeValue.s("i" + i), "g",
                        AttributeValue.s(i % 2 == 0 ? "even" : "odd")), Optional.empty(), ReturnValues.NONE, false,
                        Reporting.NONE));
            }

            tables.update(REF, new TableChange(List.of(new AttributeDefinition("id", AttributeType.S),
                    new AttributeDefinition("g", AttributeType.S)), Optional.empty(), Optional.empty(),
                    List.of(new IndexChange.Create(new IndexRequest("by-g", List.of(new KeyElement("g", KeyType.HASH)),
                            Optional.of(ProjectionType.ALL), Optional.empty(), Optional.of(one)))), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));

            assertThat(tables.describe(REF).definition().index("by-g").orElseThrow().backfilling()).isTrue();
            assertThatThrownBy(() -> queries.query(query("even"))).isInstanceOf(TablesException.class)
                    .hasMessage("Cannot read from backfilling global secondary index: by-g");
            // a write during the backfill keeps its own entry
            items.put(new ItemRequests.PutItem(REF, Map.of("id", AttributeValue.s("late"), "g", AttributeValue.s("even")),
                    Optional.empty(), ReturnValues.NONE, false, Reporting.NONE));

            work.start();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    tables.describe(REF).definition().index("by-g").orElseThrow().status() == IndexStatus.ACTIVE);

            assertThat(tables.describe(REF).definition().index("by-g").orElseThrow().backfilling()).isFalse();
            assertThat(queries.query(query("even")).count()).isEqualTo(14);
            assertThat(queries.query(query("odd")).count()).isEqualTo(12);
            work.close();
        }
    }

    private static ReadRequests.Query query(String g) {
        var attributes = ExpressionAttributes.builder().values(Map.of(":g", AttributeValue.s(g))).build();
        return new ReadRequests.Query(new ReadRequests.Reading(REF, Optional.of("by-g"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, Reporting.NONE),
                Expressions.keyCondition("g = :g", attributes), true);
    }
}
