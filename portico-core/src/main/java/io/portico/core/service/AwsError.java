package io.portico.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import java.util.Optional;

/**
 * An AWS error as a value, the one every service answers with: its {@code code} (the bare error code
 * such as {@code StateMachineDoesNotExist}, no namespace), its HTTP {@code status}, its {@code message}
 * (empty when AWS sends none) and any further members the error shape carries ({@code extra}: DynamoDB's
 * {@code CancellationReasons}, Lambda's {@code Type} and {@code Reason}). Each protocol codec renders it
 * in its own shape (JSON {@code __type}; an {@code ErrorResponse} document for query and REST-XML).
 *
 * <p>The caller is at fault for a status below 500. Immutable as long as {@link #extra()}'s result is not
 * changed (it is the error's own copy); never null components.
 */
public record AwsError(String code, int status, Optional<String> message, ObjectNode extra) {

    /** Keeps a copy of {@code extra}, so that no caller can change an error once it is made. */
    public AwsError {
        extra = extra.deepCopy();
    }

    public AwsError(String code, int status, String message) {
        this(code, status, Optional.ofNullable(message), Json.object());
    }

    public static AwsError clientError(String code, String message) {
        return new AwsError(code, 400, message);
    }

    /** The same error with one more member beside the message. */
    public AwsError with(String member, Object value) {
        ObjectNode copy = extra.deepCopy();
        copy.set(member, Json.mapper().valueToTree(value));
        return new AwsError(code, status, message, copy);
    }

    /** Whether the caller is at fault (4xx), as query and XML error shapes say with Sender/Receiver. */
    public boolean senderFault() {
        return status < 500;
    }

    /** AWS's answer to any failure inside a service: all a caller is told of what went wrong. */
    public static AwsError internalFailure() {
        return new AwsError("InternalFailure", 500,
                "The request processing has failed because of an unknown error, exception or failure.");
    }
}
