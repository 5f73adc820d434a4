package io.portico.core.store;

/**
 * Opens one kind of {@link Store}, named by a URL scheme: the service-provider interface that lets the
 * server choose its store by configuration ({@code --store sqlite:/data/portico.db}) while no service
 * knows which store it runs on. An implementation module registers its provider in
 * {@code META-INF/services/io.portico.core.store.StoreProvider}; {@link StoreProviders} finds it.
 *
 * <p>Implementations are stateless and thread safe, with a public no-argument constructor (as
 * {@link java.util.ServiceLoader} requires).
 */
public interface StoreProvider {

    /** The URL scheme this provider opens, lower case, e.g. {@code sqlite}. */
    String scheme();

    /**
     * Opens (creating if needed) the store at {@code url}, whose scheme is {@link #scheme()}, and brings
     * its own bookkeeping up to date. The caller closes it.
     *
     * @throws IllegalArgumentException if the location is not one this provider understands
     * @throws StoreException if the store cannot be opened
     */
    Store open(StoreUrl url);
}
