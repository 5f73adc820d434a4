package io.portico.functions.engine.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The payload of a poller's work item: the mapping it polls and the token that lets it. */
record PollerTicket(String uuid, String token) {

    byte[] encode() {
        return Json.write(Json.object().put("uuid", uuid).put("token", token));
    }

    static PollerTicket decode(byte[] payload) {
        try {
            JsonNode node = Json.mapper().readTree(payload);
            return new PollerTicket(node.path("uuid").asText(), node.path("token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
