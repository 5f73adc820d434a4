package io.portico.server.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The one list of DynamoDB's AWS-validated recordings ({@code ../shared/conformance/dynamodb}: {@code test_dynamodb},
 * {@code test_dynamodb_streams}, {@code test_lambda_integration_dynamodbstreams}) and what Portico does with
 * each: the test that replays it through the SDK against a running Portico and compares the recorded answer
 * ({@link Entry#test}), with what of the entry it leaves out if anything, or the reason it is not applicable.
 * {@link DynamoDbRecordingsLedgerTest} checks the list against the recordings, the tests and docs/tables.md,
 * whose table is {@link #markdown()}.
 */
final class DynamoDbRecordings {
    static final String DYNAMODB = "test_dynamodb";
    static final String STREAMS = "test_dynamodb_streams";
    static final String MAPPINGS = "test_lambda_integration_dynamodbstreams";
    static final List<String> SNAPSHOTS = List.of(DYNAMODB, STREAMS, MAPPINGS);

    private static final String TABLES = "tables.RecordedTableAnswersTest#";
    private static final String ITEMS = "tables.RecordedItemAnswersTest#";
    private static final String STREAM = "tables.RecordedStreamAnswersTest#";
    private static final String MAPPING = "tables.RecordedStreamMappingAnswersTest#";
    private static final String KINESIS = "Kinesis streaming destinations: Portico serves no Kinesis, and not the"
            + " DynamoDB operations that name one";
    private static final String NO_KMS = "the recording's KMS DescribeKey of the table's key: Portico serves no KMS";
    private static final String NO_SQS = "the on-failure destination is an SQS queue: Portico serves no SQS yet, and"
            + " CreateEventSourceMapping refuses an OnFailure destination (docs/functions.md)";
    private static final String DESTINATION_TABLES = MAPPING + "onFailureDestinationRecordings_answerTheTableAsRecorded";

    /**
     * One recording and Portico's verdict.
     *
     * @param snapshot the snapshot file, without {@code .snapshot.json}
     * @param id the test id without its file ({@code TestDynamoDB::test_table_crud})
     * @param test the replaying test, {@code package.Class#method} under {@code io.portico.server}; empty when not applicable
     * @param note for a replayed entry, the part of it not replayed (empty: all of it); otherwise why it is not applicable
     */
    record Entry(String snapshot, String id, String test, String note) {
        boolean replayed() {
            return !test.isEmpty();
        }
    }

    private DynamoDbRecordings() {
    }

    static List<Entry> all() {
        List<Entry> all = new ArrayList<>();
        String d = "TestDynamoDB::";
        all.add(replayed(DYNAMODB, d + "test_valid_local_secondary_index", ITEMS + "queryOfLocalIndex_answersTheItem"));
        all.add(replayed(DYNAMODB, d + "test_return_values_in_put_item", ITEMS + "putItemReturnValues_answerTheOldItemOnlyWhenAsked"));
        all.add(replayed(DYNAMODB, d + "test_empty_and_binary_values", ITEMS + "emptyStringAndBinary_areAccepted"));
        all.add(replayed(DYNAMODB, d + "test_batch_write_binary", ITEMS + "batchWriteOfBinaries_answersNothingUnprocessed"));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_execute_transaction", ITEMS + "executeTransaction_ofInserts_answersNoResponses"));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_batch_execute_statement", ITEMS + "batchExecuteStatement_answersEachStatementsTable"));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_partiql_missing", ITEMS + "partiqlIsNotMissing_selectsItemsWithTheAttribute"));
        all.add(replayed(DYNAMODB, d + "test_create_duplicate_table", TABLES + "createDuplicateTable_isResourceInUse"));
        all.add(replayed(DYNAMODB, d + "test_transaction_write_items", ITEMS + "transactWriteItems_answersEmpty_byNameAndByArn"));
        all.add(replayed(DYNAMODB, d + "test_transaction_write_canceled", ITEMS + "transactWriteItems_failedCondition_isCancelled"));
        all.add(replayed(DYNAMODB, d + "test_transaction_write_binary_data", ITEMS + "transactWriteItems_ofABinary_readsBack"));
        all.add(replayed(DYNAMODB, d + "test_transact_get_items", ITEMS + "transactGetItems_byNameAndByArn"));
        all.add(replayed(DYNAMODB, d + "test_batch_write_items", ITEMS + "batchWriteItem_deleteAndPut_answersNothingUnprocessed"));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_pay_per_request", TABLES + "payPerRequestWithCapacity_isRefused"));
        all.add(replayedExcept(DYNAMODB, d + "test_dynamodb_create_table_with_partial_sse_specification",
                TABLES + "partialSseSpecification_isKmsEncryption_andTurningItOffAnswersUpdating", NO_KMS));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_get_batch_items", ITEMS + "batchGetItem_findingNothing_answersAnEmptyList"));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_idempotent_writing", ITEMS + "transactWriteItems_repeatedWithItsToken_succeedsAgain"));
        all.add(replayed(DYNAMODB, d + "test_batch_write_not_matching_schema", ITEMS + "batchWriteItem_withoutTheKeys_isRefused"));
        all.add(replayed(DYNAMODB, d + "test_data_encoding_consistency", STREAM + "binary_readsTheSameFromTheTableAndTheStream"));
        all.add(replayed(DYNAMODB, d + "test_continuous_backup_update", TABLES + "pointInTimeRecovery_turnedOn_answersAsRecorded"));
        all.add(replayed(DYNAMODB, d + "test_batch_write_not_existing_table", ITEMS + "transactWriteItems_onAMissingTable_isResourceNotFound"));
        all.add(replayed(DYNAMODB, d + "test_batch_write_items_streaming", STREAM + "batchWriteItems_streamRecords"));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_streams_describe_with_exclusive_start_shard_id",
                STREAM + "describeStream_afterExclusiveStartShardId_leavesThatShardOut"));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_stream_stream_view_type", STREAM + "keysOnly_streamRecords_ofItemWritesAndPartiql"));
        all.add(replayed(DYNAMODB, d + "test_return_values_on_conditions_check_failure", ITEMS + "failedConditionWithAllOld_carriesTheItem"));
        all.add(replayed(DYNAMODB, d + "test_transact_write_items_streaming", STREAM + "transactWriteItems_streamRecords"));
        all.add(replayed(DYNAMODB, d + "test_transact_write_items_streaming_for_different_tables",
                STREAM + "transactWriteItems_acrossTables_streamOnlyTheStreamedTable"));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_stream_records_with_update_item", STREAM + "updateItem_streamsInsertThenModify"));
        all.add(replayedExcept(DYNAMODB, d + "test_dynamodb_update_table_without_sse_specification_change",
                TABLES + "updateWithoutSseSpecification_keepsTheEncryption", NO_KMS));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_execute_statement_empy_parameter", ITEMS + "executeStatement_withNoParameters_isRefused"));
        all.add(replayed(DYNAMODB, d + "test_gsi_with_billing_mode[PAY_PER_REQUEST]", TABLES + "globalIndex_onDemand_createdAndDescribedAsRecorded"));
        all.add(replayed(DYNAMODB, d + "test_gsi_with_billing_mode[PROVISIONED]", TABLES + "globalIndex_provisioned_createdAndDescribedAsRecorded"));
        all.add(notApplicable(DYNAMODB, d + "test_streams_on_global_tables", "global tables: Portico serves no replicas in"
                + " other regions (UpdateTable's ReplicaUpdates is not honoured)"));
        all.add(notApplicable(DYNAMODB, d + "test_kinesis_streaming_destination_crud", KINESIS));
        all.add(replayed(DYNAMODB, d + "test_dynamodb_describe_contributor_insights", TABLES + "contributorInsights_areDisabled"));
        all.add(replayed(DYNAMODB, d + "test_table_crud", TABLES + "tableCrud_answersAsRecorded"));
        all.add(replayed(DYNAMODB, d + "test_table_warm_throughput", TABLES + "warmThroughput_askedForAtCreation_isAnswered"));
        all.add(notApplicable(DYNAMODB, d + "test_stream_destination_records", KINESIS));

        String s = "TestDynamoDBStreams::";
        all.add(notApplicable(STREAMS, s + "test_enable_kinesis_streaming_destination", KINESIS));
        all.add(replayed(STREAMS, s + "test_table_v2_stream", TABLES + "onDemandTableWithStream_describedAsRecorded"));
        all.add(replayed(STREAMS, s + "test_non_existent_stream", STREAM + "describeStream_ofAStreamThatDoesNotExist_isResourceNotFound"));

        String m = "TestDynamoDBEventSourceMapping::";
        all.add(replayed(MAPPINGS, m + "test_dynamodb_event_source_mapping",
                MAPPING + "mapping_answersAsRecorded_andTheFunctionGetsTheRecordedEvent"));
        all.add(replayed(MAPPINGS, m + "test_disabled_dynamodb_event_source_mapping", MAPPING + "disablingAMapping_answersDisabling"));
        all.add(replayed(MAPPINGS, m + "test_deletion_event_source_mapping_with_dynamodb",
                MAPPING + "deletingTheTable_leavesTheMappingListed"));
        all.add(replayedExcept(MAPPINGS, m + "test_dynamodb_event_source_mapping_with_on_failure_destination_config",
                DESTINATION_TABLES, destination(NO_SQS)));
        for (String pattern : List.of("single-string", "[{\"eventName\": [\"INSERT\"=123}]")) {
            all.add(replayed(MAPPINGS, m + "test_dynamodb_invalid_event_filter[" + pattern + "]", MAPPING + "invalidFilterPattern_isRefused"));
        }
        all.add(replayed(MAPPINGS, m + "test_duplicate_event_source_mappings", MAPPING + "secondMappingOfOneStreamAndFunction_isAConflict"));
        for (String filter : List.of("insert_same_entry_twice", "content_or_filter", "content_multiple_filters",
                "content_filter_type", "exists_filter_type", "exists_false_filter", "numeric_filter", "prefix_filter",
                "date_time_conversion")) {
            all.add(replayed(MAPPINGS, m + "test_dynamodb_event_filter[" + filter + "]", MAPPING + "filterCriteria_deliverWhatAwsDelivered"));
        }
        all.add(replayedExcept(MAPPINGS, m + "test_dynamodb_event_source_mapping_with_sns_on_failure_destination_config",
                DESTINATION_TABLES, destination("the on-failure destination is an SNS topic: Portico serves no SNS yet,"
                        + " and CreateEventSourceMapping refuses an OnFailure destination (docs/functions.md)")));
        all.add(replayedExcept(MAPPINGS, m + "test_dynamodb_report_batch_item_failures", DESTINATION_TABLES,
                destination(NO_SQS)));
        for (String failure : List.of("empty_string_item_identifier_failure", "null_item_identifier_failure",
                "invalid_key_foo_failure", "invalid_key_foo_null_value_failure", "unhandled_exception_in_function",
                "item_identifier_not_present_failure")) {
            all.add(replayedExcept(MAPPINGS, m + "test_dynamodb_report_batch_item_failure_scenarios[" + failure + "]",
                    MAPPING + "batchItemFailure_retriesTheRecordUntilTheRetriesAreSpent",
                    "destination_queue_messages: " + NO_SQS));
        }
        for (String success : List.of("empty_list_success", "null_success", "empty_dict_success",
                "empty_batch_item_failure_success", "null_batch_item_failure_success")) {
            all.add(replayed(MAPPINGS, m + "test_dynamodb_report_batch_item_success_scenarios[" + success + "]",
                    MAPPING + "batchItemSuccess_deliversTheRecordOnce"));
        }
        all.add(replayedExcept(MAPPINGS, m + "test_dynamodb_event_source_mapping_with_s3_on_failure_destination",
                DESTINATION_TABLES, destination("the on-failure destination is an S3 bucket: Portico serves no S3 yet,"
                        + " and CreateEventSourceMapping refuses an OnFailure destination (docs/functions.md)")));
        all.add(replayed(MAPPINGS, m + "test_esm_with_not_existing_dynamodb_stream", MAPPING + "mappingOfAStreamThatDoesNotExist_isRefused"));
        return List.copyOf(all);
    }

    /** What an on-failure destination recording leaves out: all but its table's answers. */
    private static String destination(String why) {
        return "the mapping, its invocations and what the destination received (only the table's CreateTable and"
                + " UpdateTable answers are replayed): " + why;
    }

    private static Entry replayed(String snapshot, String id, String test) {
        return new Entry(snapshot, id, test, "");
    }

    private static Entry replayedExcept(String snapshot, String id, String test, String notReplayed) {
        return new Entry(snapshot, id, test, notReplayed);
    }

    private static Entry notApplicable(String snapshot, String id, String reason) {
        return new Entry(snapshot, id, "", reason);
    }

    /** The table docs/tables.md shows, between its {@code recordings:begin} and {@code recordings:end} markers. */
    static String markdown() {
        StringBuilder out = new StringBuilder("| recording | Portico | replayed by, or why not |\n|---|---|---|\n");
        for (Entry e : all()) {
            String verdict = !e.replayed() ? "not applicable" : e.note().isEmpty() ? "matches" : "matches, in part";
            String why = !e.replayed() ? e.note() : "`" + e.test().substring(e.test().indexOf('.') + 1) + "`"
                    + (e.note().isEmpty() ? "" : "; not replayed: " + e.note());
            out.append("| ").append(e.snapshot()).append(" `").append(e.id().replace("|", "\\|")).append("` | ")
                    .append(verdict).append(" | ").append(why).append(" |\n");
        }
        return out.toString();
    }
}
