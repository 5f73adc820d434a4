package io.portico.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class SharedDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void require_present_returnsThePath() throws IOException {
        Path cases = Files.createDirectories(temp.resolve("conformance/asl/cases"));

        assertThat(new SharedDirectory(temp, new Prerequisites(true)).require("conformance/asl/cases")).isEqualTo(cases);
    }

    @Test
    void require_missingUnderCi_failsAndSaysWhy() {
        assertThatThrownBy(() -> new SharedDirectory(temp, new Prerequisites(true)).require("conformance/asl/cases"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("missing under CI=true")
                .hasMessageContaining(temp.resolve("conformance/asl/cases").toString())
                .hasMessageContaining("-Dportico.shared.dir");
    }

    @Test
    void require_missingLocally_skipsWithTheReason() {
        assertThatThrownBy(() -> new SharedDirectory(temp, new Prerequisites(false)).require("conformance/asl/cases"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("missing the shared conformance data");
    }

    @Test
    void current_isSharedBesideTheRepositoryRoot() {
        Path root = Repository.root();

        assertThat(root.resolve(SkippedTests.FILE_NAME)).isRegularFile();
        if (System.getProperty(SharedDirectory.PROPERTY) == null) {
            assertThat(SharedDirectory.current().path()).isEqualTo(root.getParent().resolve("shared"));
        }
    }

    @Test
    void rootAbove_findsTheNearestDirectoryWithTheSkipList() throws IOException {
        Files.writeString(temp.resolve(SkippedTests.FILE_NAME), "# Skipped tests\n");
        Path module = Files.createDirectories(temp.resolve("portico-x/src"));

        assertThat(Repository.rootAbove(module)).contains(temp.toAbsolutePath().normalize());
    }
}
