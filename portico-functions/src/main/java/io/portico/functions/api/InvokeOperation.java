package io.portico.functions.api;

import io.portico.core.protocol.AwsResponse;
import io.portico.functions.engine.AsyncInvocations;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.InvokeResult;
import io.portico.functions.engine.LogBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invoke: {@code RequestResponse} (run and answer 200 with the payload; a function error adds
 * {@code X-Amz-Function-Error}), {@code Event} (queue durably, answer 202) and {@code DryRun} (check,
 * answer 204). {@code X-Amz-Log-Type: Tail} returns the invocation's last 4 KB of log, base64.
 */
final class InvokeOperation {

    private InvokeOperation() {
    }

    static void register(List<Route> routes, Functions functions, AsyncInvocations async) {
        routes.add(Route.of("Invoke", "POST", "/2015-03-31/functions/([^/]+)/invocations",
                call -> invoke(call, functions, async)));
    }

    private static AwsResponse invoke(LambdaCall call, Functions functions, AsyncInvocations async)
            throws InterruptedException {
        FunctionRef ref = call.function();
        String type = call.request().header("x-amz-invocation-type").orElse("RequestResponse");
        String logType = call.request().header("x-amz-log-type").orElse("None");
        if (!logType.equals("None") && !logType.equals("Tail")) {
            throw FunctionsException.invalidParameter(FunctionsException.validationMessage("logType", logType,
                    "Member must satisfy enum value set: [Tail, None]"));
        }
        byte[] payload = call.request().body();
        checkJson(payload);
        switch (type) {
            case "RequestResponse" -> {
                Optional<String> clientContext = call.request().header("x-amz-client-context").map(InvokeOperation::decode);
                InvokeResult result = functions.invoke(ref, payload, call.request().requestId(), clientContext);
                Map<String, String> headers = new HashMap<>();
                headers.put("X-Amz-Executed-Version", result.executedVersion());
                result.functionError().ifPresent(e -> headers.put("X-Amz-Function-Error", e));
                if (logType.equals("Tail")) {
                    headers.put("X-Amz-Log-Result", Base64.getEncoder().encodeToString(
                            LogBuffer.tail(result.log()).getBytes(StandardCharsets.UTF_8)));
                }
                return new AwsResponse(200, "application/json", headers, result.payload());
            }
            case "Event" -> {
                async.enqueue(ref, payload);
                return new AwsResponse(202, null, Map.of(), new byte[0]);
            }
            case "DryRun" -> {
                functions.checkInvocable(ref);
                return new AwsResponse(204, null, Map.of(), new byte[0]);
            }
            default -> throw FunctionsException.invalidParameter(FunctionsException.validationMessage(
                    "invocationType", type, "Member must satisfy enum value set: [Event, RequestResponse, DryRun]"));
        }
    }

    /** Lambda refuses a payload that is not JSON before running anything. */
    private static void checkJson(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        try (var parser = io.portico.core.json.Json.mapper().createParser(payload)) {
            while (parser.nextToken() != null) {
                // reading every token is the check
            }
        } catch (java.io.IOException e) {
            throw new FunctionsException("InvalidRequestContentException", "Could not parse request body into json:"
                    + " Could not parse payload into json: " + e.getMessage().replace("\n", " "));
        }
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new FunctionsException("InvalidParameterValueException", "Client context must be a valid Base64-"
                    + "encoded JSON object.");
        }
    }
}
