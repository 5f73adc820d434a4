package io.portico.testing;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What a test needs from the machine beyond the repository (a tool such as the AWS CLI, the shared
 * conformance data): under {@code CI=true} a missing prerequisite fails the test, because CI promises
 * to provide it; elsewhere it skips the test with the reason, and {@link SkipPolicy} lets that skip
 * pass only when {@code skipped-tests.md} lists the test.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ci whether this run is CI's (the {@code CI} environment variable is {@code true})
 */
public record Prerequisites(boolean ci) {
    /** The prerequisites of this process: CI when the environment variable {@code CI} is {@code true}. */
    public static Prerequisites fromEnvironment() {
        return new Prerequisites("true".equalsIgnoreCase(System.getenv("CI")));
    }

    /**
     * Returns when {@code met}; otherwise fails (CI) or aborts (elsewhere) the calling test.
     *
     * @param met whether the prerequisite is there
     * @param missing what is missing and how to provide it, e.g. "Debian's awscli at /usr/bin/aws"
     * @throws AssertionFailedError under CI when not met
     * @throws TestAbortedException elsewhere when not met
     */
    public void require(boolean met, String missing) {
        if (met) {
            return;
        }
        if (ci) {
            throw new AssertionFailedError("missing under CI=true, where it must be present: " + missing);
        }
        throw new TestAbortedException("missing " + missing + " (a failure under CI=true)");
    }
}
