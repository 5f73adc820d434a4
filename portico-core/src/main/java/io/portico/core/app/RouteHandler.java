package io.portico.core.app;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the HTTP requests of one app-endpoint route: a Jetty 12 core handler that is also told what its
 * route matched. The handler owns the exchange: it writes the response and completes {@code callback}
 * exactly once (or throws, and Jetty answers with an error page). It runs on a virtual thread and may
 * block.
 *
 * <p>Jetty's own types on purpose: routes serve frontends (API Gateway integrations, function URLs,
 * GraphQL), which need streaming bodies, headers and status as they are; a Portico copy of Jetty's
 * request and response would only narrow them. Implementations must be thread safe: requests arrive
 * concurrently.
 */
@FunctionalInterface
public interface RouteHandler {

    void handle(RouteMatch match, Request request, Response response, Callback callback) throws Exception;
}
