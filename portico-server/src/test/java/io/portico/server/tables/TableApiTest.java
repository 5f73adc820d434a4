package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * DynamoDB's control plane through the official DynamoDbClient: the table lifecycle with the SDK's
 * waiters, the shapes LocalStack recorded from AWS, indexes, streams, encryption, billing, TTL, tags,
 * deletion protection, paging, and AWS's recorded error messages.
 */
@PorticoTest
class TableApiTest {
    static final String ARN_PREFIX = "arn:aws:dynamodb:us-east-1:000000000000:table/";

    @AutoClose
    private final DynamoDbClient ddb;

    TableApiTest(PorticoClients clients) {
        this.ddb = clients.dynamoDb();
    }

    static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static CreateTableRequest.Builder simple(String name) {
        return CreateTableRequest.builder().tableName(name).attributeDefinitions(attribute("id", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH)).provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L));
    }

    @Test
    void tableCrud_answersAsRecordedFromAws_andTheWaitersReturnAtOnce() {
        Instant before = Instant.now().minusSeconds(1);
        CreateTableResponse created = ddb.createTable(simple("crud").build());

        TableDescription d = created.tableDescription();
        assertThat(d.tableStatus()).isEqualTo(TableStatus.CREATING);
        assertThat(d.tableName()).isEqualTo("crud");
        assertThat(d.tableArn()).isEqualTo(ARN_PREFIX + "crud");
        assertThat(d.tableId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(d.itemCount()).isZero();
        assertThat(d.tableSizeBytes()).isZero();
        assertThat(d.deletionProtectionEnabled()).isFalse();
        assertThat(d.creationDateTime()).isAfter(before);
        assertThat(d.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(d.provisionedThroughput().numberOfDecreasesToday()).isZero();
        assertThat(d.billingModeSummary()).as("a provisioned table has no billing summary").isNull();

        WaiterResponse<DescribeTableResponse> waited = ddb.waiter().waitUntilTableExists(r -> r.tableName("crud"));
        assertThat(waited.attemptsExecuted()).isEqualTo(1);
        TableDescription described = waited.matched().response().orElseThrow().table();
        assertThat(described.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(described.tableId()).isEqualTo(d.tableId());
        assertThat(described.keySchema()).containsExactly(key("id", KeyType.HASH));

        TableDescription deleted = ddb.deleteTable(r -> r.tableName("crud")).tableDescription();
        assertThat(deleted.tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThat(deleted.tableId()).isEqualTo(d.tableId());
        assertThat(deleted.keySchema()).as("DeleteTable's recorded answer has no key schema").isEmpty();
        assertThat(ddb.waiter().waitUntilTableNotExists(r -> r.tableName("crud")).attemptsExecuted()).isEqualTo(1);
    }

    @Test
    void deleteOrDescribeOfAMissingTable_isTheRecordedResourceNotFound() {
        assertThatThrownBy(() -> ddb.deleteTable(r -> r.tableName("non-existent")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Requested resource not found: Table: non-existent not found");
                });
        assertThatThrownBy(() -> ddb.describeTable(r -> r.tableName("non-existent")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void duplicateTable_isTheRecordedResourceInUse() {
        ddb.createTable(simple("twice").build());
        assertThatThrownBy(() -> ddb.createTable(simple("twice").build()))
                .isInstanceOfSatisfying(ResourceInUseException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Table already exists: twice"));
    }

    @Test
    void concurrentCreatesOfOneName_oneWins_theOthersAreResourceInUse() throws Exception {
        List<java.util.concurrent.Callable<String>> creates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            creates.add(() -> {
                try {
                    return ddb.createTable(simple("raced").build()).tableDescription().tableId();
                } catch (ResourceInUseException e) {
                    return "in use";
                }
            });
        }
        List<String> outcomes = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (var outcome : threads.invokeAll(creates)) {
                outcomes.add(outcome.get());
            }
        }
        assertThat(outcomes).filteredOn(o -> !o.equals("in use")).singleElement()
                .isEqualTo(ddb.describeTable(r -> r.tableName("raced")).table().tableId());
    }

    @Test
    void payPerRequestWithCapacity_isTheRecordedValidationError() {
        assertThatThrownBy(() -> ddb.createTable(simple("ppr").billingMode(BillingMode.PAY_PER_REQUEST).build()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("One or more parameter values were invalid: "
                            + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
                });
    }

    @Test
    void keysNotDefined_andBadNames_areDynamoDbsValidationErrors() {
        assertThatThrownBy(() -> ddb.createTable(simple("undefined").attributeDefinitions(attribute("b", ScalarAttributeType.S))
                .build())).isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("One or more parameter values were invalid: Some index key attributes are not defined in "
                                + "AttributeDefinitions. Keys: [id], AttributeDefinitions: [b]"));
        assertThatThrownBy(() -> ddb.createTable(simple("ab").build()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 3"));
    }

    @Test
    void payPerRequestTableWithGlobalIndex_describesAsRecorded() {
        ddb.createTable(b -> b.tableName("gsi-ppr").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("TID", ScalarAttributeType.S), attribute("TRID", ScalarAttributeType.S))
                .keySchema(key("TID", KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("TransactionRecordID")
                        .keySchema(key("TRID", KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.ALL)).build()));

        TableDescription d = ddb.describeTable(r -> r.tableName("gsi-ppr")).table();

        assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(d.billingModeSummary().lastUpdateToPayPerRequestDateTime()).isNotNull();
        assertThat(d.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(d.globalSecondaryIndexes()).singleElement().satisfies(i -> {
            assertThat(i.indexArn()).isEqualTo(ARN_PREFIX + "gsi-ppr/index/TransactionRecordID");
            assertThat(i.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
            assertThat(i.provisionedThroughput().writeCapacityUnits()).isZero();
            assertThat(i.warmThroughput().readUnitsPerSecond()).isEqualTo(12000L);
        });
        assertThat(d.warmThroughput().writeUnitsPerSecond()).isEqualTo(4000L);
    }

    @Test
    void compositeKeyWithLocalIndexStreamAndEncryption_isDescribedWithItsStreamArnAndKey() {
        CreateTableResponse created = ddb.createTable(b -> b.tableName("composite")
                .attributeDefinitions(attribute("PK", ScalarAttributeType.S), attribute("SK", ScalarAttributeType.S),
                        attribute("LSI1SK", ScalarAttributeType.N))
                .keySchema(key("PK", KeyType.HASH), key("SK", KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("LSI1")
                        .keySchema(key("PK", KeyType.HASH), key("LSI1SK", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("x")).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))
                .sseSpecification(s -> s.enabled(true)).tableClass("STANDARD_INFREQUENT_ACCESS"));

        TableDescription d = created.tableDescription();
        assertThat(d.latestStreamArn()).isEqualTo(ARN_PREFIX + "composite/stream/" + d.latestStreamLabel());
        assertThat(d.latestStreamLabel()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(d.streamSpecification().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
        assertThat(d.sseDescription().sseType()).isEqualTo(SSEType.KMS);
        assertThat(d.sseDescription().status()).isEqualTo(SSEStatus.ENABLED);
        assertThat(d.sseDescription().kmsMasterKeyArn()).startsWith("arn:aws:kms:us-east-1:000000000000:key/");
        assertThat(d.tableClassSummary().tableClassAsString()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
        assertThat(d.localSecondaryIndexes()).singleElement().satisfies(i -> {
            assertThat(i.keySchema()).containsExactly(key("PK", KeyType.HASH), key("LSI1SK", KeyType.RANGE));
            assertThat(i.projection().nonKeyAttributes()).containsExactly("x");
        });

        var unchanged = ddb.updateTable(b -> b.tableName("composite").deletionProtectionEnabled(false)).tableDescription();
        assertThat(unchanged.sseDescription().status()).as("recorded: an update without SSE leaves it ENABLED")
                .isEqualTo(SSEStatus.ENABLED);
        var disabling = ddb.updateTable(b -> b.tableName("composite").sseSpecification(s -> s.enabled(false)))
                .tableDescription();
        assertThat(disabling.sseDescription().status()).as("recorded: disabling answers UPDATING")
                .isEqualTo(SSEStatus.UPDATING);
        assertThat(disabling.sseDescription().kmsMasterKeyArn()).isEqualTo(d.sseDescription().kmsMasterKeyArn());
        assertThat(ddb.describeTable(r -> r.tableName("composite")).table().sseDescription()).isNull();
    }

    @Test
    void updateTable_streamsOffAndOnAgain_makesANewStreamArn() {
        ddb.createTable(simple("streamed").build());
        String first = ddb.updateTable(b -> b.tableName("streamed")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        TableDescription off = ddb.updateTable(b -> b.tableName("streamed").streamSpecification(s -> s.streamEnabled(false)))
                .tableDescription();
        assertThat(off.latestStreamArn()).isEqualTo(first);
        assertThat(off.streamSpecification()).isNull();
        String second = ddb.updateTable(b -> b.tableName("streamed")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription().latestStreamArn();
        assertThat(second).isNotEqualTo(first).startsWith(ARN_PREFIX + "streamed/stream/");
    }

    @Test
    void updateTable_addsAndDropsAGlobalIndex_activeAtOnceOnAnEmptyTable() {
        ddb.createTable(simple("people").build());
        TableDescription added = ddb.updateTable(b -> b.tableName("people")
                .attributeDefinitions(attribute("email", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byEmail")
                        .keySchema(key("email", KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))).build()))
                .tableDescription();
        assertThat(added.tableStatus()).isEqualTo(TableStatus.UPDATING);
        assertThat(added.globalSecondaryIndexes()).singleElement()
                .satisfies(i -> assertThat(i.indexStatus()).isEqualTo(IndexStatus.CREATING));
        assertThat(ddb.describeTable(r -> r.tableName("people")).table().globalSecondaryIndexes())
                .singleElement().satisfies(i -> {
                    assertThat(i.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
                    assertThat(i.backfilling()).isNull();
                });

        TableDescription dropping = ddb.updateTable(b -> b.tableName("people").globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("byEmail")).build())).tableDescription();
        assertThat(dropping.globalSecondaryIndexes()).singleElement()
                .satisfies(i -> assertThat(i.indexStatus()).isEqualTo(IndexStatus.DELETING));
        TableDescription after = ddb.describeTable(r -> r.tableName("people")).table();
        assertThat(after.globalSecondaryIndexes()).isEmpty();
        assertThat(after.attributeDefinitions()).containsExactly(attribute("id", ScalarAttributeType.S));
    }

    @Test
    void deletionProtection_refusesDeleteUntilTurnedOff() {
        ddb.createTable(simple("guarded").deletionProtectionEnabled(true).build());
        assertThatThrownBy(() -> ddb.deleteTable(r -> r.tableName("guarded")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Resource cannot be deleted as it is currently "
                            + "protected against deletion. Disable deletion protection first.");
                });
        ddb.updateTable(b -> b.tableName("guarded").deletionProtectionEnabled(false));
        assertThat(ddb.deleteTable(r -> r.tableName("guarded")).tableDescription().tableStatus())
                .isEqualTo(TableStatus.DELETING);
    }

    @Test
    void listTables_pagesByLastEvaluatedTableName_inNameOrder() {
        List<String> names = List.of("page-c", "page-a", "page-e", "page-b", "page-d");
        names.forEach(n -> ddb.createTable(simple(n).build()));

        var first = ddb.listTables(b -> b.exclusiveStartTableName("page-").limit(2));
        assertThat(first.tableNames()).containsExactly("page-a", "page-b");
        assertThat(first.lastEvaluatedTableName()).isEqualTo("page-b");
        List<String> all = new ArrayList<>();
        ddb.listTablesPaginator(b -> b.limit(2)).tableNames().forEach(all::add);
        assertThat(all).containsSubsequence("page-a", "page-b", "page-c", "page-d", "page-e").isSorted();
    }

    @Test
    void tags_areListedSortedAndRemoved_andGoWithTheTable() {
        String arn = ddb.createTable(simple("tagged").tags(Tag.builder().key("team").value("core").build()).build())
                .tableDescription().tableArn();
        ddb.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags()).containsExactly(
                Tag.builder().key("env").value("dev").build(), Tag.builder().key("team").value("core").build());
        ddb.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags()).extracting(Tag::key).containsExactly("env");

        ddb.deleteTable(r -> r.tableName("tagged"));
        ddb.createTable(simple("tagged").build());
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags()).isEmpty();
        assertThatThrownBy(() -> ddb.listTagsOfResource(b -> b.resourceArn(ARN_PREFIX + "nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void timeToLive_settings_areDescribed() {
        ddb.createTable(simple("sessions").build());
        assertThat(ddb.describeTimeToLive(r -> r.tableName("sessions")).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
        var updated = ddb.updateTimeToLive(r -> r.tableName("sessions")
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt")));
        assertThat(updated.timeToLiveSpecification().attributeName()).isEqualTo("expiresAt");
        var described = ddb.describeTimeToLive(r -> r.tableName("sessions")).timeToLiveDescription();
        assertThat(described.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(described.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void pointInTimeRecovery_isOffByDefault_keptWhenOn_andOffAgain() {
        ddb.createTable(simple("recoverable").build());
        var off = ddb.describeContinuousBackups(r -> r.tableName("recoverable")).continuousBackupsDescription();
        assertThat(off.continuousBackupsStatus()).isEqualTo(ContinuousBackupsStatus.ENABLED);
        assertThat(off.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.DISABLED);
        assertThat(off.pointInTimeRecoveryDescription().earliestRestorableDateTime()).isNull();

        var on = ddb.updateContinuousBackups(r -> r.tableName("recoverable")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true))).continuousBackupsDescription();
        var again = ddb.updateContinuousBackups(r -> r.tableName("recoverable")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true))).continuousBackupsDescription();
        assertThat(again.pointInTimeRecoveryDescription().earliestRestorableDateTime())
                .as("turning it on again keeps the time it was turned on")
                .isEqualTo(on.pointInTimeRecoveryDescription().earliestRestorableDateTime());

        var offAgain = ddb.updateContinuousBackups(r -> r.tableName("recoverable")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(false))).continuousBackupsDescription();
        assertThat(offAgain.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus())
                .isEqualTo(PointInTimeRecoveryStatus.DISABLED);
        assertThatThrownBy(() -> ddb.describeContinuousBackups(r -> r.tableName("no-such-table")))
                .isInstanceOfSatisfying(TableNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Table not found: no-such-table"));
    }

    @Test
    void describeLimitsAndEndpoints_answerAwsDefaultsAndThisEndpoint() {
        var limits = ddb.describeLimits(r -> { });
        assertThat(limits.accountMaxReadCapacityUnits()).isEqualTo(80000L);
        assertThat(limits.tableMaxWriteCapacityUnits()).isEqualTo(40000L);
        assertThat(ddb.describeEndpoints(r -> { }).endpoints()).singleElement()
                .satisfies(e -> assertThat(e.address()).startsWith("127.0.0.1:"));
    }

    @Test
    void tableNamedByArn_isTheSameTable() {
        String arn = ddb.createTable(simple("by-arn").build()).tableDescription().tableArn();
        assertThat(ddb.describeTable(r -> r.tableName(arn)).table().tableName()).isEqualTo("by-arn");
    }
}
