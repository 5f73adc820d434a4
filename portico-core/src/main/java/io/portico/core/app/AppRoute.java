package io.portico.core.app;

import java.util.Objects;

/**
 * One route of the app endpoint: which hosts and paths it serves, and what serves them. Immutable.
 *
 * @param host the hosts served
 * @param path the paths served
 * @param target the handler, by kind
 * @param owner who registered it, for logs and the console (e.g. {@code apigateway:a1b2c3})
 */
public record AppRoute(HostPattern host, PathPattern path, Target target, String owner) {

    public AppRoute {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(owner, "owner");
    }

    /** What serves a route's requests. */
    public sealed interface Target {
    }

    /** Plain HTTP requests. */
    public record Http(RouteHandler handler) implements Target {
    }

    /** WebSocket upgrade requests. */
    public record WebSocket(WebSocketEndpoints endpoints) implements Target {
    }

    @Override
    public String toString() {
        String kind = target instanceof WebSocket ? "WebSocket " : "";
        return kind + host + path + " (" + owner + ")";
    }
}
