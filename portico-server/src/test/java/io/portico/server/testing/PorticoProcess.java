package io.portico.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Portico as a separate JVM (same classpath as the test), for crash tests: {@link #start} waits for
 * {@code /_portico/health}; {@link #kill9()} sends SIGKILL; {@link #restart()} starts it again on the
 * same ports and data directory. Output goes to {@code portico-<port>.log} next to the data directory.
 * Not thread safe; close it (SIGKILL if still running) when done.
 */
public final class PorticoProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private final int appPort;
    private final List<String> extraArgs;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    private PorticoProcess(Path dataDir, int port, int appPort, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.port = port;
        this.appPort = appPort;
        this.extraArgs = List.copyOf(extraArgs);
        this.log = dataDir.toAbsolutePath().resolveSibling("portico-" + port + ".log");
    }

    /** Starts Portico on free ports with {@code dataDir} and waits until it is healthy. */
    public static PorticoProcess start(Path dataDir, String... extraArgs) {
        PorticoProcess p = new PorticoProcess(dataDir, freePort(), freePort(), List.of(extraArgs));
        p.launch();
        return p;
    }

    /** The AWS endpoint URI. */
    public URI awsEndpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public PorticoClients clients() {
        return new PorticoClients(awsEndpoint(), "test", "test");
    }

    /** SIGKILL: no shutdown hook runs. Waits until the process is gone. */
    public void kill9() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the shutdown hook runs. Returns the exit code. */
    public int terminate() {
        process.destroy();
        return waitForExit();
    }

    /** Starts the process again (killing it first if still alive) and waits until it is healthy. */
    public PorticoProcess restart() {
        if (process != null && process.isAlive()) {
            kill9();
        }
        launch();
        return this;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Everything the process printed so far, across restarts. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (isAlive()) {
            kill9();
        }
    }

    private void launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        // The test JVM's shortened Lambda retry delay applies to the child server too.
        String retryDelay = System.getProperty(io.portico.server.ServiceWiring.ASYNC_RETRY_DELAY_PROPERTY);
        if (retryDelay != null) {
            command.add("-D" + io.portico.server.ServiceWiring.ASYNC_RETRY_DELAY_PROPERTY + "=" + retryDelay);
        }
        command.addAll(List.of("io.portico.server.Main", "server", "--port", Integer.toString(port),
                "--app-port", Integer.toString(appPort), "--app-host", "127.0.0.1",
                "--data-dir", dataDir.toString()));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Portico exited with " + process.exitValue() + ":\n" + output());
            }
            return healthy();
        });
    }

    private boolean healthy() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(awsEndpoint().resolve("/_portico/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Portico did not exit");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
