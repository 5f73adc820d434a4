package io.portico.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.functions.engine.Alias;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases. */
final class AliasOperations {
    private static final String ALIASES = "/2015-03-31/functions/([^/]+)/aliases";

    private AliasOperations() {
    }

    static void register(List<Route> routes, Functions functions) {
        routes.add(Route.of("CreateAlias", "POST", ALIASES, call -> {
            Alias alias = functions.createAlias(call.unqualifiedFunction(),
                    call.text("Name").orElseThrow(() -> FunctionsException.missing("name")),
                    call.text("FunctionVersion").orElseThrow(() -> FunctionsException.missing("functionVersion")),
                    call.text("Description").orElse(""), weights(call.body()).orElse(Map.of()));
            return LambdaService.json(201, LambdaWire.alias(alias));
        }));
        routes.add(Route.of("ListAliases", "GET", ALIASES, call -> {
            List<ObjectNode> aliases = functions.aliases(call.unqualifiedFunction(), call.query("FunctionVersion"))
                    .stream().map(LambdaWire::alias).toList();
            return FunctionOperations.page(call, aliases, "Aliases");
        }));
        routes.add(Route.of("GetAlias", "GET", ALIASES + "/([^/]+)", call ->
                LambdaService.json(200, LambdaWire.alias(functions.alias(call.unqualifiedFunction(), call.label(2))))));
        routes.add(Route.of("UpdateAlias", "PUT", ALIASES + "/([^/]+)", call -> {
            Alias alias = functions.updateAlias(call.unqualifiedFunction(), call.label(2), call.text("FunctionVersion"),
                    call.text("Description"), weights(call.body()), call.text("RevisionId"));
            return LambdaService.json(200, LambdaWire.alias(alias));
        }));
        routes.add(Route.of("DeleteAlias", "DELETE", ALIASES + "/([^/]+)", call -> {
            functions.deleteAlias(call.unqualifiedFunction(), call.label(2));
            return LambdaService.empty(204);
        }));
    }

    /** RoutingConfig.AdditionalVersionWeights, if the body has a RoutingConfig. */
    private static Optional<Map<String, Double>> weights(JsonNode body) {
        return LambdaCall.object(body, "RoutingConfig").map(routing -> {
            Map<String, Double> weights = new LinkedHashMap<>();
            LambdaCall.object(routing, "AdditionalVersionWeights").ifPresent(versions -> versions.properties()
                    .forEach(e -> {
                        if (!e.getValue().isNumber()) {
                            throw new FunctionsException("InvalidRequestContentException", "Could not parse request body "
                                    + "into json: Could not parse field 'AdditionalVersionWeights." + e.getKey()
                                    + "' as a number");
                        }
                        weights.put(e.getKey(), e.getValue().asDouble());
                    }));
            return weights;
        });
    }
}
