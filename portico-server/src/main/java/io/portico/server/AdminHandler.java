package io.portico.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portico.core.json.Json;
import io.portico.core.protocol.AccessKey;
import io.portico.core.protocol.ProtocolFront;
import io.portico.core.protocol.QueryString;
import io.portico.core.protocol.SignedRequest;
import io.portico.core.service.AwsError;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.AwsResponse;
import io.portico.core.service.Caller;
import io.portico.core.service.PorticoPaths;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            Optional<PorticoPaths> owner = servicePaths.stream().filter(paths -> paths.owns(path)).findFirst();
            if (owner.isPresent()) {
                answer(owner.get(), path, request, response, callback);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    /**
     * Answers a service's own path: the caller is authenticated as an AWS call would be (a signature is
     * required once credentials are configured), unless the path carries its own proof.
     */
    private void answer(PorticoPaths owner, String path, Request request, Response response, Callback callback) {
        Map<String, List<String>> query = QueryString.parse(request.getHttpURI().getQuery());
        Caller caller;
        try {
            caller = front.authenticate(signed(request, path, query));
        } catch (AwsErrorException e) {
            if (!owner.authenticates(path)) {
                sendError(response, callback, e.error());
                return;
            }
            caller = new Caller(AccessKey.DEFAULT_ACCOUNT, "us-east-1", Optional.empty());
        }
        Optional<AwsResponse> answer = owner.get(path, query, caller);
        if (answer.isEmpty()) {
            sendError(response, callback, new AwsError("ResourceNotFoundException", 404, "Not Found: " + path));
            return;
        }
        AwsResponse a = answer.get();
        response.setStatus(a.status());
        a.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (a.contentType() != null) {
            response.getHeaders().put("Content-Type", a.contentType());
        }
        response.write(true, ByteBuffer.wrap(a.body()), callback);
    }

    private static SignedRequest signed(Request request, String path, Map<String, List<String>> query) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach(f -> headers.merge(f.getLowerCaseName(), f.getValue() == null ? "" : f.getValue(),
                (a, b) -> a + "," + b));
        return new SignedRequest(request.getMethod(), Optional.ofNullable(request.getHttpURI().getPath()).orElse(path),
                query, headers, new byte[0]);
    }

    private static void sendError(Response response, Callback callback, AwsError error) {
        send(response, callback, error.status(), "application/json", Json.writeString(Json.object()
                .put("__type", error.code()).put("message", error.message().orElse(""))));
    }

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", contentType);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
