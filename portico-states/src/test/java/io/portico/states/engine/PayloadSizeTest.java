package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PayloadSize agrees byte for byte with Jackson's compact UTF-8 output, escapes and non-ASCII included. */
class PayloadSizeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "null", "true", "false", "0", "-12.5e3", "\"\"",
        "{\"a\":1,\"b\":[1,2,{\"c\":null}],\"d\":\"x\"}",
        "{\"quote\":\"\\\"\",\"backslash\":\"\\\\\",\"newline\":\"a\\nb\",\"control\":\"\\u0001\",\"tab\":\"\\t\"}",
        "{\"é\":\"naïve — ünïcödé\",\"emoji\":\"\\ud83d\\ude00\",\"cjk\":\"漢字\"}",
        "[1.0, 1e100, 12345678901234567890, -0.0, -1.7976931348623157E308, 123456789012345678901234567890.5]"
    })
    void sizeIsTheCompactUtf8Length(String text) throws Exception {
        JsonNode node = JSON.readTree(text);
        int exact = JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;

        assertThat(PayloadSize.exceeds(node, exact)).isFalse();
        assertThat(PayloadSize.exceeds(node, exact - 1)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void documentsNearTheLimit_areMeasuredExactly() throws Exception {
        // 10,000 quotes: each escapes to two bytes, so the six-byte bound passes the limit and the exact size decides.
        JsonNode quotes = JSON.readTree("{\"q\":\"" + "\\\"".repeat(10_000) + "\"}");
        int exact = JSON.writeValueAsString(quotes).getBytes(StandardCharsets.UTF_8).length;

        assertThat(PayloadSize.exceeds(quotes, exact)).isFalse();
        assertThat(PayloadSize.exceeds(quotes, exact - 1)).isTrue();
        assertThat(PayloadSize.exceeds(quotes, 50_000)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void memo_reusesSharedMembers_andStillSeesNewLargeOnes() throws Exception {
        PayloadSize.Memo memo = new PayloadSize.Memo();
        com.fasterxml.jackson.databind.node.ObjectNode first = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree("{\"order\": {\"id\": \"o-1\", \"tags\": [\"a\", \"b\"]}}");
        assertThat(PayloadSize.exceeds(first, 1_000, memo)).isFalse();

        // The next output shares "order" (as ResultPath leaves it) and adds a large new member.
        com.fasterxml.jackson.databind.node.ObjectNode second = first.deepCopy().removeAll();
        second.set("order", first.get("order"));
        second.put("big", "x".repeat(2_000));

        assertThat(PayloadSize.exceeds(second, 1_000, memo)).isTrue();
        assertThat(PayloadSize.exceeds(first, 1_000, memo)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void requireWithinQuota_valueNestedPastTheBound_isATerminalRuntimeError() {
        com.fasterxml.jackson.databind.node.ObjectNode output = JSON.createObjectNode();
        output.set("within", nested(io.portico.states.asl.JsonDepth.MAX - 1));
        PayloadSize.Memo memo = new PayloadSize.Memo();
        PayloadSize.requireWithinQuota(output, "S", "returned a result", memo);

        // The next output keeps the member the memo knows and nests a new one a level too deep.
        output.set("tooDeep", nested(io.portico.states.asl.JsonDepth.MAX));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> PayloadSize.requireWithinQuota(output, "S", "returned a result", memo))
                .isInstanceOfSatisfying(io.portico.states.asl.StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.detail()).isEqualTo("The state/task 'S' returned a result nested deeper than the "
                            + "maximum of 1000 levels.");
                });
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> PayloadSize.requireWithinQuota(nested(1_001), "S", "has an input"))
                .hasMessageContaining("has an input nested deeper");
    }

    private static JsonNode nested(int levels) {
        JsonNode node = JSON.getNodeFactory().numberNode(1);
        for (int i = 0; i < levels; i++) {
            node = JSON.getNodeFactory().arrayNode().add(node);
        }
        return node;
    }
}
