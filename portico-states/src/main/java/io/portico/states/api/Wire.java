package io.portico.states.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/** Small helpers for building AWS JSON 1.0 responses. */
final class Wire {
    private Wire() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** AWS JSON protocols send timestamps as epoch seconds with a fraction. */
    static void time(ObjectNode node, String member, Instant instant) {
        node.put(member, instant.toEpochMilli() / 1000.0);
    }

    /**
     * {@code encryptionConfiguration} as AWS describes a state machine or activity created without a
     * customer managed key, which is every one of Portico's (it has no KMS).
     */
    static void defaultEncryption(ObjectNode node) {
        node.putObject("encryptionConfiguration").put("type", "AWS_OWNED_KEY");
    }

    static void optional(ObjectNode node, String member, Optional<String> value) {
        value.ifPresent(v -> node.put(member, v));
    }
}
