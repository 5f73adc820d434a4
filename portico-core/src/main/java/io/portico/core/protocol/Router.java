package io.portico.core.protocol;

import io.portico.core.model.OperationModel;
import io.portico.core.model.Protocol;
import io.portico.core.model.ServiceModel;
import io.portico.core.protocol.codec.QueryCodec;
import io.portico.core.service.AwsError;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.ServiceApi;
import io.portico.core.service.Services;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service and operation a wire request reaches, from the models alone: an {@code X-Amz-Target}
 * names the service by its target prefix and the operation after the dot; a query-protocol request names
 * the operation in {@code Action} and the service by the signature's service name (or its
 * {@code Version}); any other request is matched against the URI templates of every REST service (only
 * the signing service's when the signature names a REST service), the most specific template winning.
 * Thread safe: immutable after construction.
 */
public final class Router {

    /** The service, operation and URI labels a request was routed to. */
    public record Route(ServiceApi api, OperationModel operation, Map<String, String> labels) {
    }

    private record RestRoute(ServiceApi api, OperationModel operation) {
    }

    private final List<ServiceApi> all;
    private final Map<String, ServiceApi> byTarget = new HashMap<>();
    private final List<ServiceApi> query = new ArrayList<>();
    private final Map<String, List<RestRoute>> restByMethod = new HashMap<>();

    public Router(Services services) {
        this.all = services.all();
        for (ServiceApi api : all) {
            ServiceModel model = api.model();
            model.targetPrefix().ifPresent(prefix -> byTarget.put(prefix, api));
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

    /**
     * The service an {@code X-Amz-Target} names by its prefix, whether or not its model has the operation
     * after the dot: an unknown operation of a known service is that service's error, in its own form.
     */
    public Optional<ServiceApi> targetService(AwsRequest request) {
        return request.header("x-amz-target").flatMap(target -> {
            int dot = target.lastIndexOf('.');
            return dot < 0 ? Optional.empty() : Optional.ofNullable(byTarget.get(target.substring(0, dot)));
        });
    }

    /**
     * Routes a wire request; {@code signedFor} is the service name of its signature's credential scope.
     *
     * @throws AwsErrorException {@code UnknownOperationException} when no served operation fits
     */
    public Route route(AwsRequest request, Optional<String> signedFor) {
        Optional<String> target = request.header("x-amz-target");
        if (target.isPresent()) {
            ServiceApi api = targetService(request).orElseThrow(Services::unknownOperation);
            return new Route(api, Services.operation(api, target.get().substring(target.get().lastIndexOf('.') + 1)),
                    Map.of());
        }
        Optional<String> action = queryAction(request);
        if (action.isPresent() && !query.isEmpty()) {
            ServiceApi api = queryService(request, signedFor);
            return new Route(api, Services.operation(api, action.get()), Map.of());
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
        throw Services.unknownOperation();
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
}
