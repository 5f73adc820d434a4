package io.portico.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.paging.PageTokens;
import io.portico.core.service.OperationHandler;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.mappings.EventSourceMapping;
import io.portico.functions.engine.mappings.EventSourceMappings;
import io.portico.functions.engine.mappings.MappingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * CreateEventSourceMapping, GetEventSourceMapping, UpdateEventSourceMapping, DeleteEventSourceMapping and
 * ListEventSourceMappings for DynamoDB stream sources, in the shape Lambda answers (every member the
 * recordings show, {@code DestinationConfig: {"OnFailure": {}}} when none is set).
 */
final class EventSourceMappingOperations {

    private EventSourceMappingOperations() {
    }

    static void register(Map<String, OperationHandler> ops, EventSourceMappings mappings, PageTokens pageTokens) {
        ops.put("CreateEventSourceMapping", LambdaCall.of(call -> {
            MappingSettings settings = changes(call.body()).apply(MappingSettings.streamDefaults());
            FunctionRef function = call.unqualifiedFunction();
            boolean enabled = LambdaCall.node(call.body(), "Enabled").map(JsonNode::asBoolean).orElse(true);
            return wire(mappings.create(function, call.text("EventSourceArn"), enabled, call.text("StartingPosition"),
                    settings, onSuccessGiven(call.body())));
        }));
        ops.put("GetEventSourceMapping", LambdaCall.of(call ->
                wire(mappings.get(call.account(), call.region(), call.operation().required("UUID")).reported())));
        ops.put("UpdateEventSourceMapping", LambdaCall.of(call -> {
            Optional<FunctionRef> function = call.text("FunctionName")
                    .map(name -> FunctionRef.parse(name, Optional.empty(), call.account(), call.region()));
            Optional<Boolean> enabled = LambdaCall.node(call.body(), "Enabled").map(JsonNode::asBoolean);
            return wire(mappings.update(call.account(), call.region(), call.operation().required("UUID"), function,
                    enabled, changes(call.body()), onSuccessGiven(call.body())));
        }));
        ops.put("DeleteEventSourceMapping", LambdaCall.of(call ->
                wire(mappings.delete(call.account(), call.region(), call.operation().required("UUID")))));
        ops.put("ListEventSourceMappings", LambdaCall.of(call -> {
            Optional<FunctionRef> function = call.text("FunctionName")
                    .map(name -> FunctionRef.parse(name, Optional.empty(), call.account(), call.region()));
            List<ObjectNode> items = mappings.list(call.account(), call.region(), function, call.text("EventSourceArn"))
                    .stream().map(m -> wire(m.reported())).toList();
            return FunctionOperations.page(call, pageTokens, items, "EventSourceMappings");
        }));
    }

    /**
     * The settings a request sets, applied over the current ones (or the defaults at create). Every member
     * is read here, before the mapping is looked up, so a request is read whole whatever it comes to.
     */
    private static UnaryOperator<MappingSettings> changes(JsonNode body) {
        Optional<Integer> batchSize = integer(body, "BatchSize");
        Optional<Integer> window = integer(body, "MaximumBatchingWindowInSeconds");
        Optional<Integer> parallelization = integer(body, "ParallelizationFactor");
        Optional<Integer> recordAge = integer(body, "MaximumRecordAgeInSeconds");
        Optional<Integer> retries = integer(body, "MaximumRetryAttempts");
        Optional<Integer> tumblingWindow = integer(body, "TumblingWindowInSeconds");
        Optional<Boolean> bisect = LambdaCall.node(body, "BisectBatchOnFunctionError").map(JsonNode::asBoolean);
        Optional<Boolean> itemFailures = LambdaCall.node(body, "FunctionResponseTypes")
                .map(EventSourceMappingOperations::reportsItemFailures);
        Optional<List<String>> patterns = LambdaCall.node(body, "FilterCriteria").map(EventSourceMappingOperations::patterns);
        Optional<Optional<String>> onFailure = LambdaCall.node(body, "DestinationConfig")
                .map(EventSourceMappingOperations::onFailure);
        return current -> {
            MappingSettings s = current;
            s = batchSize.map(s::withBatchSize).orElse(s);
            s = window.map(s::withBatchingWindow).orElse(s);
            s = parallelization.map(s::withParallelizationFactor).orElse(s);
            s = recordAge.map(s::withMaximumRecordAge).orElse(s);
            s = retries.map(s::withMaximumRetryAttempts).orElse(s);
            s = tumblingWindow.map(s::withTumblingWindow).orElse(s);
            s = bisect.map(s::withBisectOnError).orElse(s);
            s = itemFailures.map(s::withReportBatchItemFailures).orElse(s);
            s = patterns.map(s::withFilterPatterns).orElse(s);
            s = onFailure.map(s::withOnFailure).orElse(s);
            return s;
        };
    }

