package io.portico.states.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.arn.Arn;
import io.portico.core.json.Json;
import io.portico.states.engine.ExecutionRecord;
import io.portico.states.engine.ExecutionResult;
import io.portico.states.engine.Executions;
import io.portico.states.engine.HistoryEvent;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.StepFunctionsException;
import io.portico.states.engine.TaskTokens;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Executions, their history, and task callbacks. */
final class ExecutionOperations {
    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration REDRIVE_WINDOW = Duration.ofDays(14);

    private final StepFunctions engine;

    private ExecutionOperations(StepFunctions engine) {
        this.engine = engine;
    }

    static void register(Map<String, Operation> ops, StepFunctions engine) {
        ExecutionOperations o = new ExecutionOperations(engine);
        ops.put("StartExecution", o::start);
        ops.put("StartSyncExecution", o::startSync);
        ops.put("StopExecution", o::stop);
        ops.put("DescribeExecution", o::describe);
        ops.put("ListExecutions", o::list);
        ops.put("GetExecutionHistory", o::history);
        ops.put("RedriveExecution", o::redrive);
        ops.put("SendTaskSuccess", o::sendSuccess);
        ops.put("SendTaskFailure", o::sendFailure);
        ops.put("SendTaskHeartbeat", o::sendHeartbeat);
    }

    private Executions.StartRequest startRequest(Call call) {
        return new Executions.StartRequest(call.required("stateMachineArn"), call.optional("name"),
                call.optional("input"), call.optional("traceHeader"));
    }

    private ObjectNode start(Call call) {
        Executions.Started started = engine.executions().start(startRequest(call));
        ObjectNode out = Wire.object();
        out.put("executionArn", started.executionArn());
        Wire.time(out, "startDate", started.startDate());
        return out;
    }

    private ObjectNode startSync(Call call) {
        Executions.SyncOutcome r = engine.executions().startSync(startRequest(call));
        ObjectNode out = Wire.object();
        out.put("executionArn", r.executionArn());
        out.put("stateMachineArn", r.machineArn());
        out.put("name", r.name());
        Wire.time(out, "startDate", r.startDate());
        Wire.time(out, "stopDate", r.stopDate());
        out.put("status", r.result().status());
        out.put("input", r.input());
        out.putObject("inputDetails").put("included", true);
        switch (r.result()) {
            case ExecutionResult.Succeeded s -> {
                out.put("output", s.output().toString());
                out.putObject("outputDetails").put("included", true);
            }
            case ExecutionResult.Failed f -> errorCause(out, f.error(), f.cause());
            case ExecutionResult.TimedOut t -> errorCause(out, t.error(), t.cause());
            case ExecutionResult.Aborted a -> errorCause(out, a.error(), a.cause());
        }
        out.putObject("billingDetails").put("billedMemoryUsedInMB", 64).put("billedDurationInMilliseconds", r.billedMillis());
        return out;
    }

    private static void errorCause(ObjectNode out, String error, String cause) {
        if (error != null) {
            out.put("error", error);
        }
        if (cause != null) {
            out.put("cause", cause);
        }
    }

    private ObjectNode stop(Call call) {
        engine.executions().stop(call.required("executionArn"), call.optional("error"), call.optional("cause"));
        ObjectNode out = Wire.object();
        Wire.time(out, "stopDate", engine.clock().instant());
        return out;
    }

    private ObjectNode describe(Call call) {
        ExecutionRecord e = engine.executions().describe(call.required("executionArn"));
        ObjectNode out = Wire.object();
        out.put("executionArn", e.arn());
        out.put("stateMachineArn", e.machineArn());
        out.put("name", e.name());
        out.put("status", e.status());
        Wire.time(out, "startDate", e.startDate());
        e.stopDate().ifPresent(s -> Wire.time(out, "stopDate", s));
        out.put("input", e.input());
        out.putObject("inputDetails").put("included", true);
        e.output().ifPresent(o -> {
            out.put("output", o);
            out.putObject("outputDetails").put("included", true);
        });
        Wire.optional(out, "error", e.error());
        Wire.optional(out, "cause", e.cause());
        Wire.optional(out, "traceHeader", e.traceHeader());
        Wire.optional(out, "mapRunArn", e.mapRunArn());
        Wire.optional(out, "stateMachineVersionArn", e.versionArn());
        Wire.optional(out, "stateMachineAliasArn", e.aliasArn());
        out.put("redriveCount", e.redriveCount());
        e.redriveDate().ifPresent(d -> Wire.time(out, "redriveDate", d));
        redriveStatus(out, e);
        return out;
    }

