package io.portico.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    @Test
    void version_printsProjectVersion() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("--version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("portico 0.").doesNotContain("${");
    }

    @Test
    void parseCredentials_readsOptionsAndEnvironment() {
        var keys = Main.parseCredentials(List.of("AK1:S1"), "AK2:S2:123456789012, AK3:S3");

        assertThat(keys).extracting(k -> k.accessKeyId()).containsExactly("AK1", "AK2", "AK3");
        assertThat(keys).extracting(k -> k.accountId()).containsExactly("000000000000", "123456789012", "000000000000");
    }

    @Test
    void serverOptions_withoutStore_keepStateInTheDataDirectory() {
        PorticoConfig config = serverOptions("--data-dir", "/srv/portico").config(null);

        assertThat(config.store()).isEqualTo("sqlite:" + Path.of("/srv/portico", "portico.db"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/portico"));
    }

    @Test
    void serverOptions_store_isUsedAsGiven() {
        PorticoConfig config = serverOptions("--store", "sqlite:/var/lib/portico/state.db").config(null);

        assertThat(config.store()).isEqualTo("sqlite:/var/lib/portico/state.db");
    }

    @Test
    void server_unknownStoreScheme_failsAtStartupNamingTheSchemesAvailable() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err))
                .execute("server", "--store", "postgresql://db.example/portico");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString())
                .contains("--store: unknown store scheme 'postgresql' in 'postgresql://db.example/portico'")
                .contains("available: sqlite");
    }

    @Test
    void server_storeOption_opensThatStore(@TempDir Path dir) {
        Path file = dir.resolve("elsewhere").resolve("state.db");
        PorticoConfig config = serverOptions("--data-dir", dir.resolve("data").toString(), "--store", "sqlite:" + file,
                "--port", "0", "--app-port", "0", "--app-host", "127.0.0.1").config(null);

        try (PorticoServer server = PorticoServer.create(config, Clock.systemUTC(), context -> List.of())) {
            Main.startAndAnnounce(server);

            assertThat(server.storeDescription()).isEqualTo("sqlite:" + file.toAbsolutePath());
            assertThat(file).isRegularFile();
            assertThat(dir.resolve("data").resolve("portico.db")).doesNotExist();
        }
    }

    private static Main.ServerCommand serverOptions(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(prepend("server", args));
        return (Main.ServerCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
