package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.JsonDepth;
import io.portico.states.asl.StatesError;
import java.util.Map;

/**
 * Whether a JSON value, written compactly as UTF-8 (as Step Functions measures its 256 KiB payload
 * quota), is larger than a limit. Walks the tree and stops as soon as the limit is passed, so checking
 * every state's output costs a few node visits for the small documents most states pass, and never
 * builds the text.
 *
 * <p>The same walk enforces the engine's nesting bound ({@link JsonDepth#MAX}): a value that nests
 * deeper could not be recorded in the history or passed on, so the quota check refuses it with a
 * terminal {@code States.Runtime} error. Counting levels costs one comparison per container visited,
 * and a walk that settles the size also settled the depth: either it walked the whole value, or the
 * value is over the quota anyway.
 */
final class PayloadSize {
    /** AWS's quota for a state's input or output and an execution's input and result. */
    static final int MAX_BYTES = 256 * 1024;
    /** {@code -1.7976931348623157E308}: no double or long is written longer. */
    private static final int LONGEST_DOUBLE = 24;

    private PayloadSize() {
    }

    /**
     * Whether {@code value} is larger than {@code limit} bytes.
     *
     * @throws TooDeep when the walk meets more than {@link JsonDepth#MAX} nested levels
     */
    static boolean exceeds(JsonNode value, long limit) {
        // Most documents are far below the limit: a bound that reads no characters settles them.
        return upperBound(value, limit, JsonDepth.MAX) > limit && size(value, limit, JsonDepth.MAX) > limit;
    }

    /**
     * AWS's 256 KiB quota on what state {@code stateName} {@code did} ("returned a result", "has an
     * input"): over it is {@code States.DataLimitExceeded}, which the state's Retry and Catch see.
     * Nested deeper than the engine's bound is {@code States.Runtime}, which nothing handles.
     */
    static void requireWithinQuota(JsonNode value, String stateName, String did) {
        try {
            if (exceeds(value, MAX_BYTES)) {
                throw overQuota(stateName, did);
            }
        } catch (TooDeep e) {
            throw tooDeep(stateName, did);
        }
    }

    /** {@link #requireWithinQuota(JsonNode, String, String)} with what {@code memo} learnt of the frame's last output. */
    static void requireWithinQuota(JsonNode value, String stateName, String did, Memo memo) {
        try {
            if (exceeds(value, MAX_BYTES, memo)) {
                throw overQuota(stateName, did);
            }
        } catch (TooDeep e) {
            throw tooDeep(stateName, did);
        }
    }

    /**
     * The engine's nesting bound alone, for values no size quota applies to but that are recorded or
     * stored all the same (variables, the input of a Map iteration).
     */
    static void requireNestable(JsonNode value, String stateName, String did) {
        if (JsonDepth.tooDeep(value)) {
            throw tooDeep(stateName, did);
        }
    }

    /** AWS's error for what state {@code stateName} {@code did} over the quota (see {@link #requireWithinQuota}). */
    static StatesError overQuota(String stateName, String did) {
        return new StatesError("States.DataLimitExceeded", "The state/task '" + stateName + "' " + did
                + " with a size exceeding the maximum number of bytes service limit.");
    }

    /** Portico's words, after AWS's for the quota: AWS's answer to such a value is not recorded. */
    private static StatesError tooDeep(String stateName, String did) {
        return StatesError.runtime("The state/task '" + stateName + "' " + did + " nested deeper than the maximum of "
                + JsonDepth.MAX + " levels.");
    }

    /** {@link #exceeds(JsonNode, long)}, reusing what {@code memo} knows of the previous output. */
    static boolean exceeds(JsonNode value, long limit, Memo memo) {
        return memo.upperBound(value, limit) > limit && size(value, limit, JsonDepth.MAX) > limit;
    }

    /** A walk met a value nested deeper than the levels it was given. No stack trace: it is an answer. */
    static final class TooDeep extends RuntimeException {
        private static final TooDeep INSTANCE = new TooDeep();

        private TooDeep() {
            super("nested deeper than " + JsonDepth.MAX + " levels", null, false, false);
        }
    }

    /**
     * The bounds of the top-level members of the output a frame measured last. A state's output
     * mostly shares its members with its input, the previous output (ResultPath copies only the
     * objects along the path it writes), so the next measurement walks only the members that are new
     * nodes. Not thread safe: one per frame, which one thread drives at a time.
     */
    static final class Memo {
        private static final int MAX_MEMBERS = 64; // beyond that a linear lookup costs more than it saves
        private JsonNode[] members = new JsonNode[0];
        private long[] bounds = new long[0];

        long upperBound(JsonNode node, long limit) {
            if (!node.isObject() || node.size() > MAX_MEMBERS) {
                members = new JsonNode[0];
                return PayloadSize.upperBound(node, limit, JsonDepth.MAX);
            }
            JsonNode[] nextMembers = new JsonNode[node.size()];
            long[] nextBounds = new long[node.size()];
            long total = 2 + node.size();
            int i = 0;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                // A member kept from the last output was walked at this same level then.
                long bound = known(value);
                if (bound < 0) {
                    bound = PayloadSize.upperBound(value, limit, JsonDepth.MAX - 1);
                }
                nextMembers[i] = value;
                nextBounds[i++] = bound;
                total += 6L * field.getKey().length() + 3 + bound;
            }
            members = nextMembers;
            bounds = nextBounds;
            return total;
        }

        private long known(JsonNode value) {
            for (int i = 0; i < members.length; i++) {
                if (members[i] == value) {
                    return bounds[i];
                }
            }
            return -1;
        }
    }

    /**
     * At least the compact size, counting every character of a string as its longest escape (six
     * bytes) and every ordinary number as the longest double; any number above {@code limit} once
     * it is passed. {@code levels} is how many more containers may nest here.
     */
    private static long upperBound(JsonNode node, long limit, int levels) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                enter(levels);
                long total = 2 + node.size(); // braces and commas, and then some
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (total > limit) {
                        break;
                    }
                    total += 6L * field.getKey().length() + 3 + upperBound(field.getValue(), limit - total, levels - 1);
                }
                yield total;
            }
            case ARRAY -> {
                enter(levels);
                long total = 2 + node.size();
                for (int i = 0; i < node.size() && total <= limit; i++) {
                    total += upperBound(node.get(i), limit - total, levels - 1);
                }
                yield total;
            }
            case STRING -> 6L * node.textValue().length() + 2;
            case NUMBER -> node.isBigInteger() || node.isBigDecimal() ? node.asText().length() : LONGEST_DOUBLE;
            case NULL, MISSING, BOOLEAN -> 5;
            default -> size(node, limit, levels);
        };
    }

    /** The compact UTF-8 size, or any number above {@code limit} once it is passed. */
    static long size(JsonNode node, long limit) {
        return size(node, limit, JsonDepth.MAX);
    }

    private static long size(JsonNode node, long limit, int levels) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                enter(levels);
                long total = 2 + Math.max(0, node.size() - 1); // braces and commas
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (total > limit) {
                        break;
                    }
                    total += string(field.getKey()) + 1 + size(field.getValue(), limit - total, levels - 1);
                }
                yield total;
            }
            case ARRAY -> {
                enter(levels);
                long total = 2 + Math.max(0, node.size() - 1);
                for (int i = 0; i < node.size() && total <= limit; i++) {
                    total += size(node.get(i), limit - total, levels - 1);
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

    /** A container may open here only if a level is left. */
    private static void enter(int levels) {
        if (levels <= 0) {
            throw TooDeep.INSTANCE;
        }
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
