package io.portico.server;

import io.portico.core.protocol.AccessKey;
import io.portico.core.protocol.ProtocolFront;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a {@link PorticoServer} needs to start. A port of 0 picks a free port. An empty
 * {@code credentials} list means development mode: signatures are not verified. Immutable; thread safe;
 * no component is null.
 */
public record PorticoConfig(
        String host, int port, String appHost, int appPort, Path dataDir, List<AccessKey> credentials,
        long maxBodyBytes) {

    public PorticoConfig {
        credentials = List.copyOf(credentials);
    }

    /** The defaults of the command line: AWS endpoint on 127.0.0.1:4566, app endpoint on 0.0.0.0:8080. */
    public static PorticoConfig defaults() {
        return new PorticoConfig("127.0.0.1", 4566, "0.0.0.0", 8080, Path.of(".portico"), List.of(),
                ProtocolFront.DEFAULT_MAX_BODY_BYTES);
    }

    /** Loopback on free ports with the given data directory: what tests use. */
    public static PorticoConfig forTests(Path dataDir) {
        return new PorticoConfig("127.0.0.1", 0, "127.0.0.1", 0, dataDir, List.of(),
                ProtocolFront.DEFAULT_MAX_BODY_BYTES);
    }

    public PorticoConfig withCredentials(List<AccessKey> newCredentials) {
        return new PorticoConfig(host, port, appHost, appPort, dataDir, newCredentials, maxBodyBytes);
    }

    public PorticoConfig withPorts(int newPort, int newAppPort) {
        return new PorticoConfig(host, newPort, appHost, newAppPort, dataDir, credentials, maxBodyBytes);
    }
}
