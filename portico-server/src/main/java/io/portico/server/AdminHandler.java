package io.portico.server;

import io.portico.core.protocol.AwsResponse;
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
 * services' own {@code /_portico/} paths ({@link PorticoPaths}); every other request goes to the
 * protocol front. Thread safe.
 */
final class AdminHandler extends Handler.Wrapper {

    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;
    private final List<PorticoPaths> servicePaths;

    AdminHandler(Handler front, PrometheusMeterRegistry registry, BooleanSupplier ready, List<PorticoPaths> servicePaths) {
        super(front);
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

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", contentType);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
