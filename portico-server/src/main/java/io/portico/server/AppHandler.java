package io.portico.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The app endpoint, where frontends will reach HTTP APIs, WebSocket APIs and GraphQL. Until the
 * gateway module exists it answers every request with a 404 in plain JSON, nothing AWS-specific.
 * Thread safe: stateless.
 */
final class AppHandler extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        AdminHandler.send(response, callback, 404, "application/json", "{\"message\":\"Not Found\"}");
        return true;
    }
}
