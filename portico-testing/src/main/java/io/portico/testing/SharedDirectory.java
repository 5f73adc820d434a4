package io.portico.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared data beside the repository ({@code ../shared} from its root): the AWS-recorded conformance
 * corpus ({@code conformance/asl/cases} and friends, see its README). It lives outside the repository,
 * so a test that reads it goes through {@link #require(String)}: present, the path; absent, a failure
 * under {@code CI=true} and a skip elsewhere (see {@link Prerequisites}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the shared directory (it may not exist)
 * @param prerequisites what a missing directory does to the test
 */
public record SharedDirectory(Path path, Prerequisites prerequisites) {
    /** The system property that points at another shared directory, e.g. {@code -Dportico.shared.dir=/data/shared}. */
    public static final String PROPERTY = "portico.shared.dir";

    /** The shared directory of this run: {@value #PROPERTY} if set, else {@code shared} beside the repository root. */
    public static SharedDirectory current() {
        String configured = System.getProperty(PROPERTY);
        Path path = configured != null ? Path.of(configured) : Repository.root().resolveSibling("shared");
        return new SharedDirectory(path.toAbsolutePath().normalize(), Prerequisites.fromEnvironment());
    }

    /**
     * The file or directory at {@code relative} inside the shared directory.
     *
     * @throws org.opentest4j.AssertionFailedError under CI when it does not exist
     * @throws org.opentest4j.TestAbortedException elsewhere when it does not exist
     */
    public Path require(String relative) {
        Path resolved = path.resolve(relative);
        prerequisites.require(Files.exists(resolved), "the shared conformance data " + resolved
                + " (clone the shared directory beside the repository, or set -D" + PROPERTY + ")");
        return resolved;
    }
}
