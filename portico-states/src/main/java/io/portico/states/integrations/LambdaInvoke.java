package io.portico.states.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.CallBus;
import io.portico.states.asl.StatesError;
import io.portico.states.engine.EventType;
import io.portico.states.engine.ResourceNames;
import io.portico.states.engine.SdkMetadata;
import io.portico.states.engine.TaskCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Step Functions Tasks that run Lambda functions, through Lambda's Invoke on the call bus: the optimized
 * integration {@code arn:aws:states:::lambda:invoke} (and {@code .waitForTaskToken}), whose result is
 * Invoke's response ({@code Payload}, {@code StatusCode}, {@code ExecutedVersion}, and the SDK metadata
 * AWS adds), and the legacy form with a function ARN as the Resource, whose result is the payload itself.
 *
 * <p>Errors map as on AWS: a function error becomes its {@code errorType} ({@code Lambda.Unknown} without
 * one), a timed-out function {@code States.Timeout}, Lambda API errors {@code Lambda.<Code>} with the
 * cause the AWS SDK for Java v1 inside Step Functions prints, a result over 256 KB
 * {@code States.DataLimitExceeded}. Thread safe.
 */
final class LambdaInvoke {
    /** Step Functions' limit on a state's result. */
    static final int MAX_RESULT_BYTES = 256 * 1024;

    private final CallBus bus;
    private final Clock clock;

    LambdaInvoke(CallBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    /** {@code arn:aws:states:::lambda:invoke}: Parameters are Invoke's request members. */
    JsonNode integration(TaskCall call) throws InterruptedException {
        ResourceNames.Parsed parsed = TaskEvents.started(call);
        JsonNode params = call.input();
        String functionName = params.path("FunctionName").asText(null);
        if (functionName == null) {
            throw TaskEvents.failed(call, parsed, "States.Runtime", "The field 'FunctionName' is required but was missing");
        }
        ObjectNode request = Json.object().put("FunctionName", functionName);
        copyText(params, request, "Qualifier");
        copyText(params, request, "InvocationType");
        copyText(params, request, "LogType");
        copyText(params, request, "ClientContext");
        request.set("Payload", BinaryNode.valueOf(payload(params.get("Payload"))));
        ObjectNode answer;
        try {
            answer = bus.call(BusTasks.caller(call), "lambda", "Invoke", request);
        } catch (AwsErrorException e) {
            throw TaskEvents.failed(call, parsed, "Lambda." + e.error().code(), serviceCause(e, functionName, call));
        }
        ObjectNode response = response(call, parsed, answer, params.path("LogType").asText("None").equals("Tail"));
        TaskEvents.succeeded(call, parsed, response);
        return response;
    }

    private ObjectNode response(TaskCall call, ResourceNames.Parsed parsed, ObjectNode answer, boolean tail) {
        String requestId = UUID.randomUUID().toString();
        int status = answer.path("StatusCode").asInt(200);
        byte[] payload = bytes(answer.get("Payload"));
        if (status == 202) {
            ObjectNode response = Json.object().put("Payload", "");
            addMetadata(response, requestId, 202, 0, Optional.empty(), Optional.empty());
            return response.put("StatusCode", 202);
        }
        if (answer.hasNonNull("FunctionError")) {
            throw TaskEvents.failed(call, parsed, errorName(payload), Json.writeString(parse(payload)));
        }
        if (payload.length > MAX_RESULT_BYTES) {
            throw TaskEvents.failed(call, parsed, "States.DataLimitExceeded", tooLarge(parsed.resourceType()));
        }
        String version = answer.path("ExecutedVersion").asText("$LATEST");
        Optional<String> logResult = tail ? Optional.ofNullable(answer.path("LogResult").asText(null)) : Optional.empty();
        ObjectNode response = Json.object().put("ExecutedVersion", version);
        logResult.ifPresent(l -> response.put("LogResult", l));
        response.set("Payload", parse(payload));
        addMetadata(response, requestId, 200, payload.length, Optional.of(version), logResult);
        response.put("StatusCode", 200);
        return response;
    }

    /** A function ARN as the Resource: the effective input is the event, the payload is the result. */
    JsonNode legacy(TaskCall call) throws InterruptedException {
        String arn = call.resource();
        call.events().record(EventType.LambdaFunctionScheduled, () -> {
            ObjectNode d = Json.object().put("resource", arn).put("input", call.input().toString());
            d.putObject("inputDetails").put("truncated", false);
            call.timeoutSeconds().ifPresent(t -> d.put("timeoutInSeconds", t));
            return d;
        });
        call.events().record(EventType.LambdaFunctionStarted, Json::object);
        ObjectNode request = Json.object().put("FunctionName", arn);
        request.set("Payload", BinaryNode.valueOf(Json.write(call.input())));
        ObjectNode answer;
        try {
            answer = bus.call(BusTasks.caller(call), "lambda", "Invoke", request);
        } catch (AwsErrorException e) {
            throw legacyFailed(call, "Lambda." + e.error().code(), serviceCause(e, arn, call));
        }
        byte[] payload = bytes(answer.get("Payload"));
        if (answer.hasNonNull("FunctionError")) {
            // The legacy form passes the function's error document through as the cause, verbatim.
            throw legacyFailed(call, errorName(payload), new String(payload, StandardCharsets.UTF_8));
        }
        if (payload.length > MAX_RESULT_BYTES) {
            throw legacyFailed(call, "States.DataLimitExceeded", tooLarge(arn));
        }
        JsonNode output = parse(payload);
        call.events().record(EventType.LambdaFunctionSucceeded, () -> {
            ObjectNode d = Json.object().put("output", output.toString());
            d.putObject("outputDetails").put("truncated", false);
            return d;
        });
        return output;
    }

    private static String tooLarge(String task) {
        return "The state/task '" + task + "' returned a result with a size exceeding the maximum number of bytes"
                + " service limit.";
    }

    /** A failed invocation's error name: the error document's errorType; a timeout is States.Timeout. */
    private static String errorName(byte[] payload) {
        JsonNode document = parse(payload);
        String type = document.path("errorType").isTextual() ? document.get("errorType").asText() : "Lambda.Unknown";
        return type.equals("Sandbox.Timedout") ? StatesError.TIMEOUT : type;
    }

    private static StatesError legacyFailed(TaskCall call, String error, String cause) {
        call.events().record(EventType.LambdaFunctionFailed, () -> Json.object().put("error", error).put("cause", cause));
        return new StatesError(error, cause);
    }

    /** Lambda API errors read as the AWS SDK for Java v1 inside Step Functions prints them. */
    private static String serviceCause(AwsErrorException e, String functionName, TaskCall call) {
        String message = e.error().message().orElse("");
        if (e.error().code().equals("ResourceNotFoundException")) {
            message = "Function not found: " + qualifiedArn(functionName, call);
        }
        return message + " (Service: AWSLambda; Status Code: " + e.error().status() + "; Error Code: "
                + e.error().code() + "; Request ID: " + UUID.randomUUID() + "; Proxy: null)";
    }

    /** The function's ARN with {@code $LATEST} when unqualified, as Lambda's not-found message names it. */
    private static String qualifiedArn(String functionName, TaskCall call) {
        if (functionName.startsWith("arn:")) {
            return functionName.split(":").length >= 8 ? functionName : functionName + ":$LATEST";
        }
        var caller = BusTasks.caller(call);
        // A partial ARN, 123456789012:function:name[:qualifier], names its account; a plain name is the caller's.
        String[] parts = functionName.split(":");
        boolean partial = parts.length >= 3 && parts[1].equals("function");
        String account = partial ? parts[0] : caller.account();
        String name = partial ? parts[2] : parts[0];
        String qualifier = partial ? (parts.length > 3 ? parts[3] : "$LATEST") : (parts.length > 1 ? parts[1] : "$LATEST");
        return "arn:aws:lambda:" + caller.region() + ":" + account + ":function:" + name + ":" + qualifier;
    }

    /** Invoke's body: a string Payload is sent as its text, anything else as JSON; none as nothing. */
    private static byte[] payload(JsonNode payload) {
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            return new byte[0];
        }
        return payload.isTextual() ? payload.textValue().getBytes(StandardCharsets.UTF_8) : Json.write(payload);
    }

