package io.portico.tables.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.store.Migration;
import io.portico.core.store.RowMapper;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import io.portico.store.sqlite.SqliteStore;
import io.portico.tables.engine.AttributeDefinition;
import io.portico.tables.engine.AttributeType;
import io.portico.tables.engine.BillingMode;
import io.portico.tables.engine.KeyElement;
import io.portico.tables.engine.KeyType;
import io.portico.tables.engine.NewTable;
import io.portico.tables.engine.StreamRequest;
import io.portico.tables.engine.StreamViewType;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.Tables;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.item.ItemRequests;
import io.portico.tables.engine.item.Items;
import io.portico.tables.engine.item.Reporting;
import io.portico.tables.engine.item.ReturnValues;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.store.ItemStore;
import io.portico.tables.store.StreamStore;
import io.portico.tables.store.TableStore;
import io.portico.tables.store.TablesSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shard rollover over a real SQLite store on a manual clock: every four hours of stream time the open shard
 * closes at the stream's last sequence and a child opens after it; records keep one order across the
 * lineage; a shard without records stays open; closed shards go with the 24-hour retention; and a rollover
 * whose transaction fails (a crash between closing and opening) leaves the stream as it was.
 */
class ShardRolloverTest {
    static final TableRef REF = new TableRef("000000000000", "us-east-1", "orders");

    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private SqliteStore sqlite;
    private FailingStore store;
    private Timers timers;
    private Tables tables;
    private Items items;
    private Streams streams;
    private Sweeps sweeps;
    private String arn;

    @BeforeEach
    void open() {
        sqlite = SqliteStore.open(dir);
        store = new FailingStore(sqlite);
        timers = Timers.create(clock, "rollover-test");
        tables = Tables.create(TableStore.over(store), clock);
        tables.start();
        ItemStore itemStore = ItemStore.over(store, clock);
        items = Items.create(itemStore);
        StreamStore streamStore = StreamStore.over(store);
        streams = Streams.create(streamStore, clock);
        sweeps = Sweeps.create(streamStore, itemStore, timers.scope("sweeps"));
        tables.create(new NewTable(REF, List.of(new AttributeDefinition("id", AttributeType.S)),
                List.of(new KeyElement("id", KeyType.HASH)), Optional.empty(), Optional.empty(),
                Optional.of(BillingMode.PAY_PER_REQUEST), Optional.empty(),
                Optional.of(new StreamRequest(true, Optional.of(StreamViewType.KEYS_ONLY))), Optional.empty(),
                Optional.empty(), Map.of(), Optional.empty(), false));
        arn = streams.list(REF.account(), REF.region(), Optional.of("orders")).get(0).arn();
    }

    @AfterEach
    void close() {
        sweeps.close();
        timers.close();
        sqlite.close();
    }

    void put(String id) {
        items.put(new ItemRequests.PutItem(REF, Map.of("id", AttributeValue.s(id)), Optional.empty(),
                ReturnValues.NONE, false, Reporting.NONE));
    }

    StoredStream stream() {
        return streams.find(arn).orElseThrow();
    }

    /** Every shard read to its end (or to now), parents first, as a consumer following the lineage would. */
    List<Long> readLineage() {
        StoredStream stream = stream();
        List<Long> sequences = new ArrayList<>();
        for (StoredShard shard : stream.shards()) {
            long next = 0;
            Streams.Batch batch;
            do {
                batch = streams.read(stream, shard, next, 2);
                batch.records().forEach(r -> sequences.add(r.sequence()));
                next = batch.next();
            } while (!batch.records().isEmpty());
            assertThat(batch.shardEnded()).isEqualTo(shard.closed());
        }
        return sequences;
    }

