package io.portico.states.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.Component;
import io.portico.core.protocol.AwsErrorException;
import io.portico.core.protocol.AwsRequest;
import io.portico.core.protocol.AwsResponse;
import io.portico.states.engine.ServiceError;
import io.portico.states.engine.StepFunctions;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The Step Functions API (AWS JSON 1.0, target prefix {@code AWSStepFunctions}): decodes each call,
 * runs the operation against the engine, and maps engine errors to AWS's error codes, all HTTP 400
 * as Step Functions answers them.
 *
 * <p>Thread safe.
 */
public final class StatesService implements StatesProtocol, Component {
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StepFunctions engine;
    private final Map<String, Operation> operations = new HashMap<>();

    public StatesService(StepFunctions engine) {
        this.engine = engine;
        StateMachineOperations.register(operations, engine);
        ExecutionOperations.register(operations, engine);
        ActivityOperations.register(operations, engine);
        TagOperations.register(operations, engine);
        MapRunOperations.register(operations, engine);
        TestStateOperation.register(operations, engine);
    }

    @Override
    public void start() {
        engine.start();
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        Operation operation = operations.get(request.operation());
        if (operation == null) {
            throw new AwsErrorException("UnknownOperationException", "Unknown operation " + request.operation());
        }
        ObjectNode body = parse(request.body());
        try {
            ObjectNode out = operation.handle(new Call(request, body));
            return AwsResponse.json(200, CONTENT_TYPE, JSON.writeValueAsBytes(out));
        } catch (ServiceError e) {
            throw new AwsErrorException(e.code(), e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new AwsErrorException("SerializationException", "Request body must be a JSON object");
        } catch (IOException e) {
            throw new AwsErrorException("SerializationException", firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
