package io.portico.states.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.OperationModel;
import io.portico.core.model.ServiceModel;
import io.portico.core.service.AwsError;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.CallBus;
import io.portico.states.asl.StatesError;
import io.portico.states.engine.ResourceNames;
import io.portico.states.engine.TaskCall;
import java.time.Clock;

/**
 * One AWS SDK integration, {@code arn:aws:states:::aws-sdk:<service>:<action>}: the Task's parameters
 * (PascalCase) become the operation's input, the operation runs on the call bus as the execution's
 * account, and its output (PascalCase, timestamps as ISO-8601) is the Task's result.
 *
 * <p>Errors are named as AWS names them ({@link SdkDialect}): for the AWS SDK integrations
 * {@code <Service>.<Code>}, the service in the AWS SDK's PascalCase ({@code Sfn}, {@code Lambda},
 * {@code DynamoDb}) and the code always ending in {@code Exception}
 * ({@code Sfn.StateMachineDoesNotExistException}); the cause is the message with the SDK's
 * {@code (Service: ..., Status Code: ..., Request ID: ...)} suffix. An optimized integration that calls
 * an operation the same way (DynamoDB's) names them in its own dialect. A failure on the service's side
 * (5xx) is {@code States.TaskFailed}. Thread safe.
 */
final class SdkCall {
    private final CallBus bus;
    private final ServiceModel model;
    private final String action;
    private final SdkDialect dialect;
    private final Clock clock;

    SdkCall(CallBus bus, ServiceModel model, String action, SdkDialect dialect, Clock clock) {
        this.bus = bus;
        this.model = model;
        this.action = action;
        this.dialect = dialect;
        this.clock = clock;
    }

    JsonNode invoke(TaskCall call) throws InterruptedException {
        ResourceNames.Parsed parsed = TaskEvents.started(call);
        JsonNode params = call.input();
        String operationName = SdkNames.pascal(action);
        OperationModel operation = model.operation(operationName).orElseThrow(() -> TaskEvents.failed(call, parsed,
                StatesError.RUNTIME, "The resource provided " + call.resource() + " is not recognized. The value is not"
                        + " a valid resource ARN, or the resource is not available in this region."));
        JsonNode input = operation.input().map(shape -> SdkNames.toModel(shape, params)).orElse(Json.object());
        ObjectNode output;
        try {
            output = bus.call(BusTasks.caller(call), model.sdkId(), operationName,
                    input.isObject() ? (ObjectNode) input : Json.object());
        } catch (AwsErrorException e) {
            throw TaskEvents.failed(call, parsed, errorName(e.error()), dialect.cause(model, e.error()));
        }
        JsonNode result = dialect.result(
                operation.output().map(shape -> SdkNames.toStates(shape, output)).orElse(Json.object()), output,
                clock.instant());
        TaskEvents.succeeded(call, parsed, result);
        return result;
    }

    private String errorName(AwsError error) {
        return error.senderFault() ? dialect.errorName(model, error) : StatesError.TASK_FAILED;
    }
}
