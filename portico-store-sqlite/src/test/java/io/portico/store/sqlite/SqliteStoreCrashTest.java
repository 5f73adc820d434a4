package io.portico.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged write survives SIGKILL of the process that made it. */
class SqliteStoreCrashTest {

    @TempDir
    Path dir;

    @Test
    void write_acknowledgedBeforeKill9_isPresentAfterReopen() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<Long> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 500 && (line = out.readLine()) != null) {
                acknowledged.add(Long.parseLong(line.strip()));
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no final fsync
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSize(500);

        try (SqliteStore store = SqliteStore.open(dir)) {
            List<Long> present = store.read(tx -> tx.query("SELECT id FROM acks", row -> row.longValue("id")));
            assertThat(new HashSet<>(present)).containsAll(acknowledged);
        }
    }
}
