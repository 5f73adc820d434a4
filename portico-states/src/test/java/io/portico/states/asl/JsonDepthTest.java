package io.portico.states.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portico.core.json.Json;
import org.junit.jupiter.api.Test;

/** The engine's nesting bound counts levels as Jackson does, and is the limit of the mapper every reader uses. */
class JsonDepthTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void exceeds_countsNestedContainersAsJacksonDoes() {
        assertThat(JsonDepth.exceeds(NODES.numberNode(1), 0)).isFalse();
        assertThat(JsonDepth.exceeds(NODES.arrayNode(), 0)).isTrue();
        assertThat(JsonDepth.exceeds(NODES.arrayNode(), 1)).isFalse();
        JsonNode twoLevels = NODES.objectNode().set("a", NODES.arrayNode().add(1));
        assertThat(JsonDepth.exceeds(twoLevels, 1)).isTrue();
        assertThat(JsonDepth.exceeds(twoLevels, 2)).isFalse();
    }

    @Test
    void exceeds_stopsAtTheLimitOnAValueDeeperThanTheStack() {
        JsonNode node = NODES.numberNode(1);
        for (int i = 0; i < 200_000; i++) {
            node = NODES.arrayNode().add(node);
        }
        assertThat(JsonDepth.tooDeep(node)).isTrue();
    }

    @Test
    void max_isTheSharedMappersReadAndWriteLimit() {
        // A value at the bound can be written and read back; Jackson refuses one level more either way.
        assertThat(Json.mapper().getFactory().streamReadConstraints().getMaxNestingDepth()).isEqualTo(JsonDepth.MAX);
        assertThat(Json.mapper().getFactory().streamWriteConstraints().getMaxNestingDepth()).isEqualTo(JsonDepth.MAX);
    }
}
