package io.portico.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.service.OperationHandler;
import io.portico.functions.engine.Alias;
import io.portico.functions.engine.Functions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases. */
final class AliasOperations {

    private AliasOperations() {
    }

    static void register(Map<String, OperationHandler> ops, Functions functions) {
        ops.put("CreateAlias", LambdaCall.of(call -> LambdaWire.alias(functions.createAlias(call.unqualifiedFunction(),
                call.operation().required("Name"), call.operation().required("FunctionVersion"),
                call.text("Description").orElse(""), weights(call.body()).orElse(Map.of())))));
        ops.put("ListAliases", LambdaCall.of(call -> {
            List<ObjectNode> aliases = functions.aliases(call.unqualifiedFunction(), call.text("FunctionVersion"))
                    .stream().map(LambdaWire::alias).toList();
            return FunctionOperations.page(call, functions.pageTokens(), aliases, "Aliases");
        }));
        ops.put("GetAlias", LambdaCall.of(call ->
                LambdaWire.alias(functions.alias(call.unqualifiedFunction(), call.operation().required("Name")))));
        ops.put("UpdateAlias", LambdaCall.of(call -> {
            Alias alias = functions.updateAlias(call.unqualifiedFunction(), call.operation().required("Name"),
                    call.text("FunctionVersion"), call.text("Description"), weights(call.body()), call.text("RevisionId"));
            return LambdaWire.alias(alias);
        }));
        ops.put("DeleteAlias", LambdaCall.of(call -> {
            functions.deleteAlias(call.unqualifiedFunction(), call.operation().required("Name"));
            return Json.object();
        }));
    }

    /** RoutingConfig.AdditionalVersionWeights, if the body has a RoutingConfig. */
    private static Optional<Map<String, Double>> weights(JsonNode body) {
        return LambdaCall.node(body, "RoutingConfig").map(routing -> {
            Map<String, Double> weights = new LinkedHashMap<>();
            LambdaCall.node(routing, "AdditionalVersionWeights").ifPresent(versions -> versions.properties()
                    .forEach(e -> weights.put(e.getKey(), e.getValue().asDouble())));
            return weights;
        });
    }
}
