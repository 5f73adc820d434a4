package io.portico.tables.engine.value;

import io.portico.tables.engine.TablesException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DynamoDB's checks of key attributes, in a key (GetItem, DeleteItem, UpdateItem, BatchGetItem, a delete
 * in BatchWriteItem) and in a whole item (PutItem, a put in BatchWriteItem), with its messages. Key sizes: a partition key value at most 2048 bytes, a sort key value at most
 * 1024 (numbers are never too large). Stateless.
 */
public final class ItemKeys {

    /** DynamoDB's answer for a key that does not fit the schema (recorded: test_dynamodb.snapshot.json). */
    public static final String KEY_MISMATCH = "The provided key element does not match the schema";

    static final int MAX_PARTITION_KEY_BYTES = 2048;
    static final int MAX_SORT_KEY_BYTES = 1024;

    private ItemKeys() {}

    /**
     * Checks a key: exactly the schema's attributes, each of its type, non-empty and within the size limits.
     *
     * @throws TablesException {@code INVALID_REQUEST}
     */
    public static void checkKey(Map<String, AttributeValue> key, KeySchema schema) {
        checkKey(key, schema, Wording.CURRENT);
    }

    /**
     * {@link #checkKey(Map, KeySchema)} in the words of the operation's checker: the current one words an
     * empty key value {@code are not valid.} (captured for UpdateItem), the older one {@code were invalid:}
     * (dynalite).
     */
    public static void checkKey(Map<String, AttributeValue> key, KeySchema schema, Wording wording) {
        if (key.size() != schema.attributes().size()) {
            throw TablesException.validation(KEY_MISMATCH);
        }
        boolean partition = true;
        for (KeySchema.Attribute attribute : schema.attributes()) {
            AttributeValue value = key.get(attribute.name());
            if (value == null || !value.type().equals(attribute.type())) {
                throw TablesException.validation(KEY_MISMATCH);
            }
            checkValue(attribute.name(), value, partition, wording == Wording.CURRENT
                    ? "One or more parameter values are not valid. " : "One or more parameter values were invalid: ");
            partition = false;
        }
    }

    /**
     * Checks the key attributes of an item about to be written.
     *
     * @throws TablesException {@code INVALID_REQUEST}
     */
    public static void checkItem(Map<String, AttributeValue> item, KeySchema schema) {
        boolean partition = true;
        for (KeySchema.Attribute attribute : schema.attributes()) {
            AttributeValue value = item.get(attribute.name());
            if (value == null) {
                throw TablesException.validation("One or more parameter values were invalid: Missing the key "
                        + attribute.name() + " in the item");
            }
            if (!value.type().equals(attribute.type())) {
                throw TablesException.validation("One or more parameter values were invalid: Type mismatch for key "
                        + attribute.name() + " expected: " + attribute.type() + " actual: " + value.type());
            }
            checkValue(attribute.name(), value, partition, "One or more parameter values are not valid. ");
            partition = false;
        }
    }

    /** The key of {@code item}: its key attributes, partition key first. */
    public static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, KeySchema schema) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (KeySchema.Attribute attribute : schema.attributes()) {
            AttributeValue value = item.get(attribute.name());
            if (value != null) {
                key.put(attribute.name(), value);
            }
        }
        return key;
    }

    private static void checkValue(String name, AttributeValue value, boolean partition, String emptyPrefix) {
        long bytes = switch (value) {
            case AttributeValue.S s -> ItemSize.utf8(s.value());
            case AttributeValue.B b -> b.value().length();
            default -> -1;   // numbers: never empty, never too large
        };
        if (bytes == 0) {
            throw TablesException.validation(emptyPrefix + "The AttributeValue for a key attribute cannot contain an "
                    + "empty " + (value instanceof AttributeValue.S ? "string" : "binary") + " value. Key: " + name);
        }
        if (partition && bytes > MAX_PARTITION_KEY_BYTES) {
            throw TablesException.validation("One or more parameter values were invalid: "
                    + "Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (!partition && bytes > MAX_SORT_KEY_BYTES) {
            throw TablesException.validation("One or more parameter values were invalid: "
                    + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }
}
