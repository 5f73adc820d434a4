package io.portico.server;

import io.portico.core.protocol.AccessKey;
import io.portico.core.protocol.ProtocolFront;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link PorticoServer} needs to start. A port of 0 picks a free port. An empty
 * {@code credentials} list means development mode: signatures are not verified. {@code store} is the
 * store's URL ({@code sqlite:/data/portico.db}; see {@link io.portico.core.store.StoreProviders}), by
 * default {@link #defaultStore the SQLite file in the data directory}. {@code shutdownGrace} is how
 * long a stop lets requests in flight finish before it abandons them (see {@link PorticoServer#close()}).
 * Immutable; thread safe; no component is null.
 */
public record PorticoConfig(
        String host, int port, String appHost, int appPort, Path dataDir, List<AccessKey> credentials,
        long maxBodyBytes, String store, Duration shutdownGrace) {

    /** How long a stop waits for requests in flight unless configured otherwise. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    public PorticoConfig {
        credentials = List.copyOf(credentials);
        Objects.requireNonNull(store, "store");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative: " + shutdownGrace);
        }
    }

    /** A configuration with the default shutdown grace. */
    public PorticoConfig(String host, int port, String appHost, int appPort, Path dataDir, List<AccessKey> credentials,
            long maxBodyBytes, String store) {
        this(host, port, appHost, appPort, dataDir, credentials, maxBodyBytes, store, DEFAULT_SHUTDOWN_GRACE);
    }

    /** A configuration whose store is the default one in {@code dataDir}. */
    public PorticoConfig(String host, int port, String appHost, int appPort, Path dataDir, List<AccessKey> credentials,
            long maxBodyBytes) {
        this(host, port, appHost, appPort, dataDir, credentials, maxBodyBytes, defaultStore(dataDir));
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

    /** The store when none is configured: {@code sqlite:<dataDir>/portico.db}. */
    public static String defaultStore(Path dataDir) {
        return "sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME);
    }

    public PorticoConfig withCredentials(List<AccessKey> newCredentials) {
        return new PorticoConfig(host, port, appHost, appPort, dataDir, newCredentials, maxBodyBytes, store, shutdownGrace);
    }

    public PorticoConfig withPorts(int newPort, int newAppPort) {
        return new PorticoConfig(host, newPort, appHost, newAppPort, dataDir, credentials, maxBodyBytes, store,
                shutdownGrace);
    }

    public PorticoConfig withStore(String newStore) {
        return new PorticoConfig(host, port, appHost, appPort, dataDir, credentials, maxBodyBytes, newStore, shutdownGrace);
    }

    public PorticoConfig withShutdownGrace(Duration newGrace) {
        return new PorticoConfig(host, port, appHost, appPort, dataDir, credentials, maxBodyBytes, store, newGrace);
    }
}
