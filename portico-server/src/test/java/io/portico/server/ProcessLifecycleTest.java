package io.portico.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Portico as its own process: ready line, kill -9 and restart on the same data, clean SIGTERM. */
class ProcessLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void process_survivesKill9AndStopsCleanlyOnSigterm() {
        try (PorticoProcess portico = PorticoProcess.start(dir.resolve("data"))) {
            assertThat(portico.output()).contains("ready: AWS endpoint http://127.0.0.1:")
                    .contains("signatures are NOT verified");

            portico.kill9();
            assertThat(portico.isAlive()).isFalse();
            portico.restart();
            assertThat(portico.isAlive()).isTrue();

            portico.terminate();
            assertThat(portico.output()).contains("Stopping Portico");
        }
    }
}
