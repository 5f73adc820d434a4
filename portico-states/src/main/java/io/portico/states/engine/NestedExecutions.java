package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.states.asl.StatesError;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code arn:aws:states:::states:startExecution} integration: starts a child execution and answers
 * StartExecution's response ({@code ExecutionArn}, {@code StartDate}) with the {@code SdkHttpMetadata}
 * and {@code SdkResponseMetadata} AWS adds (see {@link SdkMetadata}); that is the Task's result, and for
 * {@code .sync}, {@code .sync:2} and {@code .waitForTaskToken} the TaskSubmitted event's output.
 * {@code .sync} and {@code .sync:2} then wait for the child and return its DescribeExecution view
 * (Output as a string for {@code .sync}, as JSON for {@code .sync:2}, without SDK metadata), as AWS's
 * recordings show. A child that does not succeed fails the Task with {@code States.TaskFailed} and the
 * child's description as the cause. A child that cannot start fails the Task with the error AWS's
 * integration names after StartExecution's ({@link #errorName}).
 */
final class NestedExecutions implements TaskResources {
    private static final Pattern RESOURCE = Pattern.compile("arn:[^:]+:states:::states:startExecution(\\.sync(:2)?|\\.waitForTaskToken)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = Json.mapper();

    private final Executions executions;
    private final Clock clock;

    NestedExecutions(Executions executions, Clock clock) {
        this.executions = executions;
        this.clock = clock;
    }

    @Override
    public Optional<TaskResource> resolve(String resource) {
        return RESOURCE.matcher(resource).matches() ? Optional.of(this::start) : Optional.empty();
    }

    private JsonNode start(TaskCall call) throws InterruptedException {
        ResourceNames.Parsed parsed = ResourceNames.parse(call.resource());
        JsonNode params = call.input();
        call.events().record(EventType.TaskScheduled, () -> {
            ObjectNode d = NODES.objectNode();
            d.put("resourceType", parsed.resourceType());
            d.put("resource", parsed.resource());
            d.put("region", regionOf(call.execution().executionArn()));
            d.put("parameters", params.toString());
            call.timeoutSeconds().ifPresent(t -> d.put("timeoutInSeconds", t));
            call.heartbeatSeconds().ifPresent(h -> d.put("heartbeatInSeconds", h));
            return d;
        });
        call.events().record(EventType.TaskStarted, () -> NODES.objectNode()
                .put("resourceType", parsed.resourceType()).put("resource", parsed.resource()));
        String target = params.path("StateMachineArn").asText(null);
        if (target == null) {
            throw taskFailed(call, parsed, "States.Runtime", "The field 'StateMachineArn' is required");
        }
        JsonNode input = params.get("Input");
        Optional<String> inputText = input == null ? Optional.empty()
                : Optional.of(input.isTextual() ? input.textValue() : input.toString());
        Executions.Started started;
        try {
            started = executions.start(new Executions.StartRequest(target, Optional.ofNullable(params.path("Name").asText(null)),
                    inputText, Optional.empty()));
        } catch (StepFunctionsException e) {
            throw taskFailed(call, parsed, errorName(e.kind()), e.getMessage());
        }
        ObjectNode response = startResponse(started);
        boolean sync = parsed.resource().contains(".sync");
        if (!sync) {
            if (!parsed.resource().endsWith(".waitForTaskToken")) {
                succeeded(call, parsed, response);
            }
            return response;
        }
        call.events().record(EventType.TaskSubmitted, () -> {
            ObjectNode d = NODES.objectNode().put("resourceType", parsed.resourceType()).put("resource", parsed.resource());
            d.put("output", response.toString());
            d.putObject("outputDetails").put("truncated", false);
            return d;
        });
        ExecutionRecord end = executions.awaitEnd(started.executionArn());
        ObjectNode description = describe(end, parsed.resource().endsWith(":2"));
        if (!end.status().equals("SUCCEEDED")) {
            throw taskFailed(call, parsed, StatesError.TASK_FAILED, description.toString());
        }
        succeeded(call, parsed, description);
        return description;
    }

    /**
     * The error a Catch sees when the child cannot start: AWS names it {@code StepFunctions.} and the SDK's
     * exception for StartExecution's error. These names are execution data (what Retry and Catch match),
     * not API answers; the api layer maps the same kinds to the wire.
     */
    static String errorName(StepFunctionsException.Kind kind) {
        return switch (kind) {
            case MALFORMED_ARN -> "StepFunctions.InvalidArnException";
            case MACHINE_NOT_FOUND -> "StepFunctions.StateMachineDoesNotExistException";
            case RESOURCE_NOT_FOUND -> "StepFunctions.ResourceNotFoundException";
            case INVALID_NAME -> "StepFunctions.InvalidNameException";
            case INVALID_INPUT -> "StepFunctions.InvalidExecutionInputException";
            case INVALID_MEMBER -> "StepFunctions.ValidationException";
            case INVALID_DEFINITION -> "StepFunctions.InvalidDefinitionException";
            case EXECUTION_ALREADY_EXISTS -> "StepFunctions.ExecutionAlreadyExistsException";
            // Executions.start raises none of these.
            case INVALID_REQUEST, INVALID_OUTPUT, NOTHING_TO_UPDATE, EXECUTION_NOT_FOUND, ACTIVITY_NOT_FOUND,
                 MACHINE_ALREADY_EXISTS, NOT_RUNNING, NOT_REDRIVABLE, WRONG_MACHINE_TYPE, CONFLICT, TOO_MANY_TAGS,
                 UNKNOWN_TASK_TOKEN, TASK_CLOSED, INVALID_PAGE_TOKEN -> StatesError.TASK_FAILED;
        };
    }

    /** StartExecution's answer as the Task sees it: its members in PascalCase, and the SDK's metadata. */
    private ObjectNode startResponse(Executions.Started started) {
        String requestId = UUID.randomUUID().toString();
        // The length of StartExecution's body on the wire, as AWS JSON 1.0 writes it (epoch seconds).
        ObjectNode body = NODES.objectNode().put("executionArn", started.executionArn())
                .put("startDate", started.startDate().toEpochMilli() / 1000.0);
        ObjectNode response = NODES.objectNode();
        response.put("ExecutionArn", started.executionArn());
        SdkMetadata.addTo(response, requestId, 200,
                SdkMetadata.json10Headers(requestId, Json.write(body).length, clock.instant()));
        response.put("StartDate", started.startDate().toEpochMilli());
        return response;
    }

    private static ObjectNode describe(ExecutionRecord e, boolean jsonPayloads) {
        ObjectNode d = NODES.objectNode();
        d.put("ExecutionArn", e.arn());
        d.put("StateMachineArn", e.machineArn());
        d.put("Name", e.name());
        d.put("Status", e.status());
        d.put("StartDate", e.startDate().toEpochMilli());
        e.stopDate().ifPresent(s -> d.put("StopDate", s.toEpochMilli()));
        payload(d, "Input", e.input(), jsonPayloads);
        d.putObject("InputDetails").put("Included", true);
        e.output().ifPresent(o -> {
            payload(d, "Output", o, jsonPayloads);
            d.putObject("OutputDetails").put("Included", true);
        });
        e.error().ifPresent(v -> d.put("Error", v));
        e.cause().ifPresent(v -> d.put("Cause", v));
        return d;
    }

    private static void payload(ObjectNode d, String member, String text, boolean json) {
        if (!json) {
            d.put(member, text);
            return;
        }
        try {
            d.set(member, JSON.readTree(text));
        } catch (IOException e) {
            d.put(member, text);
        }
    }

    private static void succeeded(TaskCall call, ResourceNames.Parsed parsed, JsonNode output) {
        call.events().record(EventType.TaskSucceeded, () -> {
            ObjectNode d = NODES.objectNode().put("resourceType", parsed.resourceType()).put("resource", parsed.resource());
            d.put("output", output.toString());
            d.putObject("outputDetails").put("truncated", false);
            return d;
        });
    }

    private static StatesError taskFailed(TaskCall call, ResourceNames.Parsed parsed, String error, String cause) {
        call.events().record(EventType.TaskFailed, () -> NODES.objectNode().put("resourceType", parsed.resourceType())
                .put("resource", parsed.resource()).put("error", error).put("cause", cause));
        return new StatesError(error, cause);
    }

    private static String regionOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 3 ? parts[3] : "us-east-1";
    }
}
