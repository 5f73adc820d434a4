package io.portico.tables.engine.stream;

import io.portico.tables.engine.item.StreamRecord.EventName;
import io.portico.tables.engine.value.AttributeValue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One stored stream record as a reader sees it: its place in the stream ({@code sequence}, from 1, gapless),
 * the change ({@code eventName}, the item's keys, the images the stream's view type asked for when it was
 * written), when it was committed, DynamoDB's size, and, for deletions DynamoDB made itself (TTL), the
 * service principal that made them. Immutable.
 */
public record ChangeRecord(long sequence, String eventId, EventName eventName, Instant created,
        Map<String, AttributeValue> keys, Optional<Map<String, AttributeValue>> newImage,
        Optional<Map<String, AttributeValue>> oldImage, long sizeBytes, Optional<String> servicePrincipal) {

    /** The principal DynamoDB names in the {@code userIdentity} of a record of a TTL deletion. */
    public static final String DYNAMODB_PRINCIPAL = "dynamodb.amazonaws.com";

    /** The sequence number as AWS prints it (see {@link SequenceNumbers}). */
    public String sequenceNumber() {
        return SequenceNumbers.format(sequence);
    }
}
