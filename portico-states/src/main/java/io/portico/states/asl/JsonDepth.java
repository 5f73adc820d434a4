package io.portico.states.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How deep JSON values may nest inside the engine. Jackson reads and writes at most
 * {@value #MAX} nested arrays and objects ({@code StreamReadConstraints} and
 * {@code StreamWriteConstraints}, whose defaults the shared mapper keeps): a deeper value can be held
 * in memory but neither recorded in a history event nor stored nor answered, and recursive code over
 * it may overflow the stack. The engine therefore refuses to make one: where a value is built from
 * others (a JSONata result, an intrinsic's array, a state's output, variables) it is checked against
 * this bound, and the failure is worded in that place's language. Stateless.
 */
public final class JsonDepth {

    /** Jackson's default nesting limit: {@code [[1]]} nests 2 levels, a scalar none. */
    public static final int MAX = 1000;

    private JsonDepth() {
    }

    /**
     * Whether {@code node} nests more than {@code limit} levels. Stops descending at {@code limit}, so
     * its recursion is bounded whatever the value's depth; walks the whole value when it is within.
     */
    public static boolean exceeds(JsonNode node, int limit) {
        if (!node.isContainerNode()) {
            return limit < 0;
        }
        if (limit <= 0) {
            return true;
        }
        for (JsonNode child : node) {
            if (exceeds(child, limit - 1)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code node} nests more than {@link #MAX} levels. */
    public static boolean tooDeep(JsonNode node) {
        return exceeds(node, MAX);
    }
}
