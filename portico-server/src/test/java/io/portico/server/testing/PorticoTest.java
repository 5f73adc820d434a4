package io.portico.server.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one real in-process Portico for the annotated test class, on free loopback ports with a
 * temporary data directory, and stops it after the last test. Test methods (and constructors) may
 * declare parameters of type {@link io.portico.server.PorticoServer}, {@link java.net.URI} (the AWS
 * endpoint) or {@link PorticoClients}; non-static fields of those types are injected too.
 *
 * <pre>{@code
 * @PorticoTest
 * class MyTest {
 *     @Test void works(PorticoClients clients) { clients.sfn().listStateMachines(); }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PorticoExtension.class)
public @interface PorticoTest {

    /** Credentials in {@code ACCESS_KEY:SECRET[:ACCOUNT]} form; none (the default) is development mode. */
    String[] credentials() default {};
}
