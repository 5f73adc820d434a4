package io.portico.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