    /** The response payload as JSON; a payload that is not JSON is kept as a string. */
    private static JsonNode parse(byte[] payload) {
        try {
            JsonNode node = Json.mapper().readTree(payload);
            return node == null ? Json.mapper().getNodeFactory().textNode("") : node;
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(JsonNode blob) {
        try {
            byte[] bytes = blob == null ? null : blob.binaryValue();
            return bytes == null ? new byte[0] : bytes;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void copyText(JsonNode from, ObjectNode to, String member) {
        JsonNode value = from.get(member);
        if (value != null && !value.isNull()) {
            to.put(member, value.asText());
        }
    }

    /**
     * The SDK metadata of Lambda's Invoke answer, its headers in the order AWS's recordings show them
     * (test_lambda_task_service: executed version, remapped length, connection, request id, length, date,
     * trace id, type).
     */
    private void addMetadata(ObjectNode response, String requestId, int status, int length,
            Optional<String> version, Optional<String> logResult) {
        Map<String, String> headers = new LinkedHashMap<>();
        logResult.ifPresent(l -> headers.put("X-Amz-Log-Result", l));
        version.ifPresent(v -> headers.put("X-Amz-Executed-Version", v));
        headers.put("x-amzn-Remapped-Content-Length", "0");
        headers.put("Connection", "keep-alive");
        headers.put("x-amzn-RequestId", requestId);
        headers.put("Content-Length", Integer.toString(length));
        Instant now = clock.instant();
        headers.put("Date", SdkMetadata.HTTP_DATE.format(now));
        headers.put("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        headers.put("Content-Type", "application/json");
        SdkMetadata.addTo(response, requestId, status, headers);
    }
}
