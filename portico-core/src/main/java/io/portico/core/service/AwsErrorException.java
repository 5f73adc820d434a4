package io.portico.core.service;

/**
 * Carries an {@link AwsError} to the wire edge (or to a call bus caller). Thrown by the kit's codecs and
 * by {@code api} layers; engines raise their own module exceptions, which each service's api layer maps
 * to an {@link AwsError}. No stack trace is captured: this is an answer, not a bug.
 */
public class AwsErrorException extends RuntimeException {
    private final AwsError error;

    public AwsErrorException(AwsError error) {
        super(error.code() + ": " + error.message().orElse(""), null, false, false);
        this.error = error;
    }

    public AwsErrorException(String code, String message) {
        this(AwsError.clientError(code, message));
    }

    public AwsError error() {
        return error;
    }
}
