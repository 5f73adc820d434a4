package io.portico.server;

import io.portico.core.json.Json;
import io.portico.core.model.ServiceModels;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.OperationCall;
import io.portico.core.service.ServiceApi;

/**
 * A stand-in Step Functions service on AWS's real model, reached by the SDK's calls as the real one is,
 * whose operations exercise the protocol front's paths: a success, a modeled error and a bug.
 */
final class FakeStatesService {

    volatile OperationCall last;

    ServiceApi api() {
        return ServiceApi.builder(ServiceModels.load("states-2016-11-23"))
                .operation("ListStateMachines", call -> {
                    last = call;
                    return Json.object().set("stateMachines", Json.mapper().createArrayNode());
                })
                .operation("DescribeStateMachine", call -> {
                    last = call;
                    throw new AwsErrorException("StateMachineDoesNotExist", "State Machine Does Not Exist: '"
                            + call.required("stateMachineArn") + "'");
                })
                .operation("DeleteStateMachine", call -> {
                    last = call;
                    throw new IllegalStateException("secret internals");
                })
                .build();
    }
}
