package io.portico.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import java.nio.charset.StandardCharsets;

/** Builds a {@link ServiceModel} from model text, for tests outside this package that need a small model. */
public final class ServiceModelsAccess {
    private ServiceModelsAccess() {
    }

    /** The model that {@code json} (C2J, as AWS ships it, overlay traits included) describes. */
    public static ServiceModel build(String json) {
        return ServiceModels.build("test-model", Json.read(json.getBytes(StandardCharsets.UTF_8), JsonNode.class));
    }
}
