package io.portico.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import java.nio.charset.StandardCharsets;

/** Builds a {@link ServiceModel} from model text, for tests outside this package that need a small model. */
public final class ServiceModelsAccess {
    /** A JSON 1.0 service whose overlay says which namespaces its {@code __type} carries, as DynamoDB's does. */
    public static final String NAMESPACED_ERRORS_MODEL = """
            {"metadata": {"apiVersion": "2020-01-01", "endpointPrefix": "tiny", "jsonVersion": "1.0",
              "protocol": "json", "targetPrefix": "Tiny_20200101", "uid": "tiny-2020-01-01",
              "portico:errorNamespaces": {"declared": "com.example.tiny.v20200101",
                                          "ValidationException": "com.amazon.coral.validate",
                                          "UnknownOperationException": "com.amazon.coral.service"}},
             "operations": {"Get": {"name": "Get", "http": {"method": "POST", "requestUri": "/"},
               "input": {"shape": "GetInput"}, "errors": [{"shape": "NotFound"}]}},
             "shapes": {"GetInput": {"type": "structure", "required": ["Name"], "members": {"Name": {"shape": "S"}}},
               "NotFound": {"type": "structure", "members": {"message": {"shape": "S"}}, "exception": true},
               "S": {"type": "string"}}}""";

    private ServiceModelsAccess() {
    }

    /** The model that {@code json} (C2J, as AWS ships it, overlay traits included) describes. */
    public static ServiceModel build(String json) {
        return ServiceModels.build("test-model", Json.read(json.getBytes(StandardCharsets.UTF_8), JsonNode.class));
    }
}
