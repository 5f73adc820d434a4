package io.portico.functions.engine;

import java.util.Optional;

/**
 * Per-call facts of an invocation: its request id, the ARN the caller invoked (with the alias or
 * version it named, as {@code Context.getInvokedFunctionArn()} reports it) and the optional client
 * context and Cognito identity (JSON).
 */
public record InvokeOptions(String requestId, String invokedArn, Optional<String> clientContextJson,
        Optional<String> cognitoIdentityJson) {

    public static InvokeOptions of(String requestId, String invokedArn) {
        return new InvokeOptions(requestId, invokedArn, Optional.empty(), Optional.empty());
    }
}
