package io.portico.functions.engine;

/**
 * A Lambda API error raised by the engine, named by its AWS error code
 * ({@code ResourceNotFoundException}, {@code ResourceConflictException}, ...). The api layer maps the
 * code to Lambda's HTTP status; the message is the one AWS gives.
 */
public final class FunctionsException extends RuntimeException {
    private final String code;

    public FunctionsException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static FunctionsException notFound(String message) {
        return new FunctionsException("ResourceNotFoundException", message);
    }

    public static FunctionsException invalidParameter(String message) {
        return new FunctionsException("InvalidParameterValueException", message);
    }

    public static FunctionsException conflict(String message) {
        return new FunctionsException("ResourceConflictException", message);
    }
}
