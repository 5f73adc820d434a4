package io.portico.core.protocol;

/**
 * An AWS error as a value: the wire edge turns it into the {@code __type}/message body and HTTP status
 * that makes the SDK raise the matching exception class. {@code code} is the bare error code such as
 * {@code StateMachineDoesNotExist} (no namespace prefix).
 */
public record AwsError(String code, int status, String message) {

    public static AwsError clientError(String code, String message) {
        return new AwsError(code, 400, message);
    }
}
