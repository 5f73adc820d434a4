package io.portico.server.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.AsyncInvocations;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.InvokeResult;
import io.portico.functions.engine.LogBuffer;
import io.portico.states.asl.StatesError;
import io.portico.states.engine.EventType;
import io.portico.states.engine.ResourceNames;
import io.portico.states.engine.TaskCall;
import io.portico.states.engine.TaskResource;
import io.portico.states.engine.TaskResources;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Step Functions Tasks that run Lambda functions: the optimized integration
 * {@code arn:aws:states:::lambda:invoke} (and {@code .waitForTaskToken}), whose result is Lambda's
 * Invoke response ({@code Payload}, {@code StatusCode}, {@code ExecutedVersion}, SDK metadata), and the
 * legacy form with a function ARN as the Resource, whose result is the payload itself. Errors map as
 * on AWS: a function error becomes its {@code errorType} (Lambda.Unknown without one), a timed-out
 * function {@code States.Timeout}, Lambda API errors {@code Lambda.<Code>}, a result over 256 KB
 * {@code States.DataLimitExceeded}.
 */
public final class LambdaTaskResources implements TaskResources {
    private static final Pattern INVOKE = Pattern.compile("arn:[^:]+:states:::lambda:invoke(\\.waitForTaskToken)?");
    /** Step Functions' limit on a state's result. */
    static final int MAX_RESULT_BYTES = 256 * 1024;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Functions functions;
    private final AsyncInvocations async;

    public LambdaTaskResources(Functions functions, AsyncInvocations async) {
        this.functions = functions;
        this.async = async;
    }

    @Override
    public Optional<TaskResource> resolve(String resource) {
        if (INVOKE.matcher(resource).matches()) {
            return Optional.of(this::invokeIntegration);
        }
        if (ResourceNames.isFunction(resource)) {
            return Optional.of(this::invokeLegacy);
        }
        return Optional.empty();
    }

    /** {@code arn:aws:states:::lambda:invoke}: Parameters are Invoke's request members. */
    private JsonNode invokeIntegration(TaskCall call) throws InterruptedException {
        ResourceNames.Parsed parsed = ResourceNames.parse(call.resource());
        JsonNode params = call.input();
        call.events().record(EventType.TaskScheduled, () -> {
            ObjectNode d = Json.object().put("resourceType", parsed.resourceType()).put("resource", parsed.resource())
                    .put("region", region(call)).put("parameters", params.toString());
            call.timeoutSeconds().ifPresent(t -> d.put("timeoutInSeconds", t));
            call.heartbeatSeconds().ifPresent(h -> d.put("heartbeatInSeconds", h));
            return d;
        });
        call.events().record(EventType.TaskStarted, () -> Json.object()
                .put("resourceType", parsed.resourceType()).put("resource", parsed.resource()));
        String functionName = params.path("FunctionName").asText(null);
        if (functionName == null) {
            throw failed(call, parsed, "States.Runtime", "The field 'FunctionName' is required but was missing");
        }
        String requestId = UUID.randomUUID().toString();
        try {
            FunctionRef ref = FunctionRef.parse(functionName, text(params, "Qualifier"), account(call), region(call));
            byte[] payload = payload(params.get("Payload"));
            String type = params.path("InvocationType").asText("RequestResponse");
            ObjectNode response;
            if (type.equals("Event")) {
                requestId = async.enqueue(ref, payload);
                response = Json.object().put("Payload", "").put("StatusCode", 202);
                response.set("SdkHttpMetadata", httpMetadata(requestId, 202, 0, Optional.empty(), Optional.empty()));
                response.putObject("SdkResponseMetadata").put("RequestId", requestId);
            } else {
                Optional<String> clientContext = text(params, "ClientContext").map(InvokeText::decodeBase64);
                InvokeResult result = functions.invoke(ref, payload, requestId, clientContext);
                if (result.failed()) {
                    throw functionError(call, parsed, result, Json.writeString(parse(result.payload())));
                }
                checkSize(call, parsed, result.payload(), parsed.resourceType());
                Optional<String> logResult = params.path("LogType").asText("None").equals("Tail")
                        ? Optional.of(tail(result)) : Optional.empty();
                response = Json.object().put("ExecutedVersion", result.executedVersion());
                logResult.ifPresent(l -> response.put("LogResult", l));
                response.set("Payload", parse(result.payload()));
                response.set("SdkHttpMetadata", httpMetadata(requestId, 200, result.payload().length,
                        Optional.of(result.executedVersion()), logResult));
                response.putObject("SdkResponseMetadata").put("RequestId", requestId);
                response.put("StatusCode", 200);
            }
            if (!parsed.resource().endsWith(".waitForTaskToken")) {
                call.events().record(EventType.TaskSucceeded, () -> {
                    ObjectNode d = Json.object().put("resourceType", parsed.resourceType())
                            .put("resource", parsed.resource()).put("output", response.toString());
                    d.putObject("outputDetails").put("truncated", false);
                    return d;
                });
            }
            return response;
        } catch (FunctionsException e) {
            throw failed(call, parsed, "Lambda." + e.code(), serviceCause(e, functionName, requestId, call));
        }
    }

