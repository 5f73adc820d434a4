package io.portico.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The non-AWS paths of the AWS endpoint: {@code GET /_portico/health} and {@code GET /metrics}; every
 * other request goes to the protocol front. Thread safe.
 */
final class AdminHandler extends Handler.Wrapper {

    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;

    AdminHandler(Handler front, PrometheusMeterRegistry registry, BooleanSupplier ready) {
        super(front);
        this.registry = registry;
        this.ready = ready;
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
        return super.handle(request, response, callback);
    }

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", contentType);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
