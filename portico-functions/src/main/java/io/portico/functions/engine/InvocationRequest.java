package io.portico.functions.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * One invocation as an environment sees it. {@code payload} is the event exactly as the caller sent
 * it (JSON bytes); {@code deadline} is what {@code Context.getRemainingTimeInMillis()} counts down
 * to; the optional JSON strings are the decoded {@code X-Amz-Client-Context} and the Cognito identity.
 */
public record InvocationRequest(
        String requestId,
        byte[] payload,
        Instant deadline,
        String invokedFunctionArn,
        Optional<String> clientContextJson,
        Optional<String> cognitoIdentityJson,
        InvocationLog log) {
}
