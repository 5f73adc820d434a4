package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.portico.core.time.ManualClock;
import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import io.portico.server.ServiceWiring;
import io.portico.server.testing.PorticoClients;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What time does to streams and items, on a manual clock and without sleeping: iterators expire after 15
 * minutes, records after 24 hours, shards roll over every four hours (and go with the retention), and items
 * whose TTL has passed are deleted by the sweeper with a REMOVE record made by DynamoDB's service principal.
 */
class StreamsClockTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dataDir;
    private final ManualClock clock = ManualClock.at(START);
    private PorticoServer server;
    private DynamoDbClient ddb;
    private DynamoDbStreamsClient streams;

    @BeforeEach
    void start() {
        server = PorticoServer.create(PorticoConfig.forTests(dataDir), clock, ServiceWiring::services).start();
        PorticoClients clients = new PorticoClients(server.awsEndpoint(), "test", "test");
        ddb = clients.dynamoDb();
        streams = clients.dynamoDbStreams();
    }

    @AfterEach
    void stop() {
        ddb.close();
        streams.close();
        server.close();
    }

    String streamed(String name, StreamViewType view) {
        return ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(view)))
                .tableDescription().latestStreamArn();
    }

    String trimHorizon(String arn) {
        String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
        return streams.getShardIterator(r -> r.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    List<Record> all(String arn) {
        return streams.getRecords(r -> r.shardIterator(trimHorizon(arn))).records();
    }

    static Map<String, AttributeValue> item(String id, long expires) {
        return Map.of("id", AttributeValue.fromS(id), "expires", AttributeValue.fromN(Long.toString(expires)));
    }

    @Test
    void iterator_expiresAfterFifteenMinutes_inAwsWords() {
        String arn = streamed("expiring", StreamViewType.KEYS_ONLY);
        String iterator = trimHorizon(arn);
        clock.advance(Duration.ofMinutes(15));
        String next = streams.getRecords(r -> r.shardIterator(iterator)).nextShardIterator();

        clock.advance(Duration.ofMinutes(15).plusMillis(1));

        assertThat(next).isNotNull();
        assertThatThrownBy(() -> streams.getRecords(r -> r.shardIterator(iterator)))
                .isInstanceOf(ExpiredIteratorException.class)
                .hasMessageStartingWith("Iterator expired. The iterator was created at time Sun Mar 01 10:00:00 UTC 2026"
                        + " while right now it is Sun Mar 01 10:30:00 UTC 2026 which is further in the future than"
                        + " the tolerated delay of 900000 milliseconds.");
    }

    @Test
    void records_olderThan24Hours_areTrimmed_andTrimHorizonMovesOn() {
        String arn = streamed("retained", StreamViewType.KEYS_ONLY);
        ddb.putItem(r -> r.tableName("retained").item(Map.of("id", AttributeValue.fromS("old"))));
        clock.advance(Duration.ofHours(12));
        ddb.putItem(r -> r.tableName("retained").item(Map.of("id", AttributeValue.fromS("new"))));
        String oldSequence = all(arn).get(0).dynamodb().sequenceNumber();

        clock.advance(Duration.ofHours(12).plusMinutes(2));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(all(arn))
                .extracting(r -> r.dynamodb().keys().get("id").s()).containsExactly("new"));
        String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
        assertThatThrownBy(() -> streams.getShardIterator(r -> r.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(oldSequence)))
                .hasMessageStartingWith("The data you are trying to access has been trimmed");
    }

    void put(String table, String id) {
        ddb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
    }

    List<Shard> shards(String arn) {
        return streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards();
    }

    /** The shard read from TRIM_HORIZON until GetRecords answers no NextShardIterator or no records. */
    GetRecordsResponse readShard(String arn, String shardId, List<String> ids) {
        String iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (true) {
            String current = iterator;
            GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(current).limit(1));
            page.records().forEach(rec -> ids.add(rec.dynamodb().keys().get("id").s()));
            if (page.nextShardIterator() == null || page.records().isEmpty()) {
                return page;
            }
            iterator = page.nextShardIterator();
        }
    }

    /** Four hours pass; the sweeper (every minute of the clock) rolls the open shard over. */
    void rollOver(String arn) {
        int before = shards(arn).size();
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> shards(arn).size() > before);
    }

    @Test
    void shards_rollOverEveryFourHours_describedParentsFirst_andReadToTheirEnd() {
        String arn = streamed("rolling", StreamViewType.KEYS_ONLY);
        put("rolling", "a");
        put("rolling", "b");
        rollOver(arn);
        put("rolling", "c");
        rollOver(arn);

        List<Shard> shards = shards(arn);
        List<String> ids = new ArrayList<>();
        GetRecordsResponse endOfFirst = readShard(arn, shards.get(0).shardId(), ids);
        GetRecordsResponse endOfSecond = readShard(arn, shards.get(1).shardId(), ids);
        GetRecordsResponse open = readShard(arn, shards.get(2).shardId(), ids);

        assertThat(shards).hasSize(3);
        assertThat(shards.get(0).parentShardId()).isNull();
        assertThat(shards.get(1).parentShardId()).isEqualTo(shards.get(0).shardId());
        assertThat(shards.get(2).parentShardId()).isEqualTo(shards.get(1).shardId());
        assertThat(shards).allSatisfy(shard -> assertThat(shard.shardId()).matches("shardId-\\d{20}-[0-9a-f]{8}"));
        SequenceNumberRange first = shards.get(0).sequenceNumberRange();
        SequenceNumberRange second = shards.get(1).sequenceNumberRange();
        assertThat(new BigInteger(first.endingSequenceNumber()).subtract(new BigInteger(first.startingSequenceNumber())))
                .isEqualTo(BigInteger.ONE);
        assertThat(second.startingSequenceNumber()).isEqualTo(second.endingSequenceNumber());
        assertThat(new BigInteger(second.startingSequenceNumber()))
                .isEqualTo(new BigInteger(first.endingSequenceNumber()).add(BigInteger.ONE));
        assertThat(shards.get(2).sequenceNumberRange().endingSequenceNumber()).isNull();
        assertThat(ids).containsExactly("a", "b", "c");
        assertThat(endOfFirst.nextShardIterator()).isNull();
        assertThat(endOfSecond.nextShardIterator()).isNull();
        assertThat(open.nextShardIterator()).isNotNull();
    }

    @Test
    void describeStream_pagesShardsByLimitAndExclusiveStartShardId() {
        String arn = streamed("paged", StreamViewType.KEYS_ONLY);
        for (String id : List.of("a", "b", "c")) {
            put("paged", id);
            rollOver(arn);
        }
        List<Shard> all = shards(arn);

        StreamDescription firstPage = streams.describeStream(r -> r.streamArn(arn).limit(2)).streamDescription();
        StreamDescription secondPage = streams.describeStream(r -> r.streamArn(arn).limit(2)
                .exclusiveStartShardId(firstPage.lastEvaluatedShardId())).streamDescription();

        assertThat(all).hasSize(4);
        assertThat(firstPage.shards()).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(firstPage.lastEvaluatedShardId()).isEqualTo(all.get(1).shardId());
        assertThat(secondPage.shards()).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(secondPage.lastEvaluatedShardId()).isNull();
        assertThat(streams.describeStream(r -> r.streamArn(arn)).streamDescription().lastEvaluatedShardId()).isNull();
    }

    @Test
    void shardsOlderThanTheRetention_leaveTheDescription() {
        String arn = streamed("aging", StreamViewType.KEYS_ONLY);
        put("aging", "old");
        rollOver(arn);
        put("aging", "new");
        String oldShard = shards(arn).get(0).shardId();

        clock.advance(Duration.ofHours(20));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(shards(arn))
                .extracting(Shard::shardId).doesNotContain(oldShard).isNotEmpty());
        assertThat(shards(arn).get(0).parentShardId()).isEqualTo(oldShard);
        assertThatThrownBy(() -> streams.getShardIterator(r -> r.streamArn(arn).shardId(oldShard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void ttl_expiredItemsAreDeletedByTheService_withARemoveRecord() {
        String arn = streamed("ttl", StreamViewType.NEW_AND_OLD_IMAGES);
        long now = START.getEpochSecond();
        ddb.putItem(r -> r.tableName("ttl").item(item("before-ttl", now + 60)));
        ddb.updateTimeToLive(r -> r.tableName("ttl").timeToLiveSpecification(t -> t.enabled(true)
                .attributeName("expires")));
        ddb.putItem(r -> r.tableName("ttl").item(item("soon", now + 60)));
        ddb.putItem(r -> r.tableName("ttl").item(item("later", now + 3600)));
        ddb.putItem(r -> r.tableName("ttl").item(Map.of("id", AttributeValue.fromS("text"),
                "expires", AttributeValue.fromS("1"))));

        clock.advance(Duration.ofMinutes(2));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                ddb.describeTable(r -> r.tableName("ttl")).table().itemCount()).isEqualTo(2));
        assertThat(ddb.getItem(r -> r.tableName("ttl").key(Map.of("id", AttributeValue.fromS("later")))).hasItem())
                .isTrue();
        assertThat(ddb.getItem(r -> r.tableName("ttl").key(Map.of("id", AttributeValue.fromS("text")))).hasItem())
                .isTrue();
        List<Record> removals = all(arn).stream().filter(r -> r.eventName() == OperationType.REMOVE).toList();
        assertThat(removals).extracting(r -> r.dynamodb().keys().get("id").s())
                .containsExactlyInAnyOrder("before-ttl", "soon");
        assertThat(removals).allSatisfy(r -> {
            assertThat(r.userIdentity().type()).isEqualTo("Service");
            assertThat(r.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
            assertThat(r.dynamodb().oldImage()).containsKey("expires");
        });
        assertThat(ddb.describeTimeToLive(r -> r.tableName("ttl")).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.ENABLED);
    }
}
