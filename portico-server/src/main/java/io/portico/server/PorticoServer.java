package io.portico.server;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portico.core.Component;
import io.portico.core.Shutdown;
import io.portico.core.app.AppEndpoint;
import io.portico.core.app.AppRoutes;
import io.portico.core.protocol.InProcessCalls;
import io.portico.core.service.BoundLater;
import io.portico.core.service.CallBus;
import io.portico.core.service.ServiceApi;
import io.portico.core.service.Services;
import io.portico.core.protocol.ProtocolFront;
import io.portico.core.protocol.TemporaryCredentials;
import io.portico.core.store.Store;
import io.portico.core.store.StoreProviders;
import io.portico.core.time.Timers;
import io.portico.core.work.NodeId;
import io.portico.core.work.WorkQueue;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Portico: the store, the service modules and the two HTTP endpoints (AWS and app) in one
 * Jetty server whose handlers run on virtual threads. Used by {@link Main} and embedded by tests.
 *
 * <p>Start order: open the store the configuration names, bind the ports, create the timers and the work queue, wire the
 * services (they register their background work), start the {@link Component}s, start serving, and
 * last start the work queue, whose handlers use the started services and the open endpoints;
 * {@link #close()} undoes it in reverse: stop accepting, give requests in flight the configured
 * shutdown grace and name those it abandons, stop the work queue, close components in reverse (each
 * names what it cuts off: executions, invocations), close the timers, close the store. Thread safe: {@code start} and {@code close} hold one
 * lock (a lock, not a monitor, so a virtual thread closing the server does not pin its carrier);
 * {@code close} is idempotent.
 */
public final class PorticoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PorticoServer.class);
    /** Jetty's own graceful wait in stop: none, {@link #stopServing} has given requests their grace. */
    private static final long JETTY_STOP_TIMEOUT_MS = 0;

    private final PorticoConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Component> started = new ArrayList<>();
    private final TemporaryCredentials temporaryCredentials = new TemporaryCredentials();
    private final AppRoutes appRoutes = AppRoutes.create();
    private final ReentrantLock lifecycle = new ReentrantLock(); // guards start and close
    private Store store;
    private Services services;
    private InProcessCalls calls;
    private Timers timers;
    private WorkQueue work;
    private Server jetty;
    private ServerConnector awsConnector;
    private ServerConnector appConnector;
    private InFlightRequests requests;
    private volatile boolean ready;
    private boolean closed;

    private final Function<PlatformContext, List<ServiceApi>> wiring;

    private PorticoServer(PorticoConfig config, Clock clock, Function<PlatformContext, List<ServiceApi>> wiring) {
        this.config = config;
        this.clock = clock;
        this.wiring = wiring;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** A server running the services of {@link ServiceWiring}, on the system clock. */
    public static PorticoServer create(PorticoConfig config) {
        return new PorticoServer(config, Clock.systemUTC(), ServiceWiring::services);
    }

    /**
     * A server with its own clock and service wiring, for tests that need a controllable clock or a
     * fake service.
     */
    public static PorticoServer create(
            PorticoConfig config, Clock clock, Function<PlatformContext, List<ServiceApi>> wiring) {
        return new PorticoServer(config, clock, wiring);
    }

    /**
     * Starts everything and returns once both endpoints accept requests.
     *
     * @throws IllegalStateException if already started, or wrapping whatever made start fail (the
     *     parts already started are closed again)
     */
    public PorticoServer start() {
        lifecycle.lock();
        try {
            return startLocked();
        } finally {
            lifecycle.unlock();
        }
    }

    private PorticoServer startLocked() {
        if (store != null) {
            throw new IllegalStateException("already started");
        }
        try {
            store = StoreProviders.installed().open(config.store());
            // Ports are bound before services start, so a service resuming work (a Step Functions
            // execution, say) already knows the endpoint it hands to functions; requests wait in the
            // accept backlog until Jetty starts below.
            bindConnectors();
            timers = Timers.create(clock, "portico");
            work = WorkQueue.create(store, timers, NodeId.stored(config.dataDir()));
            BoundLater bus = new BoundLater();
            PlatformContext context = new PlatformContext(store, clock, config.dataDir(), config, registry,
                    this::awsEndpoint, temporaryCredentials, bus, work, timers, appRoutes);
            services = new Services(wiring.apply(context));
            calls = new InProcessCalls(services);
            bus.bind(calls);
            for (ServiceApi service : services.all()) {
                service.start();
                started.add(service);
            }
            ProtocolFront front = ProtocolFront.builder()
                    .services(services)
                    .credentials(config.credentials())
                    .temporaryCredentials(temporaryCredentials)
                    .clock(clock)
                    .maxBodyBytes(config.maxBodyBytes())
                    .listener(new RequestMetrics(registry))
                    .build();
            startJetty(new AdminHandler(front, registry, () -> ready, services.all().stream()
                    .flatMap(api -> api.paths().stream()).toList()));
            // Background work (queued Lambda events, ...) starts last: its handlers use the services
            // started above, and functions they run may call the endpoints now serving.
            work.start();
            ready = true;
            return this;
        } catch (Exception e) {
            closeLocked();
            throw new IllegalStateException("Portico failed to start: " + e.getMessage(), e);
        }
    }

    private void bindConnectors() throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("portico-http");
        // Handlers block (store writes, service calls); virtual threads make that cheap.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        jetty = new Server(threads);
        jetty.setStopAtShutdown(false); // our own shutdown hook orders the stop
        jetty.setErrorHandler(new AwsErrorPages());
        awsConnector = connector(config.host(), config.port(), "aws");
        appConnector = connector(config.appHost(), config.appPort(), "app");
        jetty.addConnector(awsConnector);
        jetty.addConnector(appConnector);
        awsConnector.open();
        appConnector.open();
    }

    private void startJetty(Handler awsHandler) throws Exception {
        Handler app = AppEndpoint.create(jetty, appRoutes);
        // GracefulHandler lets requests in flight finish (for the shutdown grace) when we stop.
        jetty.setStopTimeout(JETTY_STOP_TIMEOUT_MS);
        requests = new InFlightRequests(new Handler.Wrapper(awsHandler) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (request.getConnectionMetaData().getConnector() == appConnector) {
                    return app.handle(request, response, callback);
                }
                return super.handle(request, response, callback);
            }
        });
        registry.gauge("portico.http.requests.in.flight", requests, InFlightRequests::size);
        jetty.setHandler(new GracefulHandler(requests));
        app.setServer(jetty);
        jetty.addBean(app);
        jetty.start();
    }

    private ServerConnector connector(String host, int port, String name) {
        HttpConfiguration http = new HttpConfiguration();
        // AWS APIs take names with encoded slashes and the like (ARNs, keys, paths in HTTP APIs); Portico's
        // handlers route on the raw path and decode each segment themselves, so Jetty need not refuse them.
        http.setUriCompliance(UriCompliance.DEFAULT.with("PORTICO",
                UriCompliance.AMBIGUOUS_VIOLATIONS.toArray(UriCompliance.Violation[]::new)));
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setName(name);
        return connector;
    }

    /** The AWS endpoint, e.g. {@code http://127.0.0.1:4566}. Only valid once started. */
    public URI awsEndpoint() {
        return endpoint(config.host(), awsConnector);
    }

    /** The app endpoint, e.g. {@code http://0.0.0.0:8080}. Only valid once started. */
    public URI appEndpoint() {
        return endpoint(config.appHost(), appConnector);
    }

    private static URI endpoint(String host, ServerConnector connector) {
        if (connector == null) {
            throw new IllegalStateException("not started");
        }
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + connector.getLocalPort());
    }

    /** The app endpoint's routes: what services registered, in precedence order, and where to add more. */
    public AppRoutes appRoutes() {
        return appRoutes;
    }

    /** The store's description, e.g. {@code sqlite:/data/portico.db}. Only valid once started. */
    public String storeDescription() {
        return store.describe();
    }

    /** The services this server runs. Only valid once started. */
    public Services services() {
        if (services == null) {
            throw new IllegalStateException("not started");
        }
        return services;
    }

    /** The call bus over {@link #services}: tools and tests call them in process through it. Only valid once started. */
    public CallBus bus() {
        if (calls == null) {
            throw new IllegalStateException("not started");
        }
        return calls;
    }

    public PorticoConfig config() {
        return config;
    }

    public PrometheusMeterRegistry metrics() {
        return registry;
    }

    /** Whether the server has started and not yet begun to close. */
    public boolean isReady() {
        return ready;
    }

    @Override
    public void close() {
        lifecycle.lock();
        try {
            closeLocked();
        } finally {
            lifecycle.unlock();
        }
    }

    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        ready = false;
        if (jetty != null) {
            stopServing();
            // A start that failed before Jetty started leaves the bound ports to close here.
            awsConnector.close();
            appConnector.close();
        }
        if (work != null) {
            work.close(); // before the services its handlers use
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("Error closing {}", started.get(i).getClass().getSimpleName(), e);
            }
        }
        if (timers != null) {
            timers.close();
        }
        if (store != null) {
            store.close();
        }
        registry.close();
    }

    /**
     * Stops accepting requests, lets those in flight finish for the configured shutdown grace, names
     * every one still running when it is over (they are abandoned: their connections close, and what
     * they were doing is cut off when the services close), and stops Jetty.
     */
    private void stopServing() {
        if (jetty.isStarted()) {
            try {
                Graceful.shutdown(jetty).get(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                for (InFlightRequests.InFlight request : requests.current()) {
                    Shutdown.abandoned(LOG, "request " + request.describe() + ": in flight "
                            + Shutdown.since(request.startedNanos()));
                }
            } catch (ExecutionException e) {
                LOG.warn("Error waiting for requests in flight", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Error stopping HTTP endpoints", e);
        }
    }
}
