package io.portico.functions.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The handlers of {@code portico-functions-fixtures}, as deployment packages. The build copies the
 * Lambda-layout zip ({@code portico-functions-fixtures-lambda.zip}) and the plain jar
 * ({@code portico-functions-fixtures.jar}) into the directory named by the system property
 * {@code portico.fixtures.dir} (default {@code target/fixtures}); they are unpacked once per test JVM,
 * as Portico stores code unpacked, into {@code unpacked-zip} and {@code unpacked-jar} there.
 */
public final class Fixtures {
    public static final String FUNCTION_NAME = "fixture";
    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "eu-west-1";
    public static final String FUNCTION_ARN = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + FUNCTION_NAME;

    private static Path unpackedZip;
    private static Path unpackedJar;

    private Fixtures() {
    }

    public static Path directory() {
        return Path.of(System.getProperty("portico.fixtures.dir", "target/fixtures"));
    }

    /** The zip unpacked: classes at the root, dependencies in {@code lib/}. */
    public static synchronized Path lambdaZipCode() {
        if (unpackedZip == null) {
            unpackedZip = unpack(directory().resolve("portico-functions-fixtures-lambda.zip"), "zip");
        }
        return unpackedZip;
    }

    /** The plain jar unpacked: classes only, no dependencies. */
    public static synchronized Path jarCode() {
        if (unpackedJar == null) {
            unpackedJar = unpack(directory().resolve("portico-functions-fixtures.jar"), "jar");
        }
        return unpackedJar;
    }

    public static VersionSpec spec(String handler) {
        return spec(handler, Map.of());
    }

    public static VersionSpec spec(String handler, Map<String, String> environment) {
        return spec(handler, environment, "http://127.0.0.1:4566", lambdaZipCode());
    }

    public static VersionSpec spec(String handler, Map<String, String> environment, String endpoint, Path code) {
        return new VersionSpec(ACCOUNT, REGION, FUNCTION_NAME, FUNCTION_ARN, "$LATEST", "java21", handler, 512, 30,
                environment, code, endpoint);
    }

    private static Path unpack(Path archive, String label) {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("fixture package missing: " + archive.toAbsolutePath()
                    + " (built by portico-functions-fixtures, copied in process-test-resources)");
        }
        try {
            Path target = directory().toAbsolutePath().resolve("unpacked-" + label);
            deleteRecursively(target); // left by an earlier test run, perhaps of older fixtures
            Files.createDirectories(target);
            try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Path file = target.resolve(entry.getName()).normalize();
                    if (!file.startsWith(target)) {
                        throw new IOException("entry outside the archive root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(file);
                    } else {
                        Files.createDirectories(file.getParent());
                        Files.copy(zip, file);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
