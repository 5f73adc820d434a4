package io.portico.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.portico.core.store.Store;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the server hands to each service module when wiring it: the open store, the clock, the data
 * directory, the configuration and the metrics registry. Immutable; thread safe; no component is null.
 */
public record PlatformContext(Store store, Clock clock, Path dataDir, PorticoConfig config, MeterRegistry metrics) {
}
