package io.portico.core.app;

import java.util.Optional;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/**
 * Creates the WebSocket endpoint for each upgrade request of one app-endpoint route: an object of the
 * Jetty WebSocket API (a {@code org.eclipse.jetty.websocket.api.Session.Listener}, or a class annotated
 * with {@code @WebSocket}), one per connection. An empty answer refuses the connection (API Gateway's
 * {@code $connect} route refusing a client, say): the client gets the status set on {@code response} if
 * it is 400 or above, else 403, with a JSON body naming it ({@code {"message":"Forbidden"}}); headers set
 * on {@code response} are sent too.
 *
 * <p>Called on a virtual thread, concurrently for concurrent upgrades; may block. Endpoint callbacks run
 * on Jetty's threads (virtual threads in Portico).
 */
@FunctionalInterface
public interface WebSocketEndpoints {

    Optional<Object> accept(RouteMatch match, ServerUpgradeRequest request, ServerUpgradeResponse response)
            throws Exception;
}
