package io.portico.server;

import io.portico.core.protocol.AwsErrorException;
import io.portico.core.protocol.AwsRequest;
import io.portico.core.protocol.AwsResponse;
import io.portico.core.protocol.JsonProtocol;
import io.portico.core.json.Json;
import io.portico.states.api.StatesProtocol;

/**
 * A stand-in Step Functions service, reached by the SDK's calls as {@link io.portico.states.api.StatesService}
 * is, whose operations exercise the protocol front's paths.
 */
final class FakeStatesService implements StatesProtocol {

    volatile AwsRequest last;

    @Override
    public AwsResponse handle(AwsRequest request) {
        last = request;
        return switch (request.operation()) {
            case "ListStateMachines" -> JsonProtocol.ok(Json.object().set("stateMachines", Json.mapper().createArrayNode()));
            case "DescribeStateMachine" -> {
                String arn = JsonProtocol.parseBody(request).path("stateMachineArn").asText();
                throw new AwsErrorException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
            }
            case "DeleteStateMachine" -> throw new IllegalStateException("secret internals");
            default -> throw new AwsErrorException("UnknownOperationException", null);
        };
    }
}
