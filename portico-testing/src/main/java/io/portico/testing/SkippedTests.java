package io.portico.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one list of tests allowed to skip, each with its reason: {@value #FILE_NAME} at the repository
 * root. An entry is a Markdown list item whose code span names the test, then a colon and the reason:
 * <pre>
 * - `io.portico.server.cli.AwsCliTest`: needs Debian's awscli; .ci/run installs it
 * - `io.portico.states.SomeTest#someMethod`: why this one method may skip
 * </pre>
 * {@code <class>} alone covers every test in the class (and a failed assumption in its lifecycle
 * methods); {@code <class>#<selector>} covers the test method of that name, or the tests (dynamic,
 * parameterized) whose display name starts with the selector. Every other line is prose.
 *
 * <p>Immutable and thread-safe.
 */
public final class SkippedTests {
    /** The list's file name at the repository root. */
    public static final String FILE_NAME = "skipped-tests.md";

    private static final Pattern ITEM = Pattern.compile("^- `");
    private static final Pattern ENTRY = Pattern.compile("^- `([\\w.$]+)(?:#([^`]+))?`: *(\\S.*)$");

    /**
     * One allowed skip.
     *
     * @param testClass the test class's binary name ({@code Outer$Nested} for a nested class)
     * @param selector empty for the whole class, else a method name or display-name prefix
     * @param reason why the test may skip (never blank)
     */
    public record Entry(String testClass, Optional<String> selector, String reason) {
        /** Whether this entry covers the test at {@code coordinates}. */
        public boolean covers(TestCoordinates coordinates) {
            if (!testClass.equals(coordinates.testClass())) {
                return false;
            }
            if (selector.isEmpty()) {
                return true;
            }
            String wanted = selector.get();
            return coordinates.method().filter(wanted::equals).isPresent()
                    || coordinates.displayNames().stream().anyMatch(name -> name.startsWith(wanted));
        }

        @Override
        public String toString() {
            return testClass + selector.map(s -> "#" + s).orElse("") + ": " + reason;
        }
    }

    private final List<Entry> entries;

    private SkippedTests(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the list from {@code file}.
     *
     * @throws UncheckedIOException when it cannot be read
     * @throws IllegalArgumentException when a list item names a test without the form above
     */
    public static SkippedTests load(Path file) {
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the skip list " + file, e);
        }
    }

    /**
     * Parses the list's lines; {@code source} names it in errors.
     *
     * @throws IllegalArgumentException when a line starting {@code - `} is not an entry with a reason
     */
    public static SkippedTests parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!ITEM.matcher(line).find()) {
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected - `<test class>[#<method or"
                        + " display-name prefix>]`: <reason>, got: " + line);
            }
            entries.add(new Entry(entry.group(1), Optional.ofNullable(entry.group(2)), entry.group(3).strip()));
        }
        return new SkippedTests(entries);
    }

    /** Every entry, in file order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The first entry that covers the test at {@code coordinates}. */
    public Optional<Entry> find(TestCoordinates coordinates) {
        return entries.stream().filter(e -> e.covers(coordinates)).findFirst();
    }
}
