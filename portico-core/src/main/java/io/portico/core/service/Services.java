package io.portico.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.model.OperationModel;
import io.portico.core.model.ServiceModel;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every service this Portico serves, and the one place a call reaches a handler from: the protocol
 * front routes wire requests here ({@code io.portico.core.protocol.Router}), and the call bus
 * ({@code io.portico.core.protocol.InProcessCalls}) calls between services.
 *
 * <p>A call runs the same way from either side: the input is scoped to the caller's account
 * ({@link ResourceScope}) and checked against the model, the handler runs, and an engine exception is
 * mapped to the service's AWS error; anything unmapped is logged and answered {@code InternalFailure}.
 * Thread safe: immutable after construction.
 */
public final class Services {
    private static final Logger LOG = LoggerFactory.getLogger(Services.class);

    private final List<ServiceApi> all;
    private final Map<String, ServiceApi> byName = new HashMap<>();

    public Services(List<ServiceApi> services) {
        this.all = List.copyOf(services);
        for (ServiceApi api : all) {
            ServiceModel model = api.model();
            // The SDK id names one service; a signing name may be shared, and then names its first.
            byName.put(model.sdkId(), api);
            byName.putIfAbsent(model.signingName(), api);
        }
    }

    /** The services in start order. */
    public List<ServiceApi> all() {
        return all;
    }

    /** A served service by SDK id ({@code lambda}, {@code sfn}) or signing name ({@code states}), any case. */
    public Optional<ServiceApi> named(String service) {
        return Optional.ofNullable(byName.get(service.toLowerCase(Locale.ROOT)));
    }

    /**
     * An operation of {@code api} by name.
     *
     * @throws AwsErrorException {@code UnknownOperationException} if the service has no such operation
     */
    public static OperationModel operation(ServiceApi api, String name) {
        return api.model().operation(name).orElseThrow(Services::unknownOperation);
    }

    /** The answer for a request no served operation fits. */
    public static AwsErrorException unknownOperation() {
        return new AwsErrorException(new AwsError("UnknownOperationException", 400, null));
    }

    /**
     * Validates {@code input} and runs the operation's handler.
     *
     * @throws AwsErrorException the service's answer for invalid input or a failed operation
     */
    public ObjectNode invoke(ServiceApi api, OperationModel operation, ObjectNode input, Caller caller,
            String requestId, Optional<String> host) throws InterruptedException {
        OperationHandler handler = api.handler(operation.name()).orElseThrow(Services::unknownOperation);
        // Authorization before validation: another account's resource is refused whatever else is wrong
        // with the request. Another region is the service's own answer, after validation (as recorded).
        List<ResourceScope.Named> named = api.resourcesNamed(operation, input);
        ResourceScope.checkAccounts(api, operation.name(), named, caller);
        api.validate(operation, input);
        ResourceScope.checkRegions(api, operation.name(), named, caller);
        try {
            return handler.handle(new OperationCall(operation, input, caller, requestId, host));
        } catch (RuntimeException e) {
            Optional<AwsError> mapped = api.mapError(e);
            if (mapped.isPresent()) {
                throw new AwsErrorException(mapped.get());
            }
            LOG.error("Internal failure in {}.{} (request {})", api.model().signingName(), operation.name(), requestId, e);
            throw new AwsErrorException(AwsError.internalFailure());
        }
    }
}
