package io.portico.server;

import io.portico.core.Shutdown;
import io.portico.core.protocol.AccessKey;
import io.portico.core.protocol.ProtocolFront;
import io.portico.core.store.StoreProviders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code portico} command line. {@code portico server} starts a {@link PorticoServer} and blocks
 * until SIGTERM/SIGINT, which stops it in order (stop accepting, give requests in flight the shutdown
 * grace, close services in reverse, close the store; see {@link PorticoServer#close()}) and exits. A
 * stop that has not finished {@link #HALT_MARGIN} after the grace halts the JVM: the process exits in
 * bounded time whatever a component does. Output goes through the logger; picocli prints help and
 * version itself.
 */
@Command(name = "portico", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The serverless Backend-for-Frontend stack as one self-hostable program.",
        subcommands = {Main.ServerCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** How long closing may take beyond the grace: each component waits at most a few seconds. */
    static final Duration HALT_MARGIN = Duration.ofSeconds(10);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** {@code portico server}: run until terminated. */
    @Command(name = "server", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Start Portico and block until terminated.")
    static final class ServerCommand implements Callable<Integer> {

        @Option(names = "--port", defaultValue = "4566", description = "AWS endpoint port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1",
                description = "AWS endpoint bind address (default: ${DEFAULT-VALUE}, loopback only).")
        String host;

        @Option(names = "--app-port", defaultValue = "8080", description = "App endpoint port (default: ${DEFAULT-VALUE}).")
        int appPort;

        @Option(names = "--app-host", defaultValue = "0.0.0.0",
                description = "App endpoint bind address (default: ${DEFAULT-VALUE}).")
        String appHost;

        @Option(names = "--data-dir", defaultValue = ".portico", description = "Data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--store", paramLabel = "URL", description = "Where state is kept, named by URL scheme:"
                + " sqlite:<path> (default: sqlite:<data-dir>/portico.db).")
        String store;

        @Option(names = "--credentials", paramLabel = "ACCESS_KEY:SECRET[:ACCOUNT]",
                description = "A credential whose signatures are accepted; repeatable. Also read from"
                        + " PORTICO_CREDENTIALS (comma-separated). None: signatures are not verified.")
        List<String> credentials = new ArrayList<>();

        @Option(names = "--max-body-bytes", defaultValue = "" + ProtocolFront.DEFAULT_MAX_BODY_BYTES,
                description = "Largest accepted AWS request body (default: ${DEFAULT-VALUE}).")
        long maxBodyBytes;

        @Option(names = "--shutdown-grace", paramLabel = "SECONDS", defaultValue = "5",
                description = "On SIGTERM, how long requests in flight may finish before they are abandoned"
                        + " (default: ${DEFAULT-VALUE}).")
        long shutdownGraceSeconds;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PorticoServer server = PorticoServer.create(config(System.getenv("PORTICO_CREDENTIALS")));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("portico-shutdown").unstarted(() -> {
                long started = System.nanoTime();
                Duration grace = server.config().shutdownGrace();
                LOG.info("Stopping Portico: requests in flight have {} s to finish", grace.toSeconds());
                Thread watchdog = haltAfter(grace.plus(HALT_MARGIN));
                server.close();
                watchdog.interrupt();
                LOG.info("Portico stopped in {}", Shutdown.since(started));
                stopped.countDown();
            }));
            startAndAnnounce(server);
            stopped.await();
            return 0;
        }

        /**
         * The configuration these options describe.
         *
         * @throws ParameterException if {@code --store} is not a URL whose scheme a store module on the class
         *     path opens (the message names the schemes available)
         */
        PorticoConfig config(String credentialsEnvironment) {
            List<AccessKey> keys = parseCredentials(credentials, credentialsEnvironment);
            String storeUrl = store == null ? PorticoConfig.defaultStore(dataDir) : store;
            try {
                StoreProviders.installed().check(storeUrl);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--store: " + e.getMessage());
            }
            if (shutdownGraceSeconds < 0) {
                throw new ParameterException(spec.commandLine(), "--shutdown-grace must not be negative");
            }
            return new PorticoConfig(host, port, appHost, appPort, dataDir, keys, maxBodyBytes, storeUrl,
                    Duration.ofSeconds(shutdownGraceSeconds));
        }
    }

    /**
     * A daemon thread that halts the JVM once {@code limit} has passed on the wall clock, unless
     * interrupted first: the bound on a stop that a stuck component would otherwise hold up forever.
     */
    static Thread haltAfter(Duration limit) {
        return Thread.ofPlatform().daemon().name("portico-shutdown-watchdog").start(() -> {
            try {
                Thread.sleep(limit); // real time, on purpose: the process must exit, whatever the engines' clock says
            } catch (InterruptedException e) {
                return;
            }
            LOG.error("Portico did not stop within {} s; halting", limit.toSeconds());
            Runtime.getRuntime().halt(1);
        });
    }

    /**
     * Starts {@code server} and logs the development-mode warning (if no credentials) and the one
     * ready line. Never logs a secret.
     */
    static void startAndAnnounce(PorticoServer server) {
        List<AccessKey> keys = server.config().credentials();
        if (keys.isEmpty()) {
            LOG.warn("No credentials configured: request signatures are NOT verified (development mode)");
        }
        server.start();
        LOG.info("Portico {} ready: AWS endpoint {}, app endpoint {}, store {}, {}", Version.version(),
                server.awsEndpoint(), server.appEndpoint(), server.storeDescription(),
                keys.isEmpty() ? "signatures not verified" : "signatures verified for " + keys.size() + " access key(s)");
    }

    /** Parses the {@code --credentials} values and the comma-separated environment variable. */
    static List<AccessKey> parseCredentials(List<String> options, String environment) {
        List<String> all = new ArrayList<>(options);
        if (environment != null && !environment.isBlank()) {
            all.addAll(List.of(environment.split(",")));
        }
        List<AccessKey> keys = new ArrayList<>();
        for (String text : all) {
            if (!text.isBlank()) {
                keys.add(AccessKey.parse(text));
            }
        }
        return keys;
    }

    /** The version baked into the build. */
    static final class Version implements CommandLine.IVersionProvider {

        static String version() {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                return "unknown";
            }
            return properties.getProperty("version", "unknown");
        }

        @Override
        public String[] getVersion() {
            return new String[] {"portico " + version()};
        }
    }
}
