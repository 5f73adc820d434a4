package io.portico.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.OperationModel;
import io.portico.core.model.ServiceModel;
import io.portico.core.protocol.codec.JsonDocuments;
import io.portico.core.service.CallBus;
import io.portico.core.service.Caller;
import io.portico.core.service.ServiceApi;
import io.portico.core.service.Services;
import java.util.List;
import java.util.Optional;

/**
 * The call bus: the protocol of calls between services in one process. The input document is read
 * against the model as the JSON protocols read a body (so a member of the wrong type is the service's
 * type error), then runs through {@link Services#invoke} as a wire request does, scoped to the caller and
 * validated; the answer is the output document or the service's error. No HTTP. Thread safe.
 */
public final class InProcessCalls implements CallBus {
    private final Services services;

    public InProcessCalls(Services services) {
        this.services = services;
    }

    /** The bus over {@code services}, for tests that need no server. */
    public static InProcessCalls over(List<ServiceApi> services) {
        return new InProcessCalls(new Services(services));
    }

    @Override
    public ObjectNode call(Caller caller, String service, String operation, ObjectNode input)
            throws InterruptedException {
        ServiceApi api = services.named(service).orElseThrow(Services::unknownOperation);
        OperationModel op = Services.operation(api, operation);
        ObjectNode document = op.input().isPresent()
                ? JsonDocuments.structure(op.input().get(), input.deepCopy(), api.typeErrors())
                : Json.object();
        return services.invoke(api, op, document, caller, RequestIds.next(), Optional.empty());
    }

    @Override
    public Optional<ServiceModel> model(String service) {
        return services.named(service).map(ServiceApi::model);
    }
}
