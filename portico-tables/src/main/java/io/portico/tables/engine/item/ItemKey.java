package io.portico.tables.engine.item;

import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.KeyEncoding;
import io.portico.tables.engine.value.KeySchema;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where an item is stored: its partition and sort key values in {@link KeyEncoding}'s order-preserving
 * bytes (an empty sort key for a table with a simple key), so that byte order is DynamoDB's key order.
 * Equal by content. Immutable: the arrays are never handed out to be changed.
 */
public record ItemKey(byte[] partition, byte[] sort) {
    private static final byte[] NONE = new byte[0];

    /** The key of an item or key map whose key attributes have been checked against {@code schema}. */
    public static ItemKey of(Map<String, AttributeValue> item, KeySchema schema) {
        byte[] partition = KeyEncoding.encode(item.get(schema.partition().name()));
        byte[] sort = schema.sort().map(s -> KeyEncoding.encode(item.get(s.name()))).orElse(NONE);
        return new ItemKey(partition, sort);
    }

    /**
     * A non-negative hash of the partition key bytes, stored beside the key: a parallel Scan's segment
     * {@code s} of {@code n} is the items whose hash is {@code s} modulo {@code n}, so segments are disjoint
     * and together complete, and one partition is never split. {@link Arrays#hashCode(byte[])} is specified,
     * so the stored value never changes meaning.
     */
    public int partitionHash() {
        return Arrays.hashCode(partition) & 0x7fffffff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemKey other && Arrays.equals(partition, other.partition) && Arrays.equals(sort, other.sort);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(partition) + Arrays.hashCode(sort);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(partition) + "/" + HexFormat.of().formatHex(sort);
    }
}
