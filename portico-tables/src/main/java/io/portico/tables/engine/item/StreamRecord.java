package io.portico.tables.engine.item;

import io.portico.tables.engine.StreamViewType;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableStream;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.ItemKeys;
import io.portico.tables.engine.value.ItemSize;
import java.util.Map;
import java.util.Optional;

/**
 * What a table's stream records of one item change: INSERT, MODIFY or REMOVE, the item's keys, and the
 * images its view type asks for. {@code sizeBytes} is DynamoDB's: the keys' size plus each image's (as
 * recorded: a KEYS_ONLY record of {@code Username: Fred} is 12 bytes, test_dynamodb_stream_stream_view_type).
 * Immutable.
 */
public record StreamRecord(EventName eventName, Map<String, AttributeValue> keys,
        Optional<Map<String, AttributeValue>> newImage, Optional<Map<String, AttributeValue>> oldImage,
        long sizeBytes) {

    /** DynamoDB Streams' event names. */
    public enum EventName {
        INSERT, MODIFY, REMOVE
    }

    /**
     * The record a change writes to the table's stream, if its stream is on and the item changed: a put of an
     * item equal to the stored one writes no record, as AWS's recording shows
     * (test_transact_write_items_streaming), and neither does a delete of no item.
     */
    public static Optional<StreamRecord> of(Table table, Optional<Map<String, AttributeValue>> before,
            Optional<Map<String, AttributeValue>> after) {
        Optional<TableStream> stream = table.definition().enabledStream();
        if (stream.isEmpty() || before.equals(after)) {
            return Optional.empty();
        }
        EventName name = before.isEmpty() ? EventName.INSERT : after.isEmpty() ? EventName.REMOVE : EventName.MODIFY;
        StreamViewType view = stream.get().viewType();
        Optional<Map<String, AttributeValue>> newImage = view == StreamViewType.NEW_IMAGE
                || view == StreamViewType.NEW_AND_OLD_IMAGES ? after : Optional.empty();
        Optional<Map<String, AttributeValue>> oldImage = view == StreamViewType.OLD_IMAGE
                || view == StreamViewType.NEW_AND_OLD_IMAGES ? before : Optional.empty();
        Map<String, AttributeValue> keys = ItemKeys.keyOf(after.or(() -> before).orElseThrow(),
                TypedKeys.of(table.definition()));
        long size = ItemSize.of(keys) + newImage.map(ItemSize::of).orElse(0L) + oldImage.map(ItemSize::of).orElse(0L);
        return Optional.of(new StreamRecord(name, keys, newImage, oldImage, size));
    }
}
