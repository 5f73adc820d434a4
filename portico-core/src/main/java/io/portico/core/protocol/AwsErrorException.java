package io.portico.core.protocol;

/**
 * Carries an {@link AwsError} from an operation handler to the wire edge. Thrown only by {@code api}
 * layers; engines raise their own module exceptions, which the api layer maps to an {@link AwsError}.
 */
public class AwsErrorException extends RuntimeException {
    private final AwsError error;

    public AwsErrorException(AwsError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public AwsErrorException(String code, String message) {
        this(AwsError.clientError(code, message));
    }

    public AwsError error() {
        return error;
    }
}
