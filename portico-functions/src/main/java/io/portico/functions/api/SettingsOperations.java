package io.portico.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.EventInvokeConfig;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import java.util.List;
import java.util.Optional;

/**
 * Per-function settings beside the configuration: reserved concurrency, tags, asynchronous invoke
 * configuration; and GetAccountSettings.
 */
final class SettingsOperations {
    private static final String NAME = "/([^/]+)";
    private static final String INVOKE_CONFIG = "/2019-09-25/functions" + NAME + "/event-invoke-config";

    private SettingsOperations() {
    }

    static void register(List<Route> routes, Functions functions) {
        routes.add(Route.of("PutFunctionConcurrency", "PUT", "/2017-10-31/functions" + NAME + "/concurrency", call -> {
            int value = call.integer("ReservedConcurrentExecutions").orElseThrow(
                    () -> FunctionsException.missing("reservedConcurrentExecutions"));
            functions.putReservedConcurrency(call.unqualifiedFunction(), value);
            return LambdaService.json(200, Json.object().put("ReservedConcurrentExecutions", value));
        }));
        routes.add(Route.of("GetFunctionConcurrency", "GET", "/2019-09-30/functions" + NAME + "/concurrency", call -> {
            ObjectNode out = Json.object();
            functions.reservedConcurrency(call.unqualifiedFunction())
                    .ifPresent(v -> out.put("ReservedConcurrentExecutions", v));
            return LambdaService.json(200, out);
        }));
        routes.add(Route.of("DeleteFunctionConcurrency", "DELETE", "/2017-10-31/functions" + NAME + "/concurrency",
                call -> {
                    functions.deleteReservedConcurrency(call.unqualifiedFunction());
                    return LambdaService.empty(204);
                }));

        routes.add(Route.of("TagResource", "POST", "/2017-03-31/tags/(.+)", call -> {
            functions.store().tag(taggable(call, functions), LambdaCall.stringMap(call.body(), "Tags"));
            return LambdaService.empty(204);
        }));
        routes.add(Route.of("ListTags", "GET", "/2017-03-31/tags/(.+)", call -> {
            ObjectNode out = Json.object();
            ObjectNode tags = out.putObject("Tags");
            functions.store().tags(taggable(call, functions)).forEach(tags::put);
            return LambdaService.json(200, out);
        }));
        routes.add(Route.of("UntagResource", "DELETE", "/2017-03-31/tags/(.+)", call -> {
            functions.store().untag(taggable(call, functions), call.queryAll("tagKeys"));
            return LambdaService.empty(204);
        }));

        routes.add(Route.of("PutFunctionEventInvokeConfig", "PUT", INVOKE_CONFIG,
                call -> LambdaService.json(200, LambdaWire.eventInvokeConfig(putConfig(call, functions, true)))));
        routes.add(Route.of("UpdateFunctionEventInvokeConfig", "POST", INVOKE_CONFIG,
                call -> LambdaService.json(200, LambdaWire.eventInvokeConfig(putConfig(call, functions, false)))));
        routes.add(Route.of("GetFunctionEventInvokeConfig", "GET", INVOKE_CONFIG, call -> {
            FunctionRef ref = call.function();
            EventInvokeConfig config = functions.eventInvokeConfig(ref).orElseThrow(() -> FunctionsException.notFound(
                    "The function " + ref.arn() + ":" + ref.qualifier().orElse("$LATEST")
                            + " doesn't have an EventInvokeConfig"));
            return LambdaService.json(200, LambdaWire.eventInvokeConfig(config));
        }));
        routes.add(Route.of("DeleteFunctionEventInvokeConfig", "DELETE", INVOKE_CONFIG, call -> {
            functions.deleteEventInvokeConfig(call.function());
            return LambdaService.empty(204);
        }));
        routes.add(Route.of("ListFunctionEventInvokeConfigs", "GET", INVOKE_CONFIG + "/list", call -> {
            List<ObjectNode> configs = functions.eventInvokeConfigs(call.unqualifiedFunction()).stream()
                    .map(LambdaWire::eventInvokeConfig).toList();
            return FunctionOperations.page(call, configs, "FunctionEventInvokeConfigs");
        }));

        routes.add(Route.of("GetAccountSettings", "GET", "/2016-08-19/account-settings", call -> {
            String account = call.request().accountId();
            String region = call.request().region();
            var all = functions.list(account, region, true);
            long totalCode = all.stream().mapToLong(v -> v.codeSize()).sum();
            ObjectNode out = Json.object();
            out.putObject("AccountLimit").put("TotalCodeSize", 80_530_636_800L)
                    .put("CodeSizeUnzipped", 262_144_000L).put("CodeSizeZipped", 52_428_800L)
                    .put("ConcurrentExecutions", Functions.ACCOUNT_CONCURRENCY)
                    .put("UnreservedConcurrentExecutions", functions.unreservedConcurrency(account, region));
            out.putObject("AccountUsage").put("TotalCodeSize", totalCode)
                    .put("FunctionCount", functions.list(account, region, false).size());
            return LambdaService.json(200, out);
        }));
    }

    private static EventInvokeConfig putConfig(LambdaCall call, Functions functions, boolean replace) {
        JsonNode destinations = LambdaCall.object(call.body(), "DestinationConfig").orElse(call.body().objectNode());
        return functions.putEventInvokeConfig(call.function(), call.integer("MaximumRetryAttempts"),
                call.integer("MaximumEventAgeInSeconds"), destination(destinations, "OnSuccess"),
                destination(destinations, "OnFailure"), replace);
    }

    /** Absent: keep; present with no Destination: clear; present: set. */
    private static Optional<Optional<String>> destination(JsonNode config, String field) {
        return LambdaCall.object(config, field)
                .map(destination -> LambdaCall.string(destination, "Destination").filter(s -> !s.isEmpty()));
    }

    /** The function a tagging call names by ARN; it must exist, as Lambda checks. */
    private static String taggable(LambdaCall call, Functions functions) {
        String arn = call.label(1);
        FunctionRef ref = FunctionRef.parse(arn, Optional.empty(), call.request().accountId(), call.request().region());
        if (!arn.startsWith("arn:")) {
            throw FunctionsException.invalidParameter("Invalid ARN: " + arn);
        }
        functions.get(ref.withoutQualifier());
        return ref.arn();
    }
}
