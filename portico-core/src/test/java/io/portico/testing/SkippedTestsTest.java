package io.portico.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SkippedTestsTest {
    private static final SkippedTests LIST = SkippedTests.parse(List.of(
            "# Skipped tests",
            "Prose mentioning `a.B` is not an entry.",
            "- `a.Whole`: the whole class",
            "- `a.Some#method`: one method",
            "- `a.Some#case/`: one directory of cases"), "list");

    @Test
    void parse_readsEntriesWithTheirReasons() {
        assertThat(LIST.entries()).containsExactly(
                new SkippedTests.Entry("a.Whole", Optional.empty(), "the whole class"),
                new SkippedTests.Entry("a.Some", Optional.of("method"), "one method"),
                new SkippedTests.Entry("a.Some", Optional.of("case/"), "one directory of cases"));
    }

    @Test
    void parse_entryWithoutReason_isRejectedWithItsLine() {
        assertThatThrownBy(() -> SkippedTests.parse(List.of("# list", "- `a.B#c`"), "skipped-tests.md"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("skipped-tests.md:2: expected");
    }

    @Test
    void find_classEntry_coversEveryTestAndTheClassItself() {
        assertThat(LIST.find(new TestCoordinates("a.Whole", Optional.empty(), List.of()))).isPresent();
        assertThat(LIST.find(new TestCoordinates("a.Whole", Optional.of("x"), List.of("x()")))).isPresent();
    }

    @Test
    void find_methodEntry_coversThatMethodOnly() {
        assertThat(LIST.find(new TestCoordinates("a.Some", Optional.of("method"), List.of("method()")))).isPresent();
        assertThat(LIST.find(new TestCoordinates("a.Some", Optional.of("other"), List.of("other()")))).isEmpty();
        assertThat(LIST.find(new TestCoordinates("a.Some", Optional.empty(), List.of()))).isEmpty();
    }

    @Test
    void find_displayNamePrefix_coversDynamicTestsBelowTheFactory() {
        assertThat(LIST.find(new TestCoordinates("a.Some", Optional.of("corpus"), List.of("case/x", "corpus()"))))
                .map(SkippedTests.Entry::reason).contains("one directory of cases");
        assertThat(LIST.find(new TestCoordinates("a.Some", Optional.of("corpus"), List.of("other/x", "corpus()")))).isEmpty();
    }

    /** An entry outlives its test when the test is renamed or deleted: the list names only real test classes. */
    @Test
    void repositoryList_namesExistingTestClasses() throws IOException {
        Path root = Repository.root();
        SkippedTests list = SkippedTests.load(root.resolve(SkippedTests.FILE_NAME));
        List<Path> testSources;
        try (Stream<Path> modules = Files.list(root)) {
            testSources = modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList();
        }

        assertThat(list.entries()).allSatisfy(entry -> {
            String source = entry.testClass().replaceAll("\\$.*", "").replace('.', '/') + ".java";
            assertThat(testSources).as("a module's src/test/java holding " + source)
                    .anyMatch(dir -> Files.isRegularFile(dir.resolve(source)));
        });
    }

    @Test
    void find_otherClass_isNotCovered() {
        assertThat(LIST.find(new TestCoordinates("a.Wholesale", Optional.empty(), List.of()))).isEmpty();
    }
}