    @Test
    void afterFourHours_theShardClosesAtTheLastSequence_andAChildOpensAfterIt() {
        put("a");
        put("b");
        clock.advance(Duration.ofHours(4).minusMillis(1));
        sweeps.runOnce();
        assertThat(stream().shards()).hasSize(1);

        clock.advance(Duration.ofMillis(1));
        sweeps.runOnce();
        put("c");

        List<StoredShard> shards = stream().shards();
        assertThat(shards).hasSize(2);
        StoredShard parent = shards.get(0);
        StoredShard child = shards.get(1);
        assertThat(parent.parentShardId()).isEmpty();
        assertThat(parent.firstSequence()).isEqualTo(1);
        assertThat(parent.lastSequence()).contains(2L);
        assertThat(child.parentShardId()).contains(parent.shardId());
        assertThat(child.firstSequence()).isEqualTo(3);
        assertThat(child.closed()).isFalse();
        assertThat(child.shardId()).matches("shardId-\\d{20}-[0-9a-f]{8}").isGreaterThan(parent.shardId());
        assertThat(readLineage()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void rollover_everyFourHours_buildsALineage_inOrder() {
        for (int hour = 0; hour < 12; hour++) {
            put("item-" + hour);
            clock.advance(Duration.ofHours(1));
            sweeps.runOnce();
        }

        List<StoredShard> shards = stream().shards();
        assertThat(shards).hasSize(4);
        for (int i = 1; i < shards.size(); i++) {
            assertThat(shards.get(i).parentShardId()).contains(shards.get(i - 1).shardId());
            assertThat(shards.get(i).firstSequence()).isEqualTo(shards.get(i - 1).lastSequence().orElseThrow() + 1);
        }
        assertThat(readLineage()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void shardWithoutRecords_staysOpen_untilItHoldsOne() {
        clock.advance(Duration.ofHours(9));
        sweeps.runOnce();
        assertThat(stream().shards()).singleElement().satisfies(s -> assertThat(s.closed()).isFalse());

        put("late");
        sweeps.runOnce();

        assertThat(stream().shards()).hasSize(2);
        assertThat(readLineage()).containsExactly(1L);
    }

    @Test
    void iteratorsPerShard_aClosedShardEnds_andSequenceNumbersBelongToTheirShard() {
        put("a");
        clock.advance(Duration.ofHours(4));
        sweeps.runOnce();
        put("b");
        StoredStream stream = stream();
        String parent = stream.shards().get(0).shardId();
        String child = stream.shards().get(1).shardId();

        Streams.IteratorBatch parentRead = streams.records(REF.account(), REF.region(), streams.iterator(
                REF.account(), REF.region(), arn, parent, Streams.IteratorType.TRIM_HORIZON, Optional.empty()), 10);
        Streams.IteratorBatch latestOfParent = streams.records(REF.account(), REF.region(), streams.iterator(
                REF.account(), REF.region(), arn, parent, Streams.IteratorType.LATEST, Optional.empty()), 10);
        Streams.IteratorBatch childRead = streams.records(REF.account(), REF.region(), streams.iterator(
                REF.account(), REF.region(), arn, child, Streams.IteratorType.AT_SEQUENCE_NUMBER,
                Optional.of(SequenceNumbers.format(2))), 10);

        assertThat(parentRead.records()).extracting(ChangeRecord::sequence).containsExactly(1L);
        assertThat(parentRead.nextIterator()).isEmpty();
        assertThat(latestOfParent.records()).isEmpty();
        assertThat(latestOfParent.nextIterator()).isEmpty();
        assertThat(childRead.records()).extracting(ChangeRecord::sequence).containsExactly(2L);
        assertThat(childRead.nextIterator()).isPresent();
        assertThatThrownBy(() -> streams.iterator(REF.account(), REF.region(), arn, child,
                Streams.IteratorType.AT_SEQUENCE_NUMBER, Optional.of(SequenceNumbers.format(1))))
                .hasMessage("Invalid SequenceNumber for ShardIteratorType AT_SEQUENCE_NUMBER: "
                        + SequenceNumbers.format(1))
                .isInstanceOf(TablesException.class);
    }

    @Test
    void shardsWhoseRecordsAgedOut_leaveTheStream_andTheirRowsGoOnce24HoursClosed() {
        put("a");
        clock.advance(Duration.ofHours(4));
        sweeps.runOnce();
        String parent = stream().shards().get(0).shardId();
        put("b");
        String child = stream().shards().get(1).shardId();

        clock.advance(Duration.ofHours(21));   // "a" is 25 hours old, "b" 21
        sweeps.runOnce();

        StoredStream stream = stream();
        assertThat(stream.trimHorizon()).isEqualTo(2);
        assertThat(stream.shards()).extracting(StoredShard::shardId).first().isEqualTo(child);
        assertThat(stream.shards()).hasSize(2);   // the child, closed now, and its own child
        assertThat(shardRows()).isEqualTo(3);

        clock.advance(Duration.ofHours(3));   // the parent closed 24 hours ago, not more
        sweeps.runOnce();
        assertThat(shardRows()).isEqualTo(3);
        clock.advance(Duration.ofMillis(1));
        sweeps.runOnce();
        assertThat(shardRows()).isEqualTo(2);
        assertThat(stream().shards()).extracting(StoredShard::shardId).doesNotContain(parent);
    }

    @Test
    void aShardTrimmedAwayAfterTheReaderListedIt_readsNothing_neverItsChildsRecords() {
        put("a");
        clock.advance(Duration.ofHours(4));
        sweeps.runOnce();
        clock.advance(Duration.ofHours(2));
        put("b");   // in the child, written two hours after the parent closed
        StoredStream listed = stream();   // an in-process reader's look at the stream: the parent still in it
        StoredShard parent = listed.shards().get(0);

        clock.advance(Duration.ofHours(22).plusMinutes(1));   // "a" is 28h01 old and the parent closed 24h01 ago
        sweeps.runOnce();
        assertThat(stream().shards()).extracting(StoredShard::shardId).doesNotContain(parent.shardId());

        Streams.Batch batch = streams.read(listed, parent, 0, 10);
        assertThat(batch.records()).as("the child's record 2 read as the parent's").isEmpty();
    }

    @Test
    void getShardIterator_ofAShardTheStreamDoesNotHave_isAwsResourceNotFound() {
        put("a");
        String own = stream().shards().get(0).shardId();
        for (String hostile : List.of("shardId-00000000000000000000-00000000", own + "x", "garbage")) {
            assertThatThrownBy(() -> streams.iterator(REF.account(), REF.region(), arn, hostile,
                    Streams.IteratorType.TRIM_HORIZON, Optional.empty()))
                    .isInstanceOfSatisfying(TablesException.class, e -> assertThat(e.kind())
                            .isEqualTo(TablesException.Kind.TABLE_NOT_FOUND))
                    .hasMessage("Requested resource not found: Shard does not exist");
        }
    }

    long shardRows() {
        return sqlite.read(tx -> tx.queryOne("SELECT COUNT(*) AS n FROM ddb_stream_shards WHERE stream_arn=?",
                r -> r.longValue("n"), arn)).orElseThrow();
    }

    @Test
    void rollover_failingBetweenClosingAndOpening_leavesTheShardOpen_andTheNextSweepRollsIt() {
        put("a");
        clock.advance(Duration.ofHours(4));
        store.failOn("INSERT INTO ddb_stream_shards");

        sweeps.runOnce(); // logs the failed rollover, and the other sweeps still run
        assertThat(stream().shards()).singleElement().satisfies(s -> assertThat(s.closed()).isFalse());
        put("b");   // lands in the still open shard
        assertThat(readLineage()).containsExactly(1L, 2L);

        store.failOn("no such statement");
        sweeps.runOnce();
        put("c");

        assertThat(stream().shards()).hasSize(2);
        assertThat(stream().shards().get(0).lastSequence()).contains(2L);
        assertThat(readLineage()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void rollover_failing_doesNotHoldBackTheRetentionSweep() {
        put("a");
        clock.advance(Duration.ofHours(25));
        store.failOn("INSERT INTO ddb_stream_shards");

        sweeps.runOnce();

        assertThat(stream().shards()).singleElement().satisfies(s -> assertThat(s.closed()).isFalse());
        assertThat(sqlite.read(tx -> tx.queryOne("SELECT COUNT(*) AS n FROM ddb_stream_records WHERE stream_arn=?",
                r -> r.longValue("n"), arn)).orElseThrow()).as("records past the 24 hours").isZero();
    }

    @Test
    void migration_givesAStreamFromBeforeShards_itsOneShard_underTheIdItHad() {
        try (SqliteStore old = SqliteStore.open(dir.resolve("old"))) {
            old.migrate(TablesSchema.MODULE, TablesSchema.migrations().subList(0, 3));
            String oldArn = "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026-01-01T00:00:00.000";
            Instant created = Instant.parse("2026-01-01T00:00:00Z");
            old.write(tx -> tx.update("INSERT INTO ddb_streams (arn, table_id, view_type, created_ms, disabled_ms, "
                    + "next_sequence) VALUES (?,?,?,?,?,?)", oldArn, "t-id", "KEYS_ONLY", created.toEpochMilli(), null, 8));

            old.migrate(TablesSchema.MODULE, TablesSchema.migrations());

            StoredStream migrated = StreamStore.over(old).find(oldArn).orElseThrow();
            assertThat(migrated.shards()).singleElement().satisfies(shard -> {
                assertThat(shard.shardId()).isEqualTo(String.format("shardId-%020d-%08x", created.toEpochMilli(),
                        oldArn.hashCode()));
                assertThat(shard.firstSequence()).isEqualTo(1);
                assertThat(shard.closed()).isFalse();
            });
        }
    }

    /**
     * A store whose write transactions fail at a chosen statement, after the statements before it ran: the
     * store rolls the whole transaction back, as a crash before the commit would leave it.
     */
    static final class FailingStore implements Store {
        private final Store delegate;
        private volatile String failOn = "no such statement";

        FailingStore(Store delegate) {
            this.delegate = delegate;
        }

        void failOn(String statementPrefix) {
            failOn = statementPrefix;
        }

        @Override
        public <T> T write(Function<StoreTransaction, T> work) {
            return delegate.write(tx -> work.apply(new StoreTransaction() {
                @Override
                public int update(String sql, Object... params) {
                    if (sql.startsWith(failOn)) {
                        throw new IllegalStateException("crash before: " + sql);
                    }
                    return tx.update(sql, params);
                }

                @Override
                public <R> List<R> query(String sql, RowMapper<R> mapper, Object... params) {
                    return tx.query(sql, mapper, params);
                }

                @Override
                public <R> void readWhile(String sql, RowMapper<R> mapper, Predicate<R> more, Object... params) {
                    tx.readWhile(sql, mapper, more, params);
                }

                @Override
                public void afterCommit(Runnable action) {
                    tx.afterCommit(action);
                }
            }));
        }

        @Override
        public <T> T read(Function<StoreTransaction, T> work) {
            return delegate.read(work);
        }

        @Override
        public void migrate(String module, List<Migration> migrations) {
            delegate.migrate(module, migrations);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
