package io.portico.functions.engine;

import java.util.Map;

/** A CreateFunction request after decoding: where, what code, which settings, whether to publish. */
public record NewFunction(String accountId, String region, String name, FunctionSettings settings, byte[] zip,
        boolean publish, Map<String, String> tags) {

    public NewFunction {
        tags = Map.copyOf(tags);
    }
}
