package io.portico.functions.engine.process;

import io.portico.functions.engine.VersionSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * AWS's Java runtime interface client (aws-lambda-java-runtime-interface-client, "the RIC"), the
 * program Lambda's managed Java runtimes run, installed where worker JVMs can use it.
 *
 * <p>How Portico finds it: the build copies the RIC and the jars it runs with into this module's
 * classes ({@code io/portico/functions/engine/process/ric/}, see the module POM), so they travel
 * inside the portico-functions jar and are never on Portico's own class path. {@link #install}
 * copies them out into a directory, and extracts the RIC's JNI library (its Runtime API client is
 * native code, aws-lambda-cpp) for this platform next to them. Workers get the library through the
 * RIC's own system property for it, so they neither race to write the RIC's default
 * {@code /tmp/.libaws-lambda-jni.so} nor depend on {@code /tmp} being theirs.
 *
 * <p>The worker command is Lambda's: the RIC's class path only, {@code AWSLambda <handler>}, and the
 * function's code found by the RIC itself in its working directory (the code directory, as
 * {@code /var/task} on Lambda), loaded by its own class loader exactly as on Lambda. The JVM is
 * Portico's own ({@code java.home}) with the flags Lambda's Java runtimes start with (fast tiered
 * start, serial GC, a heap of 85% of the function's memory); {@code JAVA_TOOL_OPTIONS} in the
 * function's variables adds to them, as on Lambda. Linux only (x86_64 and aarch64, glibc or musl):
 * the platforms the RIC ships a native library for. Immutable once installed.
 */
final class JavaRuntimeInterfaceClient {
    /** The jars the build copies, in class path order; keep in step with the module POM. */
    static final List<String> JARS = List.of("aws-lambda-java-runtime-interface-client.jar",
            "aws-lambda-java-core.jar", "aws-lambda-java-serialization.jar", "utils-lite.jar", "annotations.jar");
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String RESOURCES = "ric/";

    private final List<Path> classpath;
    private final Path jniLibrary;
    private final Path java;

    private JavaRuntimeInterfaceClient(List<Path> classpath, Path jniLibrary, Path java) {
        this.classpath = List.copyOf(classpath);
        this.jniLibrary = jniLibrary;
        this.java = java;
    }

    /**
     * Copies the RIC into {@code directory} (created if needed) for workers run by {@code java}.
     *
     * @throws UnsupportedOperationException on a platform the RIC has no native library for
     */
    static JavaRuntimeInterfaceClient install(Path directory, Path java) throws IOException {
        String library = nativeLibraryName();
        Files.createDirectories(directory);
        List<Path> classpath = new ArrayList<>();
        for (String jar : JARS) {
            Path target = directory.resolve(jar);
            try (InputStream in = JavaRuntimeInterfaceClient.class.getResourceAsStream(RESOURCES + jar)) {
                if (in == null) {
                    throw new IOException("the build did not package " + RESOURCES + jar + " with Portico");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            classpath.add(target);
        }
        Path jni = directory.resolve(library);
        try (ZipFile ric = new ZipFile(classpath.getFirst().toFile())) {
            ZipEntry entry = ric.getEntry("jni/" + library);
            if (entry == null) {
                throw new IOException("the runtime interface client has no jni/" + library);
            }
            try (InputStream in = ric.getInputStream(entry)) {
                Files.copy(in, jni, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new JavaRuntimeInterfaceClient(classpath, jni, java);
    }

    /** The RIC's name for this platform's library, e.g. {@code libaws-lambda-jni.linux-x86_64.so}. */
    static String nativeLibraryName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> "";
        };
        if (!os.equals("linux") || arch.isEmpty()) {
            throw new UnsupportedOperationException("Java functions run out of process under AWS's runtime interface"
                    + " client, whose native part exists for Linux on x86_64 and aarch64 only, not for "
                    + System.getProperty("os.name") + " on " + System.getProperty("os.arch")
                    + "; run them in process instead");
        }
        String libc = musl() ? "linux_musl-" : "linux-";
        return "libaws-lambda-jni." + libc + arch + ".so";
    }

    private static boolean musl() {
        return Files.exists(Path.of("/lib/ld-musl-x86_64.so.1")) || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
    }

    /** The worker command for {@code spec}, a Java function. */
    WorkerCommand command(VersionSpec spec) {
        List<String> argv = new ArrayList<>(List.of(java.toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:MaxHeapSize=" + Math.max(16, spec.memorySizeMb() * 85 / 100) + "m",
                "--enable-native-access=ALL-UNNAMED",
                "-D" + JNI_PROPERTY + "=" + jniLibrary,
                "-classpath", String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                MAIN_CLASS, spec.handler()));
        return new WorkerCommand(argv, Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime()));
    }
}
