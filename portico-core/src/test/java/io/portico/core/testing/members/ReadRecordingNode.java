package io.portico.core.testing.members;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An operation's input document that tells {@code reads} the name of every member a handler asks for by
 * name ({@code get}, {@code path}, {@code has}, {@code hasNonNull}, {@code required}, {@code optional},
 * {@code at}, {@code findValue}), present or not. (Jackson's {@code has}, {@code hasNonNull}, {@code optional}
 * and {@code at} ask {@code get}.)
 *
 * <p>Only named access counts. Walking the whole document ({@code properties()}, {@code fields()},
 * iteration, {@code toString()}, {@code deepCopy()}) does not: that is how a document is copied or
 * fingerprinted (Step Functions binds page tokens to every other member), which honours nothing. A handler
 * acts on a member by asking for it. Only the top level records; the members' values are the original
 * nodes. Not thread safe, like any input document.
 */
public final class ReadRecordingNode extends ObjectNode {
    private final transient Consumer<String> reads;

    private ReadRecordingNode(Map<String, JsonNode> members, Consumer<String> reads) {
        super(JsonNodeFactory.instance, members);
        this.reads = reads;
    }

    /** A recording view of {@code input}'s members (the map is copied, the values are shared). */
    public static ReadRecordingNode of(ObjectNode input, Consumer<String> reads) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        input.properties().forEach(e -> members.put(e.getKey(), e.getValue()));
        return new ReadRecordingNode(members, reads);
    }

    @Override
    public JsonNode get(String name) {
        reads.accept(name);
        return super.get(name);
    }

    @Override
    public JsonNode path(String name) {
        reads.accept(name);
        return super.path(name);
    }

    @Override
    public JsonNode required(String name) {
        reads.accept(name);
        return super.required(name);
    }

    @Override
    public JsonNode findValue(String name) {
        reads.accept(name);
        return super.findValue(name);
    }
}
