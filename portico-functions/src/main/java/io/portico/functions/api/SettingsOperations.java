package io.portico.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.service.OperationHandler;
import io.portico.functions.engine.EventInvokeConfig;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-function settings beside the configuration: reserved concurrency, tags, asynchronous invoke
 * configuration; and GetAccountSettings.
 */
final class SettingsOperations {

    private SettingsOperations() {
    }

    static void register(Map<String, OperationHandler> ops, Functions functions) {
        ops.put("PutFunctionConcurrency", LambdaCall.of(call -> {
            int value = call.integer("ReservedConcurrentExecutions").orElseThrow();
            functions.putReservedConcurrency(call.unqualifiedFunction(), value);
            return Json.object().put("ReservedConcurrentExecutions", value);
        }));
        ops.put("GetFunctionConcurrency", LambdaCall.of(call -> {
            ObjectNode out = Json.object();
            functions.reservedConcurrency(call.unqualifiedFunction())
                    .ifPresent(v -> out.put("ReservedConcurrentExecutions", v));
            return out;
        }));
        ops.put("DeleteFunctionConcurrency", LambdaCall.of(call -> {
            functions.deleteReservedConcurrency(call.unqualifiedFunction());
            return Json.object();
        }));

        ops.put("TagResource", LambdaCall.of(call -> {
            functions.store().tag(taggable(call, functions), LambdaCall.stringMap(call.body(), "Tags"));
            return Json.object();
        }));
        ops.put("ListTags", LambdaCall.of(call -> {
            ObjectNode out = Json.object();
            ObjectNode tags = out.putObject("Tags");
            functions.store().tags(taggable(call, functions)).forEach(tags::put);
            return out;
        }));
        ops.put("UntagResource", LambdaCall.of(call -> {
            List<String> keys = new ArrayList<>();
            call.body().path("TagKeys").forEach(k -> keys.add(k.asText()));
            functions.store().untag(taggable(call, functions), keys);
            return Json.object();
        }));

        ops.put("PutFunctionEventInvokeConfig",
                LambdaCall.of(call -> LambdaWire.eventInvokeConfig(putConfig(call, functions, true))));
        ops.put("UpdateFunctionEventInvokeConfig",
                LambdaCall.of(call -> LambdaWire.eventInvokeConfig(putConfig(call, functions, false))));
        ops.put("GetFunctionEventInvokeConfig", LambdaCall.of(call -> {
            FunctionRef ref = call.function();
            EventInvokeConfig config = functions.eventInvokeConfig(ref).orElseThrow(() -> FunctionsException.notFound(
                    "The function " + ref.arn() + ":" + ref.qualifier().orElse("$LATEST")
                            + " doesn't have an EventInvokeConfig"));
            return LambdaWire.eventInvokeConfig(config);
        }));
        ops.put("DeleteFunctionEventInvokeConfig", LambdaCall.of(call -> {
            functions.deleteEventInvokeConfig(call.function());
            return Json.object();
        }));
        ops.put("ListFunctionEventInvokeConfigs", LambdaCall.of(call -> {
            List<ObjectNode> configs = functions.eventInvokeConfigs(call.unqualifiedFunction()).stream()
                    .map(LambdaWire::eventInvokeConfig).toList();
            return FunctionOperations.page(call, functions.pageTokens(), configs, "FunctionEventInvokeConfigs");
        }));

        ops.put("GetAccountSettings", LambdaCall.of(call -> {
            String account = call.account();
            String region = call.region();
            var all = functions.list(account, region, true);
            long totalCode = all.stream().mapToLong(v -> v.codeSize()).sum();
            ObjectNode out = Json.object();
            out.putObject("AccountLimit").put("TotalCodeSize", 80_530_636_800L)
                    .put("CodeSizeUnzipped", 262_144_000L).put("CodeSizeZipped", 52_428_800L)
                    .put("ConcurrentExecutions", Functions.ACCOUNT_CONCURRENCY)
                    .put("UnreservedConcurrentExecutions", functions.unreservedConcurrency(account, region));
            out.putObject("AccountUsage").put("TotalCodeSize", totalCode)
                    .put("FunctionCount", functions.list(account, region, false).size());
            return out;
        }));
    }

    private static EventInvokeConfig putConfig(LambdaCall call, Functions functions, boolean replace) {
        JsonNode destinations = LambdaCall.node(call.body(), "DestinationConfig").orElse(call.body().objectNode());
        return functions.putEventInvokeConfig(call.function(), call.integer("MaximumRetryAttempts"),
                call.integer("MaximumEventAgeInSeconds"), destination(destinations, "OnSuccess"),
                destination(destinations, "OnFailure"), replace);
    }

    /** Absent: keep; present with no Destination: clear; present: set. */
    private static Optional<Optional<String>> destination(JsonNode config, String field) {
        return LambdaCall.node(config, field)
                .map(destination -> LambdaCall.string(destination, "Destination").filter(s -> !s.isEmpty()));
    }

    /**
     * The function a tagging call names by ARN; it must exist, as Lambda checks. The tag API also names
     * resources Portico does not have (the model's TaggableResource pattern admits layers, code signing configs,
     * event source mappings and capacity providers): those are not found, in Lambda's words where recorded.
     */
    private static String taggable(LambdaCall call, Functions functions) {
        String arn = call.operation().required("Resource");
        String[] parts = arn.split(":", 7);
        String type = parts.length > 5 ? parts[5] : "";
        switch (type) {
            case "function" -> {
                FunctionRef ref = FunctionRef.parse(arn, Optional.empty(), call.account(), call.region());
                functions.get(ref.withoutQualifier());
                return ref.arn();
            }
            case "event-source-mapping" -> throw FunctionsException.notFound("Event source mapping not found: " + arn);
            case "capacity-provider" -> throw FunctionsException.notFound("Capacity provider not found: " + arn);
            default -> throw FunctionsException.notFound("The resource you requested does not exist.");
        }
    }
}
