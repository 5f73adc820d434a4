package io.portico.core.testing.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a handler reading a member: asking for it by name, present or not. */
class ReadRecordingNodeTest {

    private final List<String> reads = new ArrayList<>();
    private final ObjectNode input = Json.object().put("a", 1).put("b", "x");

    @Test
    void namedAccess_recordsEveryMemberAskedFor() {
        ReadRecordingNode node = ReadRecordingNode.of(input, reads::add);

        node.get("a");
        node.path("missing");
        node.has("b");
        node.hasNonNull("c");
        node.optional("d");
        node.at("/e");
        node.required("b");
        node.findValue("f");

        assertThat(reads).containsExactly("a", "missing", "b", "c", "d", "e", "b", "f");
    }

    @Test
    void wholeDocumentAccess_recordsNothing() {
        ReadRecordingNode node = ReadRecordingNode.of(input, reads::add);

        node.properties().forEach(e -> { });
        node.fieldNames().forEachRemaining(n -> { });
        String text = node.toString();
        ObjectNode copy = node.deepCopy();

        assertThat(reads).isEmpty();
        assertThat(text).isEqualTo("{\"a\":1,\"b\":\"x\"}");
        assertThat(copy).isEqualTo(input);
    }

    @Test
    void values_areTheOriginalNodes() {
        ObjectNode nested = input.putObject("n");

        assertThat(ReadRecordingNode.of(input, reads::add).get("n")).isSameAs(nested);
    }
}
