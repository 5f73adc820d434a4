package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.PorticoProcess;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * After a SIGKILL during writes, GetRecords from TRIM_HORIZON reads exactly the committed changes, once each
 * and in order; the next change continues the sequence; an iterator issued before the crash is refused (the
 * iterator key is per process) and a consumer starts again from its last sequence number.
 */
class StreamsCrashTest {
    @TempDir
    Path dataDir;

    @Test
    void kill9_duringWrites_recordsAreExactlyTheCommittedChanges_andSequencesContinue() throws Exception {
        String arn;
        String iteratorBeforeCrash;
        int acked;
        try (PorticoProcess portico = PorticoProcess.start(dataDir.resolve("data"))) {
            AtomicInteger acknowledged = new AtomicInteger();
            CountDownLatch enough = new CountDownLatch(100);
            try (DynamoDbClient ddb = portico.clients().dynamoDb();
                 DynamoDbStreamsClient streams = portico.clients().dynamoDbStreams()) {
                arn = ddb.createTable(r -> r.tableName("crash-stream").billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                        .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
                        .tableDescription().latestStreamArn();
                iteratorBeforeCrash = trimHorizon(streams, arn);
                Thread writer = Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; ; i++) {
                            String id = "item-" + i;
                            ddb.putItem(r -> r.tableName("crash-stream").item(Map.of("id", AttributeValue.fromS(id))));
                            acknowledged.incrementAndGet();
                            enough.countDown();
                        }
                    } catch (RuntimeException expected) {
                        // the process died under the writer
                    }
                });
                enough.await();
                portico.kill9();
                writer.join();
            }
            acked = acknowledged.get();

            try (DynamoDbClient ddb = portico.restart().clients().dynamoDb();
                 DynamoDbStreamsClient streams = portico.clients().dynamoDbStreams()) {
                long items = ddb.describeTable(r -> r.tableName("crash-stream")).table().itemCount();
                List<Record> records = readAll(streams, trimHorizon(streams, arn));
                ddb.putItem(r -> r.tableName("crash-stream").item(Map.of("id", AttributeValue.fromS("after"))));
                String last = records.get(records.size() - 1).dynamodb().sequenceNumber();
                String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0)
                        .shardId();
                List<Record> after = streams.getRecords(r -> r.shardIterator(streams.getShardIterator(g -> g
                        .streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(last)).shardIterator())).records();

                assertThat(items).isBetween((long) acked, acked + 1L);
                assertThat(records).hasSize((int) items);
                Set<String> ids = new HashSet<>();
                records.forEach(r -> ids.add(r.dynamodb().keys().get("id").s()));
                assertThat(ids).hasSize((int) items);
                for (int i = 0; i < acked; i++) {
                    assertThat(ids).contains("item-" + i);
                }
                List<BigInteger> sequences = records.stream().map(r -> new BigInteger(r.dynamodb().sequenceNumber()))
                        .toList();
                assertThat(sequences).isSorted().doesNotHaveDuplicates();
                assertThat(sequences.get(sequences.size() - 1).subtract(sequences.get(0)).longValue())
                        .isEqualTo(items - 1);
                assertThat(after).singleElement().satisfies(r -> {
                    assertThat(r.dynamodb().keys().get("id").s()).isEqualTo("after");
                    assertThat(new BigInteger(r.dynamodb().sequenceNumber()))
                            .isEqualTo(sequences.get(sequences.size() - 1).add(BigInteger.ONE));
                });
                assertThatThrownBy(() -> streams.getRecords(r -> r.shardIterator(iteratorBeforeCrash)))
                        .isInstanceOf(DynamoDbException.class);
            }
        }
    }

    private static String trimHorizon(DynamoDbStreamsClient streams, String arn) {
        String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
        return streams.getShardIterator(r -> r.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    private static List<Record> readAll(DynamoDbStreamsClient streams, String iterator) {
        List<Record> all = new ArrayList<>();
        String next = iterator;
        while (true) {
            String current = next;
            GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(current).limit(100));
            all.addAll(response.records());
            if (response.records().isEmpty()) {
                return all;
            }
            next = response.nextShardIterator();
        }
    }
}
