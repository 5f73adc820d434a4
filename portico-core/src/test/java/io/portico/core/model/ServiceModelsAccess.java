package io.portico.core.model;

import io.portico.core.json.Json;

/** Builds a {@link ServiceModel} from model text, for tests outside this package that need a small model. */
public final class ServiceModelsAccess {
    private ServiceModelsAccess() {
    }

    /** The model that {@code json} (C2J, as AWS ships it, overlay traits included) describes. */
    public static ServiceModel build(String json) {
        return ServiceModels.build("test-model", Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                com.fasterxml.jackson.databind.JsonNode.class));
    }
}
