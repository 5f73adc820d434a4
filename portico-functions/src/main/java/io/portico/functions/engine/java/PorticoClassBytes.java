package io.portico.functions.engine.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.security.CodeSource;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class files of Portico's own copy of the classes a function loader defines per environment
 * ({@link ClassPlacement#PER_ENVIRONMENT}), read once from Portico's class path, rewritten once
 * (isolated, without checkpoints: they are not the function's code), and kept for every later
 * environment. Portico's hooks are kept as they are: they are what the rewrite points to. Thread safe.
 */
final class PorticoClassBytes {
    private static final ClassLoader PORTICO = PorticoClassBytes.class.getClassLoader();
    private static final Map<String, Optional<CodeRoots.ClassFile>> CACHE = new ConcurrentHashMap<>();

    private PorticoClassBytes() {
    }

    /** Portico's class file for {@code className}, rewritten unless it is one of the hooks; empty if Portico has none. */
    static Optional<CodeRoots.ClassFile> of(String className) {
        return CACHE.computeIfAbsent(className, PorticoClassBytes::read);
    }

    private static Optional<CodeRoots.ClassFile> read(String className) {
        String path = className.replace('.', '/') + ".class";
        URL url = PORTICO.getResource(path);
        if (url == null) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Portico's " + path, e);
        }
        if (!className.startsWith(ClassPlacement.HOOKS_PACKAGE)) {
            bytes = IsolationRewriter.rewrite(bytes, false);
        }
        return Optional.of(new CodeRoots.ClassFile(bytes, codeSource(url, path), Optional.empty()));
    }

    /** The jar or directory that {@code url} (of the entry {@code path}) lies in. */
    private static CodeSource codeSource(URL url, String path) {
        String text = url.toString();
        String location = text.startsWith("jar:") ? text.substring(4, text.indexOf("!/"))
                : text.substring(0, text.length() - path.length());
        try {
            return new CodeSource(URI.create(location).toURL(), (Certificate[]) null);
        } catch (MalformedURLException | IllegalArgumentException e) {
            return new CodeSource(null, (Certificate[]) null);
        }
    }
}
