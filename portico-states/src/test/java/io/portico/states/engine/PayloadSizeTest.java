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
        "[1.0, 1e100, 12345678901234567890, -0.0]"
    })
    void sizeIsTheCompactUtf8Length(String text) throws Exception {
        JsonNode node = JSON.readTree(text);
        int exact = JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;

        assertThat(PayloadSize.exceeds(node, exact)).isFalse();
        assertThat(PayloadSize.exceeds(node, exact - 1)).isTrue();
    }
}
