package io.portico.states.api;

import io.portico.core.Component;
import io.portico.core.model.ServiceModels;
import io.portico.core.service.AwsError;
import io.portico.core.service.ServiceApi;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.StepFunctionsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Step Functions API on the service kit: AWS's {@code states-2016-11-23} model (AWS JSON 1.0, target
 * prefix {@code AWSStepFunctions}) with a handler for each operation Portico serves, and the engine's
 * {@link StepFunctionsException}s mapped to AWS's error codes by their kind ({@link #code}), all HTTP 400
 * as Step Functions answers them.
 */
public final class StatesApi {
    /** The model Step Functions is served from. */
    public static final String MODEL = "states-2016-11-23";

    private StatesApi() {
    }

    /** The service, started and stopped with the engine. */
    public static ServiceApi create(StepFunctions engine) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        StateMachineOperations.register(operations, engine);
        ExecutionOperations.register(operations, engine);
        ActivityOperations.register(operations, engine);
        TagOperations.register(operations, engine);
        MapRunOperations.register(operations, engine);
        TestStateOperation.register(operations, engine);
        ServiceApi.Builder api = ServiceApi.builder(ServiceModels.load(MODEL))
                .errors(StepFunctionsException.class, e -> AwsError.clientError(code(e.kind()), e.getMessage()))
                .lifecycle(new Component() {
                    @Override
                    public void start() {
                        engine.start();
                    }

                    @Override
                    public void close() {
                        engine.close();
                    }
                });
        operations.forEach((name, operation) -> api.operation(name, call -> operation.handle(new Call(call))));
        return api.build();
    }

    /**
     * Step Functions' error code for each kind of refusal. A member breaking a constraint is
     * {@code ValidationException} with the report's message, as the kit's validator answers; so are the
     * rules AWS checks in its service code, and stopping or updating what has ended.
     */
    static String code(StepFunctionsException.Kind kind) {
        return switch (kind) {
            case INVALID_MEMBER, INVALID_REQUEST, NOT_RUNNING -> "ValidationException";
            case MALFORMED_ARN -> "InvalidArn";
            case INVALID_NAME -> "InvalidName";
            case INVALID_DEFINITION -> "InvalidDefinition";
            case INVALID_INPUT -> "InvalidExecutionInput";
            case INVALID_OUTPUT -> "InvalidOutput";
            case NOTHING_TO_UPDATE -> "MissingRequiredParameter";
            case MACHINE_NOT_FOUND -> "StateMachineDoesNotExist";
            case EXECUTION_NOT_FOUND -> "ExecutionDoesNotExist";
            case ACTIVITY_NOT_FOUND -> "ActivityDoesNotExist";
            case RESOURCE_NOT_FOUND -> "ResourceNotFound";
            case MACHINE_ALREADY_EXISTS -> "StateMachineAlreadyExists";
            case EXECUTION_ALREADY_EXISTS -> "ExecutionAlreadyExists";
            case NOT_REDRIVABLE -> "ExecutionNotRedrivable";
            case WRONG_MACHINE_TYPE -> "StateMachineTypeNotSupported";
            case CONFLICT -> "ConflictException";
            case TOO_MANY_TAGS -> "TooManyTags";
            case UNKNOWN_TASK_TOKEN, INVALID_PAGE_TOKEN -> "InvalidToken";
            case TASK_CLOSED -> "TaskTimedOut";
        };
    }
}
