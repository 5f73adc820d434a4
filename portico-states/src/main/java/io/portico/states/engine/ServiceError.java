package io.portico.states.engine;

/**
 * A Step Functions API error raised by the engine: {@code code} is the error name of the Step
 * Functions API (for example {@code StateMachineDoesNotExist}); the api layer turns it into the wire
 * error. Distinct from {@link io.portico.states.asl.StatesError}, which is an error inside an execution.
 */
public final class ServiceError extends RuntimeException {
    private final String code;

    public ServiceError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ServiceError validation(String message) {
        return new ServiceError("ValidationException", message);
    }

    public static ServiceError invalidArn(String arn) {
        return new ServiceError("InvalidArn", "Invalid Arn: '" + arn + "'");
    }

    public static ServiceError machineMissing(String arn) {
        return new ServiceError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }

    public static ServiceError executionMissing(String arn) {
        return new ServiceError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }

    public static ServiceError activityMissing(String arn) {
        return new ServiceError("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
    }

    public static ServiceError resourceNotFound(String message) {
        return new ServiceError("ResourceNotFound", message);
    }
}
