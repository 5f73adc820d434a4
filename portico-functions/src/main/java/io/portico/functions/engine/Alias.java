package io.portico.functions.engine;

import java.util.Map;

/**
 * A function alias: a name pointing at a version, optionally sending a share of invocations to a
 * second version ({@code additionalWeights}: version to weight in [0, 1]).
 */
public record Alias(String accountId, String region, String functionName, String name, String functionVersion,
        String description, Map<String, Double> additionalWeights, String revisionId) {

    public Alias {
        additionalWeights = Map.copyOf(additionalWeights);
    }

    public String arn() {
        return FunctionRef.arn(accountId, region, functionName) + ":" + name;
    }
}
