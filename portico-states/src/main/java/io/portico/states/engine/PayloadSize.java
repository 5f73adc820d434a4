package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Whether a JSON value, written compactly as UTF-8 (as Step Functions measures its 256 KiB payload
 * quota), is larger than a limit. Walks the tree and stops as soon as the limit is passed, so checking
 * every state's output costs a few node visits for the small documents most states pass, and never
 * builds the text.
 */
final class PayloadSize {
    /** AWS's quota for a state's input or output and an execution's input and result. */
    static final int MAX_BYTES = 256 * 1024;

    private PayloadSize() {
    }

    static boolean exceeds(JsonNode value, long limit) {
        return size(value, limit) > limit;
    }

    /** The compact UTF-8 size, or any number above {@code limit} once it is passed. */
    private static long size(JsonNode node, long limit) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                long total = 2 + Math.max(0, node.size() - 1); // braces and commas
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (total > limit) {
                        break;
                    }
                    total += string(field.getKey()) + 1 + size(field.getValue(), limit - total);
                }
                yield total;
            }
            case ARRAY -> {
                long total = 2 + Math.max(0, node.size() - 1);
                for (int i = 0; i < node.size() && total <= limit; i++) {
                    total += size(node.get(i), limit - total);
                }
                yield total;
            }
            case STRING -> string(node.textValue());
            case BINARY -> 2 + node.asText().length(); // base64
            case NULL, MISSING -> 4;
            case BOOLEAN -> node.booleanValue() ? 4 : 5;
            default -> node.asText().length(); // numbers and POJOs: their text is ASCII
        };
    }

    /** A quoted string as Jackson writes it: escapes for quotes, backslashes and control characters. */
    private static long string(String text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += 6; // \\u00XX
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4; // with its low surrogate: one 4-byte code point
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
