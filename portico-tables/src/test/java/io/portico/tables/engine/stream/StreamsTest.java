package io.portico.tables.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import io.portico.store.sqlite.SqliteStore;
import io.portico.tables.api.StreamRecordDocuments;
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
import io.portico.tables.engine.item.StreamRecord.EventName;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.store.ItemStore;
import io.portico.tables.store.StreamStore;
import io.portico.tables.store.TableStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams engine over a real SQLite store on a manual clock: positions and iterators, the in-process
 * reader, the 24-hour trim, and the TTL sweep (including expiries recomputed when TTL is enabled).
 */
class StreamsTest {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    static final TableRef REF = new TableRef(ACCOUNT, REGION, "orders");

    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private SqliteStore store;
    private Timers timers;
    private Tables tables;
    private Items items;
    private Streams streams;
    private Sweeps sweeps;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        timers = Timers.create(clock, "streams-test");
        tables = Tables.create(TableStore.over(store), clock);
        tables.start();
        ItemStore itemStore = ItemStore.over(store, clock);
        items = Items.create(itemStore);
        StreamStore streamStore = StreamStore.over(store);
        streams = Streams.create(streamStore, clock);
        sweeps = Sweeps.create(streamStore, itemStore, timers.scope("sweeps"));
    }

    @AfterEach
    void close() {
        sweeps.close();
        timers.close();
        store.close();
    }

    String createStreamed() {
        tables.create(new NewTable(REF, List.of(new AttributeDefinition("id", AttributeType.S)),
                List.of(new KeyElement("id", KeyType.HASH)), Optional.empty(), Optional.empty(),
                Optional.of(BillingMode.PAY_PER_REQUEST), Optional.empty(),
                Optional.of(new StreamRequest(true, Optional.of(StreamViewType.NEW_AND_OLD_IMAGES))), Optional.empty(),
                Optional.empty(), Map.of(), Optional.empty(), false));
        return streams.list(ACCOUNT, REGION, Optional.of("orders")).get(0).arn();
    }

    void put(Map<String, AttributeValue> item) {
        items.put(new ItemRequests.PutItem(REF, item, Optional.empty(), ReturnValues.NONE, false, Reporting.NONE));
    }

    void put(String id) {
        put(Map.of("id", AttributeValue.s(id)));
    }

    /** An in-process read of the stream's first shard. */
    Streams.Batch read(String arn, long from, int limit) {
        StoredStream stream = streams.find(arn).orElseThrow();
        return streams.read(stream, stream.shards().get(0), from, limit);
    }

    @Test
    void read_inProcess_followsTheStreamInOrder() {
        String arn = createStreamed();
        put("a");
        put("b");
        StoredStream stream = streams.find(arn).orElseThrow();

        Streams.Batch first = read(arn, stream.trimHorizon(), 1);
        Streams.Batch second = read(arn, first.next(), 10);
        Streams.Batch caughtUp = read(arn, second.next(), 10);

        assertThat(first.records()).extracting(ChangeRecord::sequence).containsExactly(1L);
        assertThat(second.records()).extracting(ChangeRecord::sequence).containsExactly(2L);
        assertThat(caughtUp.records()).isEmpty();
        assertThat(caughtUp.next()).isEqualTo(3);
        assertThat(caughtUp.shardEnded()).isFalse();
        assertThat(second.records().get(0).eventName()).isEqualTo(EventName.INSERT);
        assertThat(second.records().get(0).newImage()).contains(Map.of("id", AttributeValue.s("b")));
    }

    @Test
    void iterators_areSigned_andExpire() {
        String arn = createStreamed();
        StoredStream stream = streams.find(arn).orElseThrow();
        String iterator = streams.iterator(ACCOUNT, REGION, arn, stream.shards().get(0).shardId(),
                Streams.IteratorType.TRIM_HORIZON, Optional.empty());
        String edited = iterator.substring(0, iterator.indexOf('.')) + ".AAAAAAAAAAAAAAAAAAAAAA";

        assertThatThrownBy(() -> streams.records(ACCOUNT, REGION, edited, 10)).isInstanceOf(TablesException.class)
                .hasMessage("Invalid ShardIterator");
        assertThatThrownBy(() -> streams.records("111111111111", REGION, iterator, 10))
                .hasMessageStartingWith("Requested resource not found: Stream: ");
        clock.advance(Duration.ofMinutes(16));
        assertThatThrownBy(() -> streams.records(ACCOUNT, REGION, iterator, 10))
                .satisfies(e -> assertThat(((TablesException) e).kind())
                        .isEqualTo(TablesException.Kind.ITERATOR_EXPIRED));
    }

    @Test
    void sweep_trimsRecordsOlderThan24Hours() {
        String arn = createStreamed();
        put("old");
        clock.advance(Duration.ofHours(23));
        put("new");
        clock.advance(Duration.ofHours(1).plusMillis(1));

        sweeps.runOnce();

        StoredStream stream = streams.find(arn).orElseThrow();
        assertThat(stream.trimHorizon()).isEqualTo(2);
        assertThat(read(arn, 1, 10).records()).extracting(ChangeRecord::sequence).containsExactly(2L);
        assertThatThrownBy(() -> streams.iterator(ACCOUNT, REGION, arn, stream.shards().get(0).shardId(),
                Streams.IteratorType.AT_SEQUENCE_NUMBER, Optional.of(SequenceNumbers.format(1))))
                .satisfies(e -> assertThat(((TablesException) e).kind()).isEqualTo(TablesException.Kind.DATA_TRIMMED));
    }

    @Test
    void sweep_deletesExpiredItems_includingThoseWrittenBeforeTtlWasEnabled() {
        String arn = createStreamed();
        long now = clock.instant().getEpochSecond();
        put(Map.of("id", AttributeValue.s("early"), "ttl", AttributeValue.n("" + (now - 1))));
        sweeps.runOnce();
        assertThat(tables.describe(REF).itemCount()).isEqualTo(1);   // TTL is not on yet

        tables.updateTimeToLive(REF, true, "ttl");
        put(Map.of("id", AttributeValue.s("kept"), "ttl", AttributeValue.n("" + (now + 3600))));
        sweeps.runOnce();

        assertThat(tables.describe(REF).itemCount()).isEqualTo(1);
        List<ChangeRecord> records = read(arn, 1, 10).records();
        ChangeRecord removal = records.get(records.size() - 1);
        assertThat(removal.eventName()).isEqualTo(EventName.REMOVE);
        assertThat(removal.keys()).isEqualTo(Map.of("id", AttributeValue.s("early")));
        assertThat(removal.servicePrincipal()).contains(ChangeRecord.DYNAMODB_PRINCIPAL);
        assertThat(records).filteredOn(r -> r.eventName() == EventName.INSERT)
                .allSatisfy(r -> assertThat(r.servicePrincipal()).isEmpty());
    }

    @Test
    void lambdaEventShape_addsTheSourceArn_andNamesTheServiceInLowerCase() {
        String arn = createStreamed();
        tables.updateTimeToLive(REF, true, "ttl");
        put(Map.of("id", AttributeValue.s("gone"), "ttl", AttributeValue.n("1")));
        sweeps.runOnce();
        StoredStream stream = streams.find(arn).orElseThrow();
        ChangeRecord removal = read(arn, stream.trimHorizon(), 10).records().get(1);

        var event = StreamRecordDocuments.forLambdaEvent(removal, stream);
        var wire = StreamRecordDocuments.forGetRecords(removal, stream, REGION);

        assertThat(event.path("eventSourceARN").asText()).isEqualTo(arn);
        assertThat(event.path("awsRegion").asText()).isEqualTo(REGION);
        assertThat(event.path("userIdentity").toString())
                .isEqualTo("{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"}");
        assertThat(wire.path("userIdentity").toString())
                .isEqualTo("{\"PrincipalId\":\"dynamodb.amazonaws.com\",\"Type\":\"Service\"}");
        assertThat(wire.has("eventSourceARN")).isFalse();
        assertThat(event.path("dynamodb").path("OldImage").path("id").path("S").asText()).isEqualTo("gone");
    }

    @Test
    void sequenceNumbers_haveTwentyOneDigits_andSortAsNumbersAndText() {
        assertThat(SequenceNumbers.format(1)).isEqualTo("100000000000000000001");
        assertThat(SequenceNumbers.format(10).compareTo(SequenceNumbers.format(9))).isPositive();
        assertThat(SequenceNumbers.parse(SequenceNumbers.format(42))).contains(42L);
        assertThat(SequenceNumbers.parse("100000000000000000000")).isEmpty();
        assertThat(SequenceNumbers.parse("12x")).isEmpty();
    }
}