    private void redriveStatus(ObjectNode out, ExecutionRecord e) {
        if (e.isRunning()) {
            out.put("redriveStatus", "NOT_REDRIVABLE");
            out.put("redriveStatusReason", "Execution is RUNNING and cannot be redriven");
        } else if (e.status().equals("SUCCEEDED")) {
            out.put("redriveStatus", "NOT_REDRIVABLE");
            out.put("redriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
        } else if (e.stopDate().map(s -> s.plus(REDRIVE_WINDOW).isBefore(engine.clock().instant())).orElse(false)) {
            out.put("redriveStatus", "NOT_REDRIVABLE");
            out.put("redriveStatusReason", "Execution can only be redriven within 14 days of closure");
        } else {
            out.put("redriveStatus", "REDRIVABLE");
        }
    }

    private ObjectNode list(Call call) {
        Optional<String> status = call.optional("statusFilter");
        // REDRIVEN keeps executions redriven at least once, NOT_REDRIVEN the others.
        Optional<Boolean> redriven = call.optional("redriveFilter").map("REDRIVEN"::equals);
        String machineArn = call.optional("stateMachineArn").orElseGet(() -> call.optional("mapRunArn")
                .orElseThrow(() -> StepFunctionsException.invalidRequest(
                        "Must provide a StateMachine ARN or MapRun ARN")));
        if (call.optional("stateMachineArn").isPresent()) {
            engine.machines().describe(machineArn);
        }
        Optional<String> mapRunArn = call.optional("mapRunArn").filter(m -> call.optional("stateMachineArn").isEmpty());
        List<ExecutionRecord> executions = mapRunArn.isPresent()
                ? engine.mapRuns().executions(mapRunArn.get(), status)
                : engine.executions().list(machineArn, status);
        if (redriven.isPresent()) {
            executions = executions.stream().filter(e -> (e.redriveCount() > 0) == redriven.get()).toList();
        }
        ObjectNode out = Wire.object();
        Pages.page(engine.pageTokens(), call, executions, out, "executions", e -> {
            ObjectNode item = Wire.object();
            item.put("executionArn", e.arn());
            item.put("stateMachineArn", e.machineArn());
            item.put("name", e.name());
            item.put("status", e.status());
            Wire.time(item, "startDate", e.startDate());
            e.stopDate().ifPresent(s -> Wire.time(item, "stopDate", s));
            Wire.optional(item, "stateMachineVersionArn", e.versionArn());
            Wire.optional(item, "stateMachineAliasArn", e.aliasArn());
            Wire.optional(item, "mapRunArn", e.mapRunArn());
            item.put("redriveCount", e.redriveCount());
            e.redriveDate().ifPresent(d -> Wire.time(item, "redriveDate", d));
            return item;
        });
        return out;
    }

    private ObjectNode history(Call call) {
        String executionArn = call.required("executionArn");
        boolean reverse = call.flag("reverseOrder");
        boolean includeData = call.optionalFlag("includeExecutionData").orElse(true);
        List<HistoryEvent> events = new ArrayList<>(engine.executions().history(executionArn));
        if (reverse) {
            Collections.reverse(events);
        }
        ObjectNode out = Wire.object();
        Pages.page(engine.pageTokens(), call, events, out, "events", ev -> {
            ObjectNode item = Wire.object();
            Wire.time(item, "timestamp", ev.timestamp());
            item.put("type", ev.type().name());
            item.put("id", ev.id());
            item.put("previousEventId", ev.previousEventId());
            if (ev.details() != null && ev.type().detailsKey().isPresent()) {
                ObjectNode details = ev.details().deepCopy();
                if (!includeData) {
                    details.remove(List.of("input", "output"));
                }
                item.set(ev.type().detailsKey().get(), details);
            }
            return item;
        });
        return out;
    }

    private ObjectNode redrive(Call call) {
        ObjectNode out = Wire.object();
        Wire.time(out, "redriveDate", engine.executions().redrive(call.required("executionArn")));
        return out;
    }

    private ObjectNode sendSuccess(Call call) {
        String token = ownToken(call);
        String output = call.required("output");
        JsonNode value;
        try {
            value = JSON.readTree(output);
        } catch (IOException e) {
            throw StepFunctionsException.of(StepFunctionsException.Kind.INVALID_OUTPUT,
                    "Invalid Output: '" + firstLine(e.getMessage()) + "'");
        }
        deliver(token, engine.tokens().complete(token, new TaskTokens.Completion.Success(value)));
        return Wire.object();
    }

    private ObjectNode sendFailure(Call call) {
        String token = ownToken(call);
        deliver(token, engine.tokens().complete(token, new TaskTokens.Completion.Failure(
                call.optional("error").orElse(null), call.optional("cause").orElse(null))));
        return Wire.object();
    }

    private ObjectNode sendHeartbeat(Call call) {
        String token = ownToken(call);
        deliver(token, engine.tokens().heartbeat(token));
        return Wire.object();
    }

    /**
     * The call's task token, if it belongs to an execution of the caller's account: a token of another
     * account's execution is not one the caller can use, so it reads as AWS's answer to a token it does
     * not know.
     */
    private static String ownToken(Call call) {
        String token = call.required("taskToken");
        boolean foreign = TaskTokens.executionArn(token).flatMap(Arn::parse)
                .filter(arn -> !arn.account().equals(call.account())).isPresent();
        if (foreign) {
            throw unknownToken(token);
        }
        return token;
    }

    private static void deliver(String token, TaskTokens.Delivery delivery) {
        switch (delivery) {
            case DELIVERED -> {
            }
            case MALFORMED -> throw unknownToken(token);
            // AWS answers a token whose task has closed (completed, timed out, execution ended) so.
            case CLOSED -> throw StepFunctionsException.of(StepFunctionsException.Kind.TASK_CLOSED,
                    "Task Timed Out: 'Provided task does not exist anymore'");
        }
    }

    private static StepFunctionsException unknownToken(String token) {
        return StepFunctionsException.of(StepFunctionsException.Kind.UNKNOWN_TASK_TOKEN,
                "Invalid Token: '" + token + "'");
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
