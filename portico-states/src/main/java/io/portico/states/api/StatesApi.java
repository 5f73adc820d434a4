package io.portico.states.api;

import io.portico.core.Component;
import io.portico.core.model.ServiceModels;
import io.portico.core.protocol.AwsError;
import io.portico.core.service.ServiceApi;
import io.portico.states.engine.ServiceError;
import io.portico.states.engine.StepFunctions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Step Functions API on the service kit: AWS's {@code states-2016-11-23} model (AWS JSON 1.0, target
 * prefix {@code AWSStepFunctions}) with a handler for each operation Portico serves, and the engine's
 * {@link ServiceError}s mapped to AWS's error codes, all HTTP 400 as Step Functions answers them.
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
                .errors(e -> e instanceof ServiceError error
                        ? Optional.of(AwsError.clientError(error.code(), error.getMessage())) : Optional.empty())
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
}
