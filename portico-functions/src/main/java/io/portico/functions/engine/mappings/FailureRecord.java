package io.portico.functions.engine.mappings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.ChangeStreams.ChangeRecord;
import io.portico.functions.engine.InvokeResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The document Lambda sends a stream mapping's OnFailure destination when it gives up on a batch, as
 * recorded ({@code test_dynamodb_event_source_mapping_with_on_failure_destination_config}, {@code _sns_},
 * {@code _s3_}): the invocation's {@code requestContext} ({@code condition} {@code RetryAttemptsExhausted}
 * or {@code RecordAgeExceeded}, {@code approximateInvokeCount}), its {@code responseContext} when the
 * function ran, {@code version} 1.0, {@code timestamp}, and {@code DDBStreamBatchInfo} naming the shard and
 * the batch's first and last sequence numbers. The records themselves are not included for queues and
 * topics (the consumer reads them from the stream); an S3 destination also gets them as {@code payload}.
 */
final class FailureRecord {
    private FailureRecord() {
    }

    static byte[] of(String destinationArn, String requestId, String functionArn, String condition, int invokeCount,
            Optional<InvokeResult> result, String streamArn, String shardId, List<ChangeRecord> batch, Instant now) {
        ObjectNode record = Json.object();
        record.putObject("requestContext").put("requestId", requestId).put("functionArn", functionArn)
                .put("condition", condition).put("approximateInvokeCount", invokeCount);
        result.ifPresent(r -> {
            ObjectNode response = record.putObject("responseContext").put("statusCode", 200)
                    .put("executedVersion", r.executedVersion());
            r.functionError().ifPresent(e -> response.put("functionError", e));
        });
        record.put("version", "1.0").put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        ChangeRecord first = batch.get(0);
        ChangeRecord last = batch.get(batch.size() - 1);
        record.putObject("DDBStreamBatchInfo").put("shardId", shardId)
                .put("startSequenceNumber", first.sequenceNumber()).put("endSequenceNumber", last.sequenceNumber())
                .put("approximateArrivalOfFirstRecord", first.approximateCreation().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("approximateArrivalOfLastRecord", last.approximateCreation().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("batchSize", batch.size()).put("streamArn", streamArn);
        if (destinationArn.startsWith("arn:aws:s3:")) {
            ArrayNode records = record.putObject("payload").putArray("Records");
            batch.forEach(r -> records.add(r.event()));
        }
        return Json.write(record);
    }
}
