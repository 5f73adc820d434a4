package io.portico.core.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The store implementations available, by URL scheme, and the one way the server opens its store:
 * {@code StoreProviders.installed().open("sqlite:/data/portico.db")}. An unknown scheme is an error that
 * names the schemes available, so a typo in configuration fails at startup with its fix in view.
 * Immutable; thread safe.
 */
public final class StoreProviders {
    private final Map<String, StoreProvider> byScheme;

    private StoreProviders(List<StoreProvider> providers) {
        Map<String, StoreProvider> map = new LinkedHashMap<>();
        for (StoreProvider provider : providers) {
            StoreProvider previous = map.putIfAbsent(provider.scheme(), provider);
            if (previous != null) {
                throw new IllegalStateException("two store providers for scheme '" + provider.scheme() + "': "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        this.byScheme = Map.copyOf(map);
    }

    /** The providers registered on the class path ({@code META-INF/services}). */
    public static StoreProviders installed() {
        return of(ServiceLoader.load(StoreProvider.class, StoreProviders.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    /** Exactly these providers (tests, embedders). */
    public static StoreProviders of(List<StoreProvider> providers) {
        return new StoreProviders(providers);
    }

    /** The schemes that can be opened, sorted. */
    public Set<String> schemes() {
        return new TreeSet<>(byScheme.keySet());
    }

    /**
     * Checks that {@code url} is a store URL with an available scheme, without opening anything.
     *
     * @throws IllegalArgumentException naming the problem and the schemes available
     */
    public StoreUrl check(String url) {
        StoreUrl parsed = StoreUrl.parse(url);
        provider(parsed);
        return parsed;
    }

    /**
     * Opens the store {@code url} names.
     *
     * @throws IllegalArgumentException if the URL is malformed or its scheme unknown (the message names
     *     the schemes available)
     * @throws StoreException if the store cannot be opened
     */
    public Store open(String url) {
        StoreUrl parsed = check(url);
        return provider(parsed).open(parsed);
    }

    private StoreProvider provider(StoreUrl url) {
        StoreProvider provider = byScheme.get(url.scheme());
        if (provider == null) {
            throw new IllegalArgumentException("unknown store scheme '" + url.scheme() + "' in '" + url
                    + "'; available: " + (byScheme.isEmpty() ? "none" : String.join(", ", schemes())));
        }
        return provider;
    }
}
