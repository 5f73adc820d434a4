package io.portico.functions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.Component;
import io.portico.core.json.Json;
import io.portico.core.protocol.AwsRequest;
import io.portico.core.protocol.AwsResponse;
import io.portico.core.protocol.AwsService;
import io.portico.core.protocol.PorticoPaths;
import io.portico.functions.engine.AsyncInvocations;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The Lambda API (REST-JSON, signing name {@code lambda}, paths under {@code /2015-03-31/} and the
 * later dated prefixes). Routes each call by method and path, runs it against the engine and writes
 * Lambda's error shape: {@code x-amzn-ErrorType} with {@code {"Type":"User","message":...}} and the
 * status Lambda uses for the code. Thread safe.
 */
public final class LambdaService implements AwsService, Component, PorticoPaths {
    private final Functions functions;
    private final AsyncInvocations async;
    private final List<Route> routes = new ArrayList<>();

    public LambdaService(Functions functions, AsyncInvocations async) {
        this.functions = functions;
        this.async = async;
        FunctionOperations.register(routes, functions);
        AliasOperations.register(routes, functions);
        InvokeOperation.register(routes, functions, async);
        SettingsOperations.register(routes, functions);
    }

    @Override
    public String signingName() {
        return "lambda";
    }

    @Override
    public String targetPrefix() {
        return "";
    }

    @Override
    public String protocol() {
        return "rest-json";
    }

    @Override
    public void start() {
        functions.start();
    }

    @Override
    public void close() {
        functions.close();
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String path = request.path().endsWith("/") && request.path().length() > 1
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        try {
            for (Route route : routes) {
                Matcher m = route.match(request.method(), path);
                if (m != null) {
                    return route.handler().handle(new LambdaCall(request, m));
                }
            }
            return error("UnknownOperationException", 404, "Unknown operation " + request.method() + " " + path);
        } catch (FunctionsException e) {
            return error(e.code(), e.httpStatus(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("ServiceException", 500, "The invocation was interrupted by a Portico shutdown.");
        }
    }

    @Override
    public java.util.Optional<AwsResponse> get(String path, Map<String, List<String>> query) {
        return CodeDownload.get(functions, functions.code(), path, query);
    }

    static AwsResponse json(int status, ObjectNode body) {
        return new AwsResponse(status, "application/json", Map.of(), Json.write(body));
    }

    static AwsResponse empty(int status) {
        return new AwsResponse(status, null, Map.of(), new byte[0]);
    }

    private static AwsResponse error(String code, int status, String message) {
        ObjectNode body = Json.object().put("Type", status >= 500 ? "Service" : "User").put("message", message);
        if (code.equals("TooManyRequestsException")) {
            body.put("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded");
        }
        return new AwsResponse(status, "application/json", Map.of("x-amzn-ErrorType", code), Json.write(body));
    }
}
