package io.portico.functions.engine.java;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A function's code as Lambda lays it out: the unpacked package root, then {@code lib/*.jar} in
 * lexical order (Lambda's order, so that duplicate classes resolve the same way). Reads class bytes
 * for the function class loader from its own open jar files, which {@link #close} releases; the JDK's
 * URL-based jar access would keep them open in a JVM-wide cache. Thread safe.
 */
final class CodeRoots implements Closeable {

    /** A class file found in one root, with the code source and manifest its class is defined with. */
    record ClassFile(byte[] bytes, CodeSource codeSource, Optional<Manifest> manifest) {
    }

    private final Path directory;
    private final CodeSource directorySource;
    private final List<Jar> jars;

    private record Jar(JarFile file, CodeSource source) {
    }

    private CodeRoots(Path directory, List<Jar> jars) throws MalformedURLException {
        this.directory = directory;
        this.directorySource = new CodeSource(directory.toUri().toURL(), (Certificate[]) null);
        this.jars = jars;
    }

    /** Opens the code in {@code codeDirectory}; a missing {@code lib} directory means no jars. */
    static CodeRoots open(Path codeDirectory) throws IOException {
        Path root = codeDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IOException("code directory does not exist: " + root);
        }
        List<Jar> jars = new ArrayList<>();
        try {
            for (Path jar : libraryJars(root.resolve("lib"))) {
                JarFile file = new JarFile(jar.toFile(), true, ZipFile.OPEN_READ, Runtime.version());
                jars.add(new Jar(file, new CodeSource(jar.toUri().toURL(), (Certificate[]) null)));
            }
            return new CodeRoots(root, jars);
        } catch (IOException | RuntimeException e) {
            jars.forEach(jar -> closeQuietly(jar.file()));
            throw e;
        }
    }

    private static List<Path> libraryJars(Path lib) throws IOException {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    /** The roots as URLs, for resource lookup: the directory first, then the jars. */
    URL[] urls() {
        List<URL> urls = new ArrayList<>();
        urls.add(directorySource.getLocation());
        jars.forEach(jar -> urls.add(jar.source().getLocation()));
        return urls.toArray(URL[]::new);
    }

    /** The class file at {@code path} ({@code a/b/C.class}) in the first root that has it. */
    Optional<ClassFile> find(String path) {
        try {
            Path file = directory.resolve(path);
            if (file.startsWith(directory) && Files.isRegularFile(file)) {
                return Optional.of(new ClassFile(Files.readAllBytes(file), directorySource, Optional.empty()));
            }
            for (Jar jar : jars) {
                JarEntry entry = jar.file().getJarEntry(path);
                if (entry != null) {
                    try (InputStream in = jar.file().getInputStream(entry)) {
                        return Optional.of(new ClassFile(in.readAllBytes(), jar.source(), Optional.ofNullable(jar.file().getManifest())));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from " + directory, e);
        }
    }

    @Override
    public void close() {
        jars.forEach(jar -> closeQuietly(jar.file()));
    }

    private static void closeQuietly(JarFile file) {
        try {
            file.close();
        } catch (IOException e) {
            // nothing left to do with a jar we only read
        }
    }
}
