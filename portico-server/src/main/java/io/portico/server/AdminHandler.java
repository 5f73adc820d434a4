package io.portico.server;

import io.portico.core.json.Json;
import io.portico.core.protocol.AwsError;
import io.portico.core.protocol.AwsErrorException;
import io.portico.core.protocol.AwsResponse;
import io.portico.core.protocol.ProtocolFront;
import io.portico.core.protocol.SignedRequest;
import io.portico.core.protocol.PorticoPaths;
import io.portico.core.protocol.QueryString;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The non-AWS paths of the AWS endpoint: {@code GET /_portico/health}, {@code GET /metrics} and the
 * services' own {@code /_portico/} paths ({@link PorticoPaths}), which require a SigV4 signature when
 * credentials are configured (unless the path carries its own); every other request goes to the
 * protocol front. Health and metrics stay open: they hold no resource data (see the README). Thread safe.
 */
final class AdminHandler extends Handler.Wrapper {

    private final ProtocolFront front;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;
    private final List<PorticoPaths> servicePaths;

    AdminHandler(ProtocolFront front, PrometheusMeterRegistry registry, BooleanSupplier ready, List<PorticoPaths> servicePaths) {
        super(front);
        this.front = front;
        this.registry = registry;
        this.ready = ready;
        this.servicePaths = List.copyOf(servicePaths);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        boolean get = "GET".equals(request.getMethod());
        if (get && "/_portico/health".equals(path)) {
            boolean up = ready.getAsBoolean();
            send(response, callback, up ? 200 : 503, "application/json",
                    up ? "{\"status\":\"ok\"}" : "{\"status\":\"starting\"}");
            return true;
        }
        if (get && "/metrics".equals(path)) {
            send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            return true;
        }
        if (get && path.startsWith("/_portico/")) {
            Map<String, List<String>> query = QueryString.parse(request.getHttpURI().getQuery());
            for (PorticoPaths paths : servicePaths) {
                if (!paths.authenticates(path)) {
                    Optional<AwsError> refused = refusal(request, query);
                    if (refused.isPresent()) {
                        send(response, callback, refused.get().status(), "application/json", Json.writeString(
                                Json.object().put("__type", refused.get().code())
                                        .put("message", refused.get().message().orElse(""))));
                        return true;
                    }
                }
                Optional<AwsResponse> answer = paths.get(path, query);
                if (answer.isPresent()) {
                    AwsResponse a = answer.get();
                    response.setStatus(a.status());
                    a.headers().forEach((name, value) -> response.getHeaders().put(name, value));
                    if (a.contentType() != null) {
                        response.getHeaders().put("Content-Type", a.contentType());
                    }
                    response.write(true, ByteBuffer.wrap(a.body()), callback);
                    return true;
                }
            }
        }
        return super.handle(request, response, callback);
    }

    /**
     * Why a request for a service's own path is refused, if it is: with credentials configured, it must
     * be signed with SigV4 like any AWS call (any service's signing name; region and date are checked).
     */
    private Optional<AwsError> refusal(Request request, Map<String, List<String>> query) {
        if (!front.verifiesSignatures()) {
            return Optional.empty();
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        request.getHeaders().forEach(f -> headers.merge(f.getLowerCaseName(), f.getValue() == null ? "" : f.getValue(),
                (a, b) -> a + "," + b));
        try {
            front.authenticate(new SignedRequest(request.getMethod(),
                    Optional.ofNullable(request.getHttpURI().getPath()).orElse("/"), query, headers, new byte[0]));
            return Optional.empty();
        } catch (AwsErrorException e) {
            return Optional.of(e.error());
        }
    }

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", contentType);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
