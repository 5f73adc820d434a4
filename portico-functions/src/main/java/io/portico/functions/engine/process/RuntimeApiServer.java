package io.portico.functions.engine.process;

import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's running Runtime API server (see {@link RuntimeApiServers} for why one per worker).
 * {@link #address()} is what the worker gets as {@code AWS_LAMBDA_RUNTIME_API}. Thread safe.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeApiServer.class);

    private final Server server;
    private final String address;

    RuntimeApiServer(Server server, String address) {
        this.server = server;
        this.address = address;
    }

    /** {@code 127.0.0.1:<port>}, Lambda's {@code host:port} form of the endpoint. */
    String address() {
        return address;
    }

    /** Stops serving; a parked {@code /next} loses its connection. Idempotent. */
    @Override
    public void close() {
        stop(server);
    }

    static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("Stopping a Runtime API server failed", e);
        }
    }
}
