package io.portico.functions.api;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.json.MalformedJsonException;
import io.portico.core.service.OperationHandler;
import io.portico.functions.engine.AsyncInvocations;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.InvokeResult;
import io.portico.functions.engine.LogBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Invoke: {@code RequestResponse} (run and answer 200 with the payload; a function error adds
 * {@code X-Amz-Function-Error}), {@code Event} (queue durably, answer 202) and {@code DryRun} (check,
 * answer 204). {@code X-Amz-Log-Type: Tail} returns the invocation's last 4 KB of log, base64;
 * {@code X-Amz-Client-Context} must be base64 of a JSON object. The same
 * handler answers Step Functions' Lambda tasks through the call bus.
 */
final class InvokeOperation {

    private InvokeOperation() {
    }

    static void register(Map<String, OperationHandler> ops, Functions functions, AsyncInvocations async) {
        ops.put("Invoke", LambdaCall.of(call -> invoke(call, functions, async)));
    }

    private static ObjectNode invoke(LambdaCall call, Functions functions, AsyncInvocations async)
            throws InterruptedException {
        FunctionRef ref = call.function();
        String type = call.text("InvocationType").orElse("RequestResponse");
        String logType = call.text("LogType").orElse("None");
        byte[] payload = payload(call.body());
        checkJson(payload);
        ObjectNode out = Json.object();
        switch (type) {
            case "Event" -> {
                async.enqueue(ref, payload);
                return out.put("StatusCode", 202);
            }
            case "DryRun" -> {
                functions.checkInvocable(ref);
                return out.put("StatusCode", 204);
            }
            default -> {
                Optional<String> clientContext = call.text("ClientContext").filter(c -> !c.isEmpty())
                        .map(InvokeOperation::clientContext);
                InvokeResult result = functions.invoke(ref, payload, call.operation().requestId(), clientContext);
                out.put("StatusCode", 200).put("ExecutedVersion", result.executedVersion());
                result.functionError().ifPresent(e -> out.put("FunctionError", e));
                if (logType.equals("Tail")) {
                    out.put("LogResult", Base64.getEncoder().encodeToString(
                            LogBuffer.tail(result.log()).getBytes(StandardCharsets.UTF_8)));
                }
                return out.set("Payload", BinaryNode.valueOf(result.payload()));
            }
        }
    }

    private static byte[] payload(ObjectNode body) {
        try {
            byte[] bytes = body.has("Payload") ? body.get("Payload").binaryValue() : null;
            return bytes == null ? new byte[0] : bytes;
        } catch (IOException e) {
            throw new IllegalStateException("Payload was decoded by the kit", e);
        }
    }

    /** Lambda refuses a payload that is not JSON before running anything. */
    private static void checkJson(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        try (var parser = Json.mapper().createParser(payload)) {
            while (parser.nextToken() != null) {
                // reading every token is the check
            }
        } catch (IOException e) {
            throw FunctionsException.of(FunctionsException.Kind.UNREADABLE_PAYLOAD, "Could not parse request body"
                    + " into json: Could not parse payload into json: " + e.getMessage().replace("\n", " "));
        }
    }

    /**
     * The client context as JSON text. Lambda refuses one that is not base64 of a JSON object before running
     * anything, in one wording for every such case (quoted in boto/boto3#2153 for text that is no JSON);
     * left to the function, it would fail there in the runtime's words.
     */
    private static String clientContext(String base64) {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw notAClientContext();
        }
        if (!isObject(json)) {
            throw notAClientContext();
        }
        return new String(json, StandardCharsets.UTF_8);
    }

    private static boolean isObject(byte[] json) {
        try {
            return Json.readOne(json).isObject();
        } catch (MalformedJsonException e) {
            return false;
        }
    }

    private static FunctionsException notAClientContext() {
        return FunctionsException.of(FunctionsException.Kind.UNREADABLE_PAYLOAD,
                "Client context must be a valid Base64-encoded JSON object.");
    }
}
