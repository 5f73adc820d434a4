package io.portico.core.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * The app endpoint as a Jetty handler: each request goes to the most specific route of {@link AppRoutes}
 * that serves its host and path (see there for precedence). A WebSocket upgrade request goes to a
 * matching WebSocket route, or else to a matching HTTP route; any other request only to HTTP routes.
 * What no route serves gets {@code 404 {"message":"Not Found"}}, except a plain request to a path only a
 * WebSocket route serves, which gets {@code 426 {"message":"Upgrade Required"}}. A refused WebSocket
 * connection gets its status (403 by default) with {@code {"message":"Forbidden"}} or the status's
 * reason.
 *
 * <p>WebSocket upgrades go through Jetty's WebSocket container ({@code jetty-websocket-jetty-server}),
 * which this handler sets up on the server it is created for; the route's {@link WebSocketEndpoints}
 * creates the endpoint for each connection.
 *
 * <p>Thread safe. Requests are handled on the calling (virtual) thread; handlers may block.
 */
public final class AppEndpoint extends Handler.Abstract {
    private static final String NOT_FOUND = "{\"message\":\"Not Found\"}";
    private static final String UPGRADE_REQUIRED = "{\"message\":\"Upgrade Required\"}";
    private static final String BAD_UPGRADE = "{\"message\":\"Bad Request\"}";

    private final AppRoutes routes;
    private final ServerWebSocketContainer webSockets;

    private AppEndpoint(Server server, AppRoutes routes) {
        this.routes = routes;
        this.webSockets = ServerWebSocketContainer.ensure(server);
        addBean(webSockets);
    }

    /**
     * The app endpoint of {@code server} serving {@code routes}. Call before the server starts: it adds
     * the WebSocket machinery to the server.
     */
    public static AppEndpoint create(Server server, AppRoutes routes) {
        return new AppEndpoint(server, routes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = Request.getServerName(request);
        String path = request.getHttpURI().getPath();
        if (isWebSocketUpgrade(request)) {
            Optional<RouteMatch> socket = routes.match(host, path, AppRoute.WebSocket.class);
            if (socket.isPresent()) {
                upgrade(socket.get(), request, response, callback);
                return true;
            }
        }
        Optional<RouteMatch> http = routes.match(host, path, AppRoute.Http.class);
        if (http.isPresent()) {
            ((AppRoute.Http) http.get().route().target()).handler().handle(http.get(), request, response, callback);
            return true;
        }
        boolean socketOnly = routes.match(host, path, AppRoute.WebSocket.class).isPresent();
        if (socketOnly) {
            response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
            send(response, callback, HttpStatus.UPGRADE_REQUIRED_426, UPGRADE_REQUIRED);
        } else {
            send(response, callback, HttpStatus.NOT_FOUND_404, NOT_FOUND);
        }
        return true;
    }

    private void upgrade(RouteMatch match, Request request, Response response, Callback callback) {
        WebSocketEndpoints endpoints = ((AppRoute.WebSocket) match.route().target()).endpoints();
        WebSocketCreator creator = (upgradeRequest, upgradeResponse, upgradeCallback) -> {
            Optional<Object> endpoint = endpoints.accept(match, upgradeRequest, upgradeResponse);
            if (endpoint.isPresent()) {
                return endpoint.get();
            }
            // Jetty's contract: a creator that returns null has answered the request and completed the callback.
            int status = upgradeResponse.getStatus() >= HttpStatus.BAD_REQUEST_400 ? upgradeResponse.getStatus()
                    : HttpStatus.FORBIDDEN_403;
            send(upgradeResponse, upgradeCallback, status, "{\"message\":\"" + HttpStatus.getMessage(status) + "\"}");
            return null;
        };
        if (!webSockets.upgrade(creator, request, response, callback)) {
            // Asked for an upgrade, but not a valid one (no Sec-WebSocket-Key, an unsupported version...).
            send(response, callback, HttpStatus.BAD_REQUEST_400, BAD_UPGRADE);
        }
    }

    private static boolean isWebSocketUpgrade(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private static void send(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
