package io.portico.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deployment packages of {@code portico-functions-fixtures} (sample Java handlers such as
 * {@code example.EchoHandler}, {@code example.conformance.Echo}, {@code Raise::exception}), which the
 * build copies into the directory named by the system property {@code portico.fixtures.dir}
 * ({@code target/fixtures} by default): {@link #lambdaZip()} in Lambda's layout (classes at the root,
 * dependencies in {@code lib/}), ready to send as a CreateFunction {@code ZipFile}, and
 * {@link #jar()}, the classes alone.
 */
public final class FunctionFixtures {

    private FunctionFixtures() {
    }

    public static Path directory() {
        return Path.of(System.getProperty("portico.fixtures.dir", "target/fixtures"));
    }

    public static Path lambdaZip() {
        return existing(directory().resolve("portico-functions-fixtures-lambda.zip"));
    }

    public static Path jar() {
        return existing(directory().resolve("portico-functions-fixtures.jar"));
    }

    /** The zip's bytes, e.g. for {@code FunctionCode.builder().zipFile(SdkBytes.fromByteArray(...))}. */
    public static byte[] lambdaZipBytes() {
        try {
            return Files.readAllBytes(lambdaZip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fixture package missing: " + file.toAbsolutePath()
                    + " (built by portico-functions-fixtures, copied in process-test-resources)");
        }
        return file;
    }
}
