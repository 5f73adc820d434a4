package io.portico.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.OperationModel;
import io.portico.core.model.Protocol;
import io.portico.core.model.ServiceModel;
import io.portico.core.protocol.AwsError;
import io.portico.core.protocol.AwsErrorException;
import io.portico.core.protocol.AwsRequest;
import io.portico.core.protocol.codec.JsonDocuments;
import io.portico.core.protocol.codec.QueryCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every service this Portico serves, and the one place a call reaches a handler from: the protocol front
 * for wire requests, the {@link CallBus} for calls between services.
 *
 * <p>Routing, from the models alone: an {@code X-Amz-Target} names the service by its target prefix and
 * the operation after the dot; a query-protocol request names the operation in {@code Action} and the
 * service by the signature's service name (or its {@code Version}); any other request is matched against
 * the URI templates of every REST service (only the signing service's when the signature names a REST
 * service), the most specific template winning.
 *
 * <p>A call runs the same way from either side: the input is scoped to the caller's account
 * ({@link ResourceScope}) and checked against the model, the handler runs, and an engine exception is mapped to the service's AWS error; anything unmapped is logged and
 * answered {@code InternalFailure}. Thread safe: immutable after construction.
 */
public final class Services implements CallBus {
    private static final Logger LOG = LoggerFactory.getLogger(Services.class);

    /** The service, operation and URI labels a request was routed to. */
    public record Route(ServiceApi api, OperationModel operation, Map<String, String> labels) {
    }

    private record RestRoute(ServiceApi api, OperationModel operation) {
    }

    private final List<ServiceApi> all;
    private final Map<String, ServiceApi> byTarget = new HashMap<>();
    private final Map<String, ServiceApi> byName = new HashMap<>();
    private final List<ServiceApi> query = new ArrayList<>();
    private final Map<String, List<RestRoute>> restByMethod = new HashMap<>();

    public Services(List<ServiceApi> services) {
        this.all = List.copyOf(services);
        for (ServiceApi api : all) {
            ServiceModel model = api.model();
            model.targetPrefix().ifPresent(prefix -> byTarget.put(prefix, api));
            // The SDK id names one service; a signing name may be shared, and then names its first.
            byName.put(model.sdkId(), api);
            byName.putIfAbsent(model.signingName(), api);
            if (model.protocol() == Protocol.AWS_QUERY) {
                query.add(api);
            }
            if (model.protocol().isRest()) {
                for (OperationModel op : model.operations().values()) {
                    restByMethod.computeIfAbsent(op.httpMethod(), m -> new ArrayList<>()).add(new RestRoute(api, op));
                }
            }
        }
        restByMethod.values().forEach(routes -> routes.sort(
                Comparator.comparingInt((RestRoute r) -> r.operation().requestUri().specificity()).reversed()));
    }

    /** The services in start order. */
    public List<ServiceApi> all() {
        return all;
    }

    /**
     * Routes a wire request; {@code signedFor} is the service name of its signature's credential scope.
     *
     * @throws AwsErrorException {@code UnknownOperationException} when no served operation fits
     */
    public Route route(AwsRequest request, Optional<String> signedFor) {
        Optional<String> target = request.header("x-amz-target");
        if (target.isPresent()) {
            int dot = target.get().lastIndexOf('.');
            ServiceApi api = dot < 0 ? null : byTarget.get(target.get().substring(0, dot));
            if (api == null) {
                throw unknown();
            }
            return new Route(api, operation(api, target.get().substring(dot + 1)), Map.of());
        }
        Optional<String> action = queryAction(request);
        if (action.isPresent() && !query.isEmpty()) {
            ServiceApi api = queryService(request, signedFor);
            return new Route(api, operation(api, action.get()), Map.of());
        }
        return rest(request, signedFor);
    }

