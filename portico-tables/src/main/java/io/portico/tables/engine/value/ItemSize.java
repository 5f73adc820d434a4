package io.portico.tables.engine.value;

import io.portico.tables.engine.TablesException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An item's size as DynamoDB counts it against the 400 KB item limit and for capacity units (AWS,
 * "DynamoDB item sizes and formats"): each attribute's UTF-8 name length plus its value's size. Strings
 * count their UTF-8 bytes, binaries their raw bytes, {@code NULL} and {@code BOOL} one byte, sets the sum
 * of their members, and a map or list 3 bytes plus, per element, 1 byte and the element's size (a map's
 * elements also count their names).
 *
 * <p>AWS documents a number's size only as "approximately 1 byte per two significant digits plus 1".
 * DynamoDB stores numbers as base-100 digits aligned on the decimal point with one exponent byte and,
 * for negatives, one terminator byte; this class counts that exact layout (as dynalite measured it against
 * DynamoDB): {@code 1} and {@code 12} take 2 bytes, {@code 1.2} and {@code 123} take 3, {@code -1} takes 3.
 * Stateless and thread-safe.
 */
public final class ItemSize {

    /** DynamoDB's item size limit: 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {}

    /** The size of {@code item} in bytes. */
    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    /** The size of one value, without a name. */
    public static long of(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> utf8(s.value());
            case AttributeValue.N n -> of(n.value());
            case AttributeValue.B b -> b.value().length();
            case AttributeValue.SS ss -> ss.values().stream().mapToLong(ItemSize::utf8).sum();
            case AttributeValue.NS ns -> ns.values().stream().mapToLong(ItemSize::of).sum();
            case AttributeValue.BS bs -> bs.values().stream().mapToLong(Bytes::length).sum();
            case AttributeValue.M m -> 3 + m.values().size() + of(m.values());
            case AttributeValue.L l -> 3 + l.values().stream().mapToLong(e -> 1 + of(e)).sum();
            case AttributeValue.BOOL ignored -> 1;
            case AttributeValue.NULL ignored -> 1;
        };
    }

    /** The stored size of a number: exponent byte, base-100 digit pairs, a terminator for negatives. */
    public static long of(DynamoNumber number) {
        if (number.value().signum() == 0) {
            return 1;
        }
        int digits = number.digits().length();
        // a pair starts at an even power of ten, so an even leading exponent leaves a half-empty first pair
        int alignment = Math.floorMod(number.exponent(), 2) == 0 ? 1 : 0;
        int pairs = (digits + alignment + 1) / 2;
        return 1 + pairs + (number.value().signum() < 0 ? 1 : 0);
    }

    /**
     * Refuses an item over the limit.
     *
     * @throws TablesException {@code INVALID_REQUEST}: {@code Item size has exceeded the maximum allowed size}
     */
    public static void check(Map<String, AttributeValue> item) {
        if (of(item) > MAX_ITEM_BYTES) {
            throw TablesException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    /** The UpdateItem wording of the same limit, for an item that an update made too large. */
    public static void checkUpdated(Map<String, AttributeValue> item) {
        if (of(item) > MAX_ITEM_BYTES) {
            throw TablesException.validation("Item size to update has exceeded the maximum allowed size");
        }
    }

    static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
