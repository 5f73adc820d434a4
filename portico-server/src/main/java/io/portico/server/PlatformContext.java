package io.portico.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.portico.core.app.AppRoutes;
import io.portico.core.protocol.TemporaryCredentials;
import io.portico.core.service.CallBus;
import io.portico.core.store.Store;
import io.portico.core.time.Timers;
import io.portico.core.work.WorkQueue;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the server hands to each service module when wiring it: the open store, the clock, the data
 * directory, the configuration, the metrics registry, the AWS endpoint's address (known once the
 * server listens; functions use it so that an AWS SDK inside them reaches this Portico), the
 * session credentials the endpoint accepts from what Portico runs (functions get them as their
 * role's session), the call bus through which services call each other (usable once every service
 * is wired, that is from {@code start()} on), the durable work queue services register their background
 * work on (started by the server once the services are), timers on the clock, and the app endpoint's
 * route registry, where a service puts what frontends call (HTTP and WebSocket APIs, function URLs), at
 * wiring time or later while running. Immutable; thread safe; no component is null.
 */
public record PlatformContext(Store store, Clock clock, Path dataDir, PorticoConfig config, MeterRegistry metrics,
        Supplier<URI> awsEndpoint, TemporaryCredentials temporaryCredentials, CallBus bus, WorkQueue work,
        Timers timers, AppRoutes appRoutes) {
}
