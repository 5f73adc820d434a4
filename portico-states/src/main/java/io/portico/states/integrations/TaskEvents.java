package io.portico.states.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.states.asl.StatesError;
import io.portico.states.engine.EventType;
import io.portico.states.engine.ResourceNames;
import io.portico.states.engine.TaskCall;

/**
 * The history a service integration's Task records, as AWS records it: TaskScheduled (with the
 * parameters, region and the Task's timeouts) and TaskStarted when it begins, then TaskSucceeded with the
 * output (not for {@code .waitForTaskToken}, whose outcome the callback records) or TaskFailed with the
 * error and cause. Stateless.
 */
final class TaskEvents {

    private TaskEvents() {
    }

    /** Records TaskScheduled and TaskStarted for {@code call}, whose effective parameters are its input. */
    static ResourceNames.Parsed started(TaskCall call) {
        ResourceNames.Parsed parsed = ResourceNames.parse(call.resource());
        call.events().record(EventType.TaskScheduled, () -> {
            ObjectNode d = Json.object().put("resourceType", parsed.resourceType()).put("resource", parsed.resource())
                    .put("region", BusTasks.caller(call).region()).put("parameters", call.input().toString());
            call.timeoutSeconds().ifPresent(t -> d.put("timeoutInSeconds", t));
            call.heartbeatSeconds().ifPresent(h -> d.put("heartbeatInSeconds", h));
            return d;
        });
        call.events().record(EventType.TaskStarted, () -> Json.object()
                .put("resourceType", parsed.resourceType()).put("resource", parsed.resource()));
        return parsed;
    }

    /** Records TaskSucceeded unless a callback decides the outcome ({@code .waitForTaskToken}). */
    static void succeeded(TaskCall call, ResourceNames.Parsed parsed, JsonNode output) {
        if (parsed.resource().endsWith(".waitForTaskToken")) {
            return;
        }
        call.events().record(EventType.TaskSucceeded, () -> {
            ObjectNode d = Json.object().put("resourceType", parsed.resourceType())
                    .put("resource", parsed.resource()).put("output", output.toString());
            d.putObject("outputDetails").put("truncated", false);
            return d;
        });
    }

    /** Records TaskFailed and returns the error to throw. */
    static StatesError failed(TaskCall call, ResourceNames.Parsed parsed, String error, String cause) {
        call.events().record(EventType.TaskFailed, () -> Json.object().put("resourceType", parsed.resourceType())
                .put("resource", parsed.resource()).put("error", error).put("cause", cause));
        return new StatesError(error, cause);
    }
}
