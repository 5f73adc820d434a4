package io.portico.core.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one registry of the app endpoint's routes. Services register HTTP routes and WebSocket endpoints
 * by {@link HostPattern} and {@link PathPattern} while Portico runs (an API Gateway stage appears when it
 * is deployed and disappears when it is deleted) and remove them by closing the {@link Registration}.
 *
 * <p>Precedence. A request is served by the most specific route that matches it: hosts are compared
 * first, then paths, each segment by segment from the left, where a literal beats a label, a label beats
 * a greedy label, and a greedy label beats a prefix's open end (so an exact host beats a host template,
 * which beats {@link HostPattern#any()}); routes that are equally specific are tried in registration
 * order. Two routes of the same kind with the same host and path patterns are refused, so precedence is
 * never decided by registration order between identical patterns.
 *
 * <p>How. Routes change rarely and are read on every request, so the registry keeps an immutable list
 * sorted by precedence, replaced whole under a lock on each change; a lookup reads the current list
 * without locking and takes the first route that matches. A linear scan is fine for the tens or hundreds
 * of routes a Portico serves; an index by first literal segment can come when that stops being true.
 *
 * <p>Thread safe.
 */
public final class AppRoutes {
    private static final Comparator<Entry> PRECEDENCE = Comparator
            .comparing((Entry e) -> e.route().host())
            .thenComparing(e -> e.route().path())
            .thenComparingLong(Entry::order);

    private final ReentrantLock changes = new ReentrantLock();
    private volatile List<Entry> sorted = List.of();
    private long nextOrder; // guarded by changes

    private record Entry(AppRoute route, long order) {
    }

    /** A registered route; closing it removes the route (idempotent). */
    public interface Registration extends AutoCloseable {

        AppRoute route();

        @Override
        void close();
    }

    private AppRoutes() {
    }

    /** An empty registry. */
    public static AppRoutes create() {
        return new AppRoutes();
    }

    /** Registers an HTTP route; see {@link #register}. */
    public Registration http(HostPattern host, PathPattern path, String owner, RouteHandler handler) {
        return register(new AppRoute(host, path, new AppRoute.Http(handler), owner));
    }

    /** Registers a WebSocket endpoint; see {@link #register}. */
    public Registration webSocket(HostPattern host, PathPattern path, String owner, WebSocketEndpoints endpoints) {
        return register(new AppRoute(host, path, new AppRoute.WebSocket(endpoints), owner));
    }

    /**
     * Adds {@code route}; it serves requests from the moment this returns until its registration is closed.
     *
     * @throws IllegalArgumentException if the host and path patterns use one label name twice
     * @throws IllegalStateException if a route of the same kind with the same patterns is registered
     */
    public Registration register(AppRoute route) {
        Set<String> names = new HashSet<>(route.host().labelNames());
        for (String name : route.path().labelNames()) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("label {" + name + "} appears in both host and path: " + route);
            }
        }
        changes.lock();
        try {
            for (Entry existing : sorted) {
                if (sameSlot(existing.route(), route)) {
                    throw new IllegalStateException("app route " + route + " conflicts with " + existing.route());
                }
            }
            Entry entry = new Entry(route, nextOrder++);
            List<Entry> next = new ArrayList<>(sorted);
            next.add(entry);
            next.sort(PRECEDENCE);
            sorted = List.copyOf(next);
            return new EntryRegistration(entry);
        } finally {
            changes.unlock();
        }
    }

    private static boolean sameSlot(AppRoute a, AppRoute b) {
        return a.host().equals(b.host()) && a.path().equals(b.path())
                && a.target().getClass() == b.target().getClass();
    }

    private void remove(Entry entry) {
        changes.lock();
        try {
            List<Entry> next = new ArrayList<>(sorted);
            if (next.remove(entry)) {
                sorted = List.copyOf(next);
            }
        } finally {
            changes.unlock();
        }
    }

    /** Every route, in precedence order. */
    public List<AppRoute> routes() {
        return sorted.stream().map(Entry::route).toList();
    }

    /**
     * The most specific route of the given kind serving {@code host} (without port) and {@code rawPath}
     * (as sent, percent-encoded), with its labels.
     */
    public Optional<RouteMatch> match(String host, String rawPath, Class<? extends AppRoute.Target> kind) {
        for (Entry entry : sorted) {
            AppRoute route = entry.route();
            if (!kind.isInstance(route.target())) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (route.host().match(host, labels) && route.path().match(rawPath, labels)) {
                return Optional.of(new RouteMatch(route, labels));
            }
        }
        return Optional.empty();
    }

    private final class EntryRegistration implements Registration {
        private final Entry entry;

        EntryRegistration(Entry entry) {
            this.entry = entry;
        }

        @Override
        public AppRoute route() {
            return entry.route();
        }

        @Override
        public void close() {
            remove(entry);
        }
    }
}
