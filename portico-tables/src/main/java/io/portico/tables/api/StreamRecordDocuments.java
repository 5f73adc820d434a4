package io.portico.tables.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.arn.Arn;
import io.portico.core.json.Json;
import io.portico.tables.engine.stream.ChangeRecord;
import io.portico.tables.engine.stream.StoredStream;
import io.portico.tables.engine.value.AttributeValues;

/**
 * A stream record as JSON, in the two shapes AWS gives it: GetRecords' {@code Record} (members as the
 * DynamoDB Streams model names them, as AWS's recordings show) and one element of the {@code Records} of the
 * event Lambda hands a function ({@code DynamodbEvent}: the same, plus {@code eventSourceARN}, and
 * {@code userIdentity} with lower-case {@code type} and {@code principalId}, as DynamoDB writes it for a TTL
 * deletion). An event source mapping's reader renders its records here, so both paths agree. Stateless.
 */
public final class StreamRecordDocuments {
    private StreamRecordDocuments() {
    }

    /** GetRecords' record, {@code region} being the stream's. */
    public static ObjectNode forGetRecords(ChangeRecord record, StoredStream stream, String region) {
        ObjectNode out = common(record, stream, region);
        record.servicePrincipal().ifPresent(principal -> out.putObject("userIdentity")
                .put("PrincipalId", principal).put("Type", "Service"));
        return out;
    }

    /** The record as an element of a Lambda {@code DynamodbEvent}'s {@code Records}. */
    public static ObjectNode forLambdaEvent(ChangeRecord record, StoredStream stream) {
        String region = Arn.parse(stream.arn()).orElseThrow().region();
        ObjectNode out = common(record, stream, region);
        out.put("eventSourceARN", stream.arn());
        record.servicePrincipal().ifPresent(principal -> out.putObject("userIdentity")
                .put("type", "Service").put("principalId", principal));
        return out;
    }

    /** Member order as recorded; timestamps in epoch seconds. */
    private static ObjectNode common(ChangeRecord record, StoredStream stream, String region) {
        ObjectNode out = Json.object()
                .put("eventID", record.eventId())
                .put("eventName", record.eventName().name())
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", region);
        ObjectNode dynamodb = out.putObject("dynamodb")
                .put("ApproximateCreationDateTime", record.created().getEpochSecond());
        dynamodb.set("Keys", AttributeValues.itemToDocument(record.keys()));
        record.newImage().ifPresent(image -> dynamodb.set("NewImage", AttributeValues.itemToDocument(image)));
        record.oldImage().ifPresent(image -> dynamodb.set("OldImage", AttributeValues.itemToDocument(image)));
        dynamodb.put("SequenceNumber", record.sequenceNumber())
                .put("SizeBytes", record.sizeBytes())
                .put("StreamViewType", stream.viewType().name());
        return out;
    }
}
