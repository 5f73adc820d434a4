package io.portico.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Portico repository a test runs in: its root is the nearest directory, from the working directory
 * (a module's directory under Maven) upwards, that holds {@value SkippedTests#FILE_NAME}.
 *
 * <p>Stateless and thread-safe; never returns null.
 */
public final class Repository {
    private Repository() {
    }

    /**
     * The repository root above the working directory.
     *
     * @throws IllegalStateException when no directory above holds {@value SkippedTests#FILE_NAME}
     */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        return rootAbove(start).orElseThrow(() -> new IllegalStateException("no " + SkippedTests.FILE_NAME
                + " in " + start + " or above it: tests run inside the Portico repository"));
    }

    /** The nearest directory from {@code start} upwards that holds {@value SkippedTests#FILE_NAME}. */
    public static Optional<Path> rootAbove(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SkippedTests.FILE_NAME))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
