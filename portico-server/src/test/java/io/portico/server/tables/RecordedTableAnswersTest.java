package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.conformance.RecordedAnswers;
import io.portico.server.conformance.WireAnswers;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The control plane's answers recorded against AWS ({@code test_dynamodb.snapshot.json} and
 * {@code test_dynamodb_streams.snapshot.json}), replayed through the SDK and compared member by member on
 * the wire ({@link RecordedAnswers}). Each test names the recording it replays.
 */
@PorticoTest
class RecordedTableAnswersTest {
    private final WireAnswers wire = new WireAnswers();
    @AutoClose
    private final DynamoDbClient ddb;

    RecordedTableAnswersTest(PorticoClients clients) {
        this.ddb = clients.create(DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(wire)));
    }

    static CreateTableRequest.Builder simple(String name) {
        return CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L));
    }

    /** TestDynamoDB::test_table_crud: CreateTable, DescribeTable, DeleteTable, and DeleteTable of a table that is not there. */
    @Test
    void tableCrud_answersAsRecorded() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_table_crud");

        aws.assertAnswer("create-table", wire, ddb.createTable(simple("rec-crud").build()));
        aws.assertAnswer("describe-table", wire, ddb.describeTable(r -> r.tableName("rec-crud")));
        aws.assertAnswer("delete-table", wire, ddb.deleteTable(r -> r.tableName("rec-crud")));
        assertThatThrownBy(() -> ddb.deleteTable(r -> r.tableName("non-existent")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("delete-non-existent-table", e));
    }

    /** TestDynamoDB::test_create_duplicate_table: a second CreateTable of one name is ResourceInUseException. */
    @Test
    void createDuplicateTable_isResourceInUse() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_create_duplicate_table");
        ddb.createTable(simple("rec-duplicate").build());

        assertThatThrownBy(() -> ddb.createTable(simple("rec-duplicate").build()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("Error", e));
    }

    /** TestDynamoDB::test_dynamodb_pay_per_request: capacity with PAY_PER_REQUEST is refused. */
    @Test
    void payPerRequestWithCapacity_isRefused() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_pay_per_request");

        assertThatThrownBy(() -> ddb.createTable(simple("rec-ppr").billingMode(BillingMode.PAY_PER_REQUEST).build()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> aws.assertRefusal("Error", e));
    }

    /** TestDynamoDB::test_gsi_with_billing_mode[PAY_PER_REQUEST]: an on-demand table with a global index, created and described. */
    @Test
    void globalIndex_onDemand_createdAndDescribedAsRecorded() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_gsi_with_billing_mode[PAY_PER_REQUEST]");

        aws.assertAnswer("create-table-with-gsi", wire, ddb.createTable(withGlobalIndex("rec-gsi-ppr")
                .billingMode(BillingMode.PAY_PER_REQUEST).build()));
        aws.assertAnswer("describe-table", wire, ddb.describeTable(r -> r.tableName("rec-gsi-ppr")));
    }

    /** TestDynamoDB::test_gsi_with_billing_mode[PROVISIONED]: a provisioned table with a global index, created and described. */
    @Test
    void globalIndex_provisioned_createdAndDescribedAsRecorded() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_gsi_with_billing_mode[PROVISIONED]");
        CreateTableRequest request = withGlobalIndex("rec-gsi-provisioned").billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .globalSecondaryIndexes(index().toBuilder().provisionedThroughput(t -> t.readCapacityUnits(1L)
                        .writeCapacityUnits(1L)).build()).build();

        aws.assertAnswer("create-table-with-gsi", wire, ddb.createTable(request));
        aws.assertAnswer("describe-table", wire, ddb.describeTable(r -> r.tableName("rec-gsi-provisioned")));
    }

    private static CreateTableRequest.Builder withGlobalIndex(String name) {
        return CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(a -> a.attributeName("TID").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("TRID").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("TID").keyType(KeyType.HASH))
                .globalSecondaryIndexes(index());
    }

    private static GlobalSecondaryIndex index() {
        return GlobalSecondaryIndex.builder().indexName("TransactionRecordID")
                .keySchema(k -> k.attributeName("TRID").keyType(KeyType.HASH))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    /**
     * TestDynamoDB::test_dynamodb_create_table_with_partial_sse_specification: {@code SSESpecification
     * {Enabled: true}} is KMS encryption with the account's key; turning it off answers the key UPDATING.
     * The recording's KMS DescribeKey of that key is not replayed (Portico serves no KMS).
     */
    @Test
    void partialSseSpecification_isKmsEncryption_andTurningItOffAnswersUpdating() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_create_table_with_partial_sse_specification");
        CreateTableResponse created = ddb.createTable(simple("rec-sse").sseSpecification(s -> s.enabled(true)).build());
        aws.assertMatches("SSEDescription", aws.recorded("SSEDescription"), wire.body(created).path("TableDescription")
                .path("SSEDescription"));

        var updated = ddb.updateTable(r -> r.tableName("rec-sse").sseSpecification(s -> s.enabled(false)));
        aws.assertMatches("update-table-disable-sse-spec", aws.recorded("update-table-disable-sse-spec"),
                wire.body(updated).path("TableDescription").path("SSEDescription"));
    }

    /**
     * TestDynamoDB::test_dynamodb_update_table_without_sse_specification_change: an UpdateTable that does not
     * name SSESpecification leaves the table's encryption as it was.
     */
    @Test
    void updateWithoutSseSpecification_keepsTheEncryption() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_update_table_without_sse_specification_change");
        CreateTableResponse created = ddb.createTable(simple("rec-sse-kept").sseSpecification(s -> s.enabled(true)).build());
        aws.assertMatches("create_table_sse_description", aws.recorded("create_table_sse_description"),
                wire.body(created).path("TableDescription").path("SSEDescription"));

        var updated = ddb.updateTable(r -> r.tableName("rec-sse-kept").billingMode(BillingMode.PAY_PER_REQUEST));
        aws.assertMatches("update_table_sse_description", aws.recorded("update_table_sse_description"),
                wire.body(updated).path("TableDescription").path("SSEDescription"));
    }

    /** TestDynamoDBStreams::test_table_v2_stream: an on-demand table with a stream, described. */
    @Test
    void onDemandTableWithStream_describedAsRecorded() {
        RecordedAnswers aws = RecordedAnswers.dynamoDbStreams("TestDynamoDBStreams::test_table_v2_stream");
        ddb.createTable(r -> r.tableName("rec-v2-stream").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));

        DescribeTableResponse described = ddb.describeTable(r -> r.tableName("rec-v2-stream"));

        aws.assertAnswer("global-table-v2", wire, described);
    }

    /** TestDynamoDB::test_continuous_backup_update: point-in-time recovery turned on, then described. */
    @Test
    void pointInTimeRecovery_turnedOn_answersAsRecorded() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_continuous_backup_update");
        ddb.createTable(simple("rec-pitr").build());

        aws.assertAnswer("update-continuous-backup", wire, ddb.updateContinuousBackups(r -> r.tableName("rec-pitr")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true))));
        aws.assertAnswer("describe-continuous-backup", wire, ddb.describeContinuousBackups(r -> r.tableName("rec-pitr")));
    }

    /** TestDynamoDB::test_dynamodb_describe_contributor_insights: a table's contributor insights are DISABLED. */
    @Test
    void contributorInsights_areDisabled() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_dynamodb_describe_contributor_insights");
        ddb.createTable(simple("rec-insights").build());

        aws.assertAnswer("describe-contributor-insights-disabled", wire,
                ddb.describeContributorInsights(r -> r.tableName("rec-insights")));
    }

    /**
     * TestDynamoDB::test_table_warm_throughput: CreateTable with WarmThroughput answers it UPDATING; DescribeTable
     * answers it ACTIVE.
     */
    @Test
    void warmThroughput_askedForAtCreation_isAnswered() {
        RecordedAnswers aws = RecordedAnswers.dynamoDb("TestDynamoDB::test_table_warm_throughput");

        aws.assertAnswer("create-table", wire, ddb.createTable(simple("rec-warm")
                .warmThroughput(w -> w.readUnitsPerSecond(1000L).writeUnitsPerSecond(1200L)).build()));
        aws.assertAnswer("describe-table", wire, ddb.describeTable(r -> r.tableName("rec-warm")));
    }
}