    private static Optional<Integer> integer(JsonNode body, String member) {
        return LambdaCall.node(body, member).map(JsonNode::intValue);
    }

    private static boolean reportsItemFailures(JsonNode types) {
        for (JsonNode type : types) {
            if (type.asText().equals("ReportBatchItemFailures")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> patterns(JsonNode criteria) {
        List<String> patterns = new ArrayList<>();
        criteria.path("Filters").forEach(filter -> LambdaCall.string(filter, "Pattern").ifPresent(patterns::add));
        return patterns;
    }

    private static Optional<String> onFailure(JsonNode config) {
        return LambdaCall.node(config, "OnFailure").flatMap(f -> LambdaCall.string(f, "Destination"))
                .filter(arn -> !arn.isEmpty());
    }

    private static boolean onSuccessGiven(JsonNode body) {
        return LambdaCall.node(body, "DestinationConfig").flatMap(c -> LambdaCall.node(c, "OnSuccess"))
                .flatMap(s -> LambdaCall.string(s, "Destination")).filter(arn -> !arn.isEmpty()).isPresent();
    }

    /** Lambda's EventSourceMappingConfiguration. */
    static ObjectNode wire(EventSourceMapping.Reported reported) {
        EventSourceMapping m = reported.mapping();
        MappingSettings s = m.settings();
        ObjectNode out = Json.object().put("UUID", m.uuid()).put("StartingPosition", m.startingPosition())
                .put("BatchSize", s.batchSize()).put("MaximumBatchingWindowInSeconds", s.maximumBatchingWindowSeconds())
                .put("ParallelizationFactor", s.parallelizationFactor()).put("EventSourceArn", m.eventSourceArn());
        if (!s.filterPatterns().isEmpty()) {
            ArrayNode filters = out.putObject("FilterCriteria").putArray("Filters");
            s.filterPatterns().forEach(p -> filters.addObject().put("Pattern", p));
        }
        out.put("FunctionArn", m.functionArn()).put("LastModified", m.lastModified().toEpochMilli() / 1000.0)
                .put("LastProcessingResult", m.lastProcessingResult()).put("State", reported.state())
                .put("StateTransitionReason", "User action");
        ObjectNode onFailure = out.putObject("DestinationConfig").putObject("OnFailure");
        s.onFailure().ifPresent(arn -> onFailure.put("Destination", arn));
        out.put("MaximumRecordAgeInSeconds", s.maximumRecordAgeSeconds())
                .put("BisectBatchOnFunctionError", s.bisectOnError())
                .put("MaximumRetryAttempts", s.maximumRetryAttempts())
                .put("TumblingWindowInSeconds", s.tumblingWindowSeconds());
        ArrayNode types = out.putArray("FunctionResponseTypes");
        if (s.reportBatchItemFailures()) {
            types.add("ReportBatchItemFailures");
        }
        out.put("EventSourceMappingArn", m.arn());
        return out;
    }
}
