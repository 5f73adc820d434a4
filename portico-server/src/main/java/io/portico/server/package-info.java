/**
 * The runnable Portico: the {@code portico} command line ({@link io.portico.server.Main}), the embeddable
 * {@link io.portico.server.PorticoServer}, and {@link io.portico.server.ServiceWiring}, the one place
 * service modules are connected to the platform and to each other.
 */
package io.portico.server;