    private Optional<String> queryAction(AwsRequest request) {
        if (request.queryParameter("Action").isPresent()) {
            return request.queryParameter("Action");
        }
        boolean form = request.header("content-type").filter(t -> t.startsWith("application/x-www-form-urlencoded"))
                .isPresent();
        if (!form) {
            return Optional.empty();
        }
        List<String> actions = QueryCodec.parameters(request).get("Action");
        return actions == null || actions.isEmpty() ? Optional.empty() : Optional.of(actions.get(0));
    }

    private ServiceApi queryService(AwsRequest request, Optional<String> signedFor) {
        if (signedFor.isPresent()) {
            for (ServiceApi api : query) {
                if (api.model().signingName().equals(signedFor.get())) {
                    return api;
                }
            }
        }
        List<String> version = QueryCodec.parameters(request).get("Version");
        for (ServiceApi api : query) {
            if (version != null && version.contains(api.model().apiVersion())) {
                return api;
            }
        }
        if (query.size() == 1) {
            return query.get(0);
        }
        throw unknown();
    }

    private Route rest(AwsRequest request, Optional<String> signedFor) {
        // Several services may sign with one name (API Gateway v1 and v2 both sign as apigateway): the
        // signature narrows the search to them, if any of them is a REST service.
        Optional<String> signed = signedFor.filter(name -> all.stream().anyMatch(api -> api.model().protocol().isRest()
                && api.model().signingName().equals(name)));
        for (RestRoute route : restByMethod.getOrDefault(request.method(), List.of())) {
            if (signed.isPresent() && !route.api().model().signingName().equals(signed.get())) {
                continue;
            }
            Optional<Map<String, String>> labels = route.operation().requestUri().match(request.path(), request.query());
            if (labels.isPresent()) {
                return new Route(route.api(), route.operation(), labels.get());
            }
        }
        throw new AwsErrorException(new AwsError("UnknownOperationException", 404, null));
    }

    private static OperationModel operation(ServiceApi api, String name) {
        return api.model().operation(name).orElseThrow(() -> new AwsErrorException(new AwsError(
                "UnknownOperationException", 400, null)));
    }

    private static AwsErrorException unknown() {
        return new AwsErrorException(new AwsError("UnknownOperationException", 400, null));
    }

    /**
     * Validates {@code input} and runs the operation's handler.
     *
     * @throws AwsErrorException the service's answer for invalid input or a failed operation
     */
    public ObjectNode invoke(ServiceApi api, OperationModel operation, ObjectNode input, Caller caller,
            String requestId, Optional<String> host) throws InterruptedException {
        OperationHandler handler = api.handler(operation.name()).orElseThrow(Services::unknown);
        // Authorization before validation: another account's resource is refused whatever else is wrong
        // with the request. Another region is the service's own answer, after validation (as recorded).
        operation.input().ifPresent(shape -> ResourceScope.checkAccounts(api, operation.name(), shape, input, caller));
        api.validate(operation, input);
        operation.input().ifPresent(shape -> ResourceScope.checkRegions(api, operation.name(), shape, input, caller));
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

    @Override
    public ObjectNode call(Caller caller, String service, String operation, ObjectNode input)
            throws InterruptedException {
        ServiceApi api = byName.get(service.toLowerCase(Locale.ROOT));
        if (api == null) {
            throw unknown();
        }
        OperationModel op = operation(api, operation);
        ObjectNode document = op.input().isPresent()
                ? JsonDocuments.structure(op.input().get(), input.deepCopy(), api.typeErrors())
                : Json.object();
        return invoke(api, op, document, caller, UUID.randomUUID().toString(), Optional.empty());
    }

    @Override
    public Optional<ServiceModel> model(String service) {
        return Optional.ofNullable(byName.get(service.toLowerCase(Locale.ROOT))).map(ServiceApi::model);
    }

    /** Index of the services by name, for diagnostics. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        all.forEach(api -> out.put(api.model().signingName(), api.model().uid()));
        return out;
    }
}