    /** A function ARN as the Resource: the effective input is the event, the payload is the result. */
    private JsonNode invokeLegacy(TaskCall call) throws InterruptedException {
        String arn = call.resource();
        call.events().record(EventType.LambdaFunctionScheduled, () -> {
            ObjectNode d = Json.object().put("resource", arn).put("input", call.input().toString());
            d.putObject("inputDetails").put("truncated", false);
            call.timeoutSeconds().ifPresent(t -> d.put("timeoutInSeconds", t));
            return d;
        });
        call.events().record(EventType.LambdaFunctionStarted, Json::object);
        String requestId = UUID.randomUUID().toString();
        try {
            FunctionRef ref = FunctionRef.parse(arn, Optional.empty(), account(call), region(call));
            InvokeResult result = functions.invoke(ref, Json.write(call.input()), requestId, Optional.empty());
            if (result.failed()) {
                // The legacy form passes the function's error document through as the cause, verbatim.
                throw legacyFailed(call, errorName(result), new String(result.payload(), StandardCharsets.UTF_8));
            }
            if (result.payload().length > MAX_RESULT_BYTES) {
                throw legacyFailed(call, "States.DataLimitExceeded", "The state/task '" + arn + "' returned a result"
                        + " with a size exceeding the maximum number of bytes service limit.");
            }
            JsonNode output = parse(result.payload());
            call.events().record(EventType.LambdaFunctionSucceeded, () -> {
                ObjectNode d = Json.object().put("output", output.toString());
                d.putObject("outputDetails").put("truncated", false);
                return d;
            });
            return output;
        } catch (FunctionsException e) {
            throw legacyFailed(call, "Lambda." + e.code(), serviceCause(e, arn, requestId, call));
        }
    }

    private StatesError functionError(TaskCall call, ResourceNames.Parsed parsed, InvokeResult result, String cause) {
        return failed(call, parsed, errorName(result), cause);
    }

    private static String errorName(InvokeResult result) {
        String type = result.errorType().orElse("Lambda.Unknown");
        return type.equals("Sandbox.Timedout") ? StatesError.TIMEOUT : type;
    }

    private void checkSize(TaskCall call, ResourceNames.Parsed parsed, byte[] payload, String task) {
        if (payload.length > MAX_RESULT_BYTES) {
            throw failed(call, parsed, "States.DataLimitExceeded", "The state/task '" + task + "' returned a result"
                    + " with a size exceeding the maximum number of bytes service limit.");
        }
    }

    private static StatesError failed(TaskCall call, ResourceNames.Parsed parsed, String error, String cause) {
        call.events().record(EventType.TaskFailed, () -> Json.object().put("resourceType", parsed.resourceType())
                .put("resource", parsed.resource()).put("error", error).put("cause", cause));
        return new StatesError(error, cause);
    }

    private static StatesError legacyFailed(TaskCall call, String error, String cause) {
        call.events().record(EventType.LambdaFunctionFailed, () -> Json.object().put("error", error).put("cause", cause));
        return new StatesError(error, cause);
    }

    /** Lambda API errors read as the AWS SDK for Java v1 inside Step Functions prints them. */
    private static String serviceCause(FunctionsException e, String functionName, String requestId, TaskCall call) {
        String message = e.getMessage();
        if (e.code().equals("ResourceNotFoundException")) {
            try {
                FunctionRef ref = FunctionRef.parse(functionName, Optional.empty(), account(call), region(call));
                message = "Function not found: " + ref.arn() + ":" + ref.qualifier().orElse("$LATEST");
            } catch (FunctionsException invalid) {
                // keep Lambda's own message
            }
        }
        return message + " (Service: AWSLambda; Status Code: " + e.httpStatus() + "; Error Code: " + e.code()
                + "; Request ID: " + requestId + "; Proxy: null)";
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
        } catch (java.io.IOException e) {
            return Json.mapper().getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    private static String tail(InvokeResult result) {
        return Base64.getEncoder().encodeToString(LogBuffer.tail(result.log()).getBytes(StandardCharsets.UTF_8));
    }

    /** The HTTP view the AWS SDK for Java v1 inside Step Functions reports for Lambda's Invoke response. */
    private static ObjectNode httpMetadata(String requestId, int status, int length, Optional<String> version,
            Optional<String> logResult) {
        ObjectNode headers = Json.object();
        headers.put("Connection", "keep-alive");
        headers.put("Content-Length", Integer.toString(length));
        headers.put("Content-Type", "application/json");
        headers.put("Date", HTTP_DATE.format(java.time.Instant.now()));
        logResult.ifPresent(l -> headers.put("X-Amz-Log-Result", l));
        version.ifPresent(v -> headers.put("X-Amz-Executed-Version", v));
        headers.put("x-amzn-Remapped-Content-Length", "0");
        headers.put("x-amzn-RequestId", requestId);
        headers.put("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        ObjectNode all = Json.object();
        headers.properties().forEach(e -> all.putArray(e.getKey()).add(e.getValue().asText()));
        ObjectNode metadata = Json.object();
        metadata.set("AllHttpHeaders", all);
        metadata.set("HttpHeaders", headers);
        metadata.put("HttpStatusCode", status);
        return metadata;
    }

    private static Optional<String> text(JsonNode params, String field) {
        JsonNode node = params.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static String region(TaskCall call) {
        String[] parts = call.execution().executionArn().split(":", 6);
        return parts.length > 3 ? parts[3] : "us-east-1";
    }

    private static String account(TaskCall call) {
        String[] parts = call.execution().executionArn().split(":", 6);
        return parts.length > 4 ? parts[4] : "000000000000";
    }

    /** Base64 for ClientContext, which Invoke takes encoded. */
    private static final class InvokeText {
        static String decodeBase64(String text) {
            try {
                return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw FunctionsException.invalidParameter("Client context must be a valid Base64-encoded JSON object.");
            }
        }
    }
}
