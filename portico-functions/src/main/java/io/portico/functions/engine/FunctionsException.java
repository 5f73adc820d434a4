package io.portico.functions.engine;

/**
 * A Lambda API error raised by the engine, named by its AWS error code
 * ({@code ResourceNotFoundException}, {@code ResourceConflictException}, ...) with Lambda's HTTP status
 * for it; the message is the one AWS gives.
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

    /** The HTTP status Lambda answers this error with. */
    public int httpStatus() {
        return switch (code) {
            case "ResourceNotFoundException" -> 404;
            case "ResourceConflictException" -> 409;
            case "TooManyRequestsException" -> 429;
            case "RequestTooLargeException" -> 413;
            case "PreconditionFailedException" -> 412;
            case "UnsupportedMediaTypeException" -> 415;
            case "ServiceException" -> 500;
            default -> 400;
        };
    }

    public static FunctionsException notFound(String message) {
        return new FunctionsException("ResourceNotFoundException", message);
    }

    /**
     * Lambda's message for a request member that breaks its model's constraint:
     * {@code 1 validation error detected: Value 'v' at 'field' failed to satisfy constraint: ...}
     * ({@code Value null} for a missing member).
     */
    public static String validationMessage(String field, Object value, String constraint) {
        return "1 validation error detected: Value " + (value == null ? "null" : "'" + value + "'") + " at '" + field
                + "' failed to satisfy constraint: " + constraint;
    }

    /** A {@code ValidationException} with {@link #validationMessage}. */
    public static FunctionsException validation(String field, Object value, String constraint) {
        return new FunctionsException("ValidationException", validationMessage(field, value, constraint));
    }

    /** A {@code ValidationException} for a required member that is missing. */
    public static FunctionsException missing(String field) {
        return validation(field, null, "Member must not be null");
    }

    public static FunctionsException invalidParameter(String message) {
        return new FunctionsException("InvalidParameterValueException", message);
    }

    public static FunctionsException conflict(String message) {
        return new FunctionsException("ResourceConflictException", message);
    }
}
