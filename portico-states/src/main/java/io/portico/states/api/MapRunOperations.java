package io.portico.states.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.engine.MapRunCounts;
import io.portico.states.engine.MapRunInfo;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.StepFunctionsException;
import java.util.Map;
import java.util.Optional;

/**
 * The Map Run operations: DescribeMapRun, ListMapRuns (by executionArn) and UpdateMapRun, whose new
 * settings apply to the running Map Run at once.
 */
final class MapRunOperations {
    private final StepFunctions engine;

    private MapRunOperations(StepFunctions engine) {
        this.engine = engine;
    }

    static void register(Map<String, Operation> ops, StepFunctions engine) {
        MapRunOperations o = new MapRunOperations(engine);
        ops.put("DescribeMapRun", o::describe);
        ops.put("ListMapRuns", o::list);
        ops.put("UpdateMapRun", o::update);
    }

    private ObjectNode describe(Call call) {
        MapRunInfo run = engine.mapRuns().describe(call.required("mapRunArn"));
        ObjectNode out = Wire.object();
        out.put("mapRunArn", run.mapRunArn());
        out.put("executionArn", run.executionArn());
        out.put("status", run.status());
        Wire.time(out, "startDate", run.startDate());
        run.stopDate().ifPresent(d -> Wire.time(out, "stopDate", d));
        out.put("maxConcurrency", run.maxConcurrency());
        out.put("toleratedFailurePercentage", run.toleratedFailurePercentage().orElse(0.0));
        out.put("toleratedFailureCount", run.toleratedFailureCount().orElse(0L));
        counts(out.putObject("itemCounts"), run.itemCounts());
        counts(out.putObject("executionCounts"), run.executionCounts());
        out.put("redriveCount", 0);
        return out;
    }

    private ObjectNode list(Call call) {
        String executionArn = call.required("executionArn");
        engine.executions().describe(executionArn);
        ObjectNode out = Wire.object();
        Pages.page(engine.pageTokens(), call, engine.mapRuns().list(executionArn), out, "mapRuns", run -> {
            ObjectNode item = Wire.object();
            item.put("executionArn", run.executionArn());
            item.put("mapRunArn", run.mapRunArn());
            item.put("stateMachineArn", run.stateMachineArn());
            Wire.time(item, "startDate", run.startDate());
            run.stopDate().ifPresent(d -> Wire.time(item, "stopDate", d));
            return item;
        });
        return out;
    }

    private ObjectNode update(Call call) {
        String arn = call.required("mapRunArn");
        Optional<Integer> maxConcurrency = call.node("maxConcurrency").map(JsonNode::asInt);
        Optional<Long> count = call.node("toleratedFailureCount").map(JsonNode::asLong);
        Optional<Double> percentage = call.node("toleratedFailurePercentage").map(JsonNode::asDouble);
        if (maxConcurrency.isEmpty() && count.isEmpty() && percentage.isEmpty()) {
            throw StepFunctionsException.invalidRequest("Must provide at least one of maxConcurrency,"
                    + " toleratedFailureCount or toleratedFailurePercentage");
        }
        engine.mapRuns().update(arn, maxConcurrency, count, percentage);
        return Wire.object();
    }



    private static void counts(ObjectNode node, MapRunCounts c) {
        node.put("pending", c.pending());
        node.put("running", c.running());
        node.put("succeeded", c.succeeded());
        node.put("failed", c.failed());
        node.put("timedOut", c.timedOut());
        node.put("aborted", c.aborted());
        node.put("total", c.total());
        node.put("resultsWritten", c.resultsWritten());
        node.put("failuresNotRedrivable", c.failuresNotRedrivable());
        node.put("pendingRedrive", c.pendingRedrive());
    }
}
