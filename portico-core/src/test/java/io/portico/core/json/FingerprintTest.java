package io.portico.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static JsonNode json(String text) {
        return Json.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
    }

    @Test
    void of_ignoresMemberOrderAtEveryDepth() {
        assertThat(Fingerprint.of(json("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":null}}"), Set.of()))
                .isEqualTo(Fingerprint.of(json("{\"b\":{\"y\":null,\"x\":[1,2]},\"a\":1}"), Set.of()));
    }

    @Test
    void of_seesValuesAndArrayOrder() {
        String base = Fingerprint.of(json("{\"a\":[1,2]}"), Set.of());

        assertThat(Fingerprint.of(json("{\"a\":[2,1]}"), Set.of())).isNotEqualTo(base);
        assertThat(Fingerprint.of(json("{\"a\":[1,\"2\"]}"), Set.of())).isNotEqualTo(base);
    }

    @Test
    void of_leavesOutIgnoredTopLevelMembers() {
        assertThat(Fingerprint.of(json("{\"stateMachineArn\":\"m\",\"nextToken\":\"t\",\"maxResults\":5}"),
                Set.of("nextToken", "maxResults")))
                .isEqualTo(Fingerprint.of(json("{\"stateMachineArn\":\"m\"}"), Set.of()));
    }

    @Test
    void of_parts_areUnambiguous() {
        assertThat(Fingerprint.of(List.of("ab", "c"))).isNotEqualTo(Fingerprint.of(List.of("a", "bc")));
        assertThat(Fingerprint.of(List.of("a", "b"))).isEqualTo(Fingerprint.of(List.of("a", "b")));
    }
}
